// The files of a tar archive. Tar members cannot be opened at random, so opening scans the
// archive once: it indexes every member, keeps the small metadata ones in memory and notes the
// first bytes of the rest. read_files() then streams large members in one more pass.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "layout_files.hpp"
#include "mydocker/unique_fd.hpp"

struct archive_entry;

namespace mydocker::local {

class TarReader;

class TarFiles final : public LayoutFiles {
 public:
  // path as the user wrote it. Throws mydocker::Error when it cannot be read or is not a tar
  // archive ("PATH: not a docker-archive or OCI image (...)") or is damaged.
  explicit TarFiles(const std::string& path);

  const std::string& label() const override { return label_; }
  bool has_file(const std::string& path) override;
  FileInfo info(const std::string& path) override;
  std::string read_small(const std::string& path, std::size_t limit) override;
  void read_files(const std::vector<std::string>& paths, const ConsumerFactory& open) override;

 private:
  struct Member {
    enum class Kind { regular, symlink, directory, other, broken_hardlink };
    Kind kind = Kind::other;
    std::int64_t size = 0;
    // Which entry holds the bytes: the member's own position, or its hardlink target's.
    std::size_t data_entry = 0;
    std::string head;
    std::optional<std::string> content;  // kept in memory when small metadata
    std::string link_target;             // symlinks: where they point, as written
  };

  void scan(const std::string& path);
  void add_entry(archive_entry* entry, std::size_t position, TarReader& reader);
  // The member holding the bytes of path, following hardlinks and symlinks that stay inside
  // the archive; nullptr with the reason in why when there is none.
  const Member* find_regular(const std::string& path, std::string& why) const;
  // find_regular or an Error naming the archive and the reason.
  const Member& regular(const std::string& path) const;

  std::string label_;
  UniqueFd fd_;
  std::unordered_map<std::string, Member> members_;
  std::size_t kept_bytes_ = 0;
};

}  // namespace mydocker::local
