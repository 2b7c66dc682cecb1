// An OCI image layout directory. Every file is opened beneath the directory's fd with openat2,
// refusing symlinks and "..", so a hostile layout cannot make us read anything outside it, and
// as an UntrustedFile: a FIFO or device is refused without blocking, metadata is size-capped.
#pragma once

#include <string>

#include "layout_files.hpp"
#include "mydocker/unique_fd.hpp"
#include "mydocker/untrusted_file.hpp"

namespace mydocker::local {

class DirectoryFiles final : public LayoutFiles {
 public:
  // path as the user wrote it; throws mydocker::Error when it cannot be opened as a directory.
  explicit DirectoryFiles(const std::string& path);

  const std::string& label() const override { return label_; }
  bool has_file(const std::string& path) override;
  FileInfo info(const std::string& path) override;
  std::string read_small(const std::string& path, std::size_t limit) override;
  void read_files(const std::vector<std::string>& paths, const ConsumerFactory& open) override;

 private:
  // The open file; throws when it is missing, a symlink or not a regular file.
  UntrustedFile open_file(const std::string& path);

  std::string label_;
  UniqueFd dir_;
};

}  // namespace mydocker::local
