// The content-addressable blob store: <root>/blobs/sha256/<hex>. A blob appears there only
// after its size and digest were verified, by an atomic link of a fully written file, so a
// crash or kill at any moment never leaves a partial blob under a digest name.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "mydocker/image_source.hpp"

namespace mydocker {

class BlobStore : public IBlobSink {
 public:
  // Creates the directories it needs under `root` (unless !create_dirs: only to read).
  explicit BlobStore(std::filesystem::path root, bool create_dirs = true);

  const std::filesystem::path& root() const { return root_; }
  bool has(std::string_view digest) const;
  // Path of a stored blob; the digest must be valid.
  std::filesystem::path path_of(std::string_view digest) const;
  // Reads a stored blob of at most `limit` bytes (manifests, configs): larger is an Error.
  std::string read_small(std::string_view digest, std::size_t limit) const;

  std::unique_ptr<IBlobWriter> open(const Descriptor& blob) override;

 private:
  std::filesystem::path root_;
  std::filesystem::path blobs_dir_;
};

}  // namespace mydocker
