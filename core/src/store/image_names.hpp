// The store's names: which manifest an image name (as its source calls it, e.g.
// "docker.io/library/alpine:latest") stands for. One JSON file, <root>/images.json, read and
// replaced atomically under a lock, so concurrent pulls never lose each other's names.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mydocker {

struct ImageRecord {
  std::string name;
  std::string manifest_digest;
  std::string config_digest;
  std::string created;    // from the image config, RFC 3339; may be empty
  std::int64_t size = 0;  // config and layers, compressed, as the manifest lists them
};

class ImageNames {
 public:
  explicit ImageNames(const std::filesystem::path& store_root);

  std::vector<ImageRecord> list() const;  // sorted by name
  std::optional<ImageRecord> find(const std::string& name) const;
  // Adds or replaces the record of record.name.
  void put(const ImageRecord& record);
  // false when there was no such name.
  bool remove(const std::string& name);

 private:
  std::filesystem::path file_;
  std::filesystem::path lock_;
};

// Parsing and printing images.json, apart from the file handling (for unit tests).
std::vector<ImageRecord> parse_image_names(const std::string& json, const std::string& what);
std::string format_image_names(const std::vector<ImageRecord>& records);

}  // namespace mydocker
