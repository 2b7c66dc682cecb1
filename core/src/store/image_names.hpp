// The store's names: which manifest an image name (as its source calls it, e.g.
// "docker.io/library/alpine:latest") stands for. One JSON file, <root>/images.json, read and
// replaced atomically under a lock, so concurrent pulls never lose each other's names.
//
// A damaged file (empty, truncated, garbage: a disk that lost data, a hand edit) must not stop
// every command: it reads as no names, with one warning per process saying to run
// `mydocker system check --repair`. Repairing, and any command that names an image, keeps the
// entries still readable in it, sets the damaged file aside as images.json.damaged and writes
// a sound one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mydocker {

struct ImageRecord {
  std::string name;
  std::string manifest_digest;
  std::string config_digest;
  std::string created;  // from the image config, RFC 3339; may be empty
  // The files of its layers, uncompressed (image/content_size.hpp); -1 when not known (names
  // recorded by a mydocker that kept the compressed size).
  std::int64_t size = -1;
  bool pulled = false;  // from a registry: manifest_digest is the digest docker shows
};

// The file as it is on disk: its records, or why it could not be read.
struct ImageNamesFile {
  std::vector<ImageRecord> records;
  std::optional<std::string> damage;  // the parser's complaint; records is then empty
};

struct NamesRepair {
  std::size_t kept = 0;     // entries recovered from the damaged file
  std::size_t dropped = 0;  // entries recovered but refused by `usable`
  std::filesystem::path set_aside;
};

class ImageNames {
 public:
  explicit ImageNames(const std::filesystem::path& store_root);

  // Without warning: for `system check`.
  ImageNamesFile inspect() const;
  // When the file is damaged: keeps the entries readable in it that `usable` accepts, moves
  // the file to images.json.damaged and writes the kept ones. Nothing when it is sound.
  std::optional<NamesRepair> repair(const std::function<bool(const ImageRecord&)>& usable);

  std::vector<ImageRecord> list() const;  // sorted by name
  std::optional<ImageRecord> find(const std::string& name) const;
  // Adds or replaces the record of record.name.
  void put(const ImageRecord& record);
  // false when there was no such name.
  bool remove(const std::string& name);

 private:
  // Under the lock: the records, warning once if the file is damaged.
  std::vector<ImageRecord> read_warning() const;
  // Under the exclusive lock: the records to rewrite the file from. A damaged file is set
  // aside first and replaced by what could be salvaged of it.
  std::vector<ImageRecord> read_for_update();

  std::filesystem::path file_;
  std::filesystem::path lock_;
};

// Parsing and printing images.json, apart from the file handling (for unit tests).
std::vector<ImageRecord> parse_image_names(const std::string& json, const std::string& what);
std::string format_image_names(const std::vector<ImageRecord>& records);
// The entries of a damaged file that are still whole: each name with a valid manifest and
// config digest, as format_image_names writes them.
std::vector<ImageRecord> salvage_image_names(const std::string& text);

}  // namespace mydocker
