// Reading a layer blob as a tar stream, whatever its compression, hashing the stream on the way.
#pragma once

#include <archive.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "mydocker/unique_fd.hpp"
#include "util/digest_check.hpp"

namespace mydocker {

// Two libarchive readers in a chain: the first only decompresses (format "raw", compression
// detected from the bytes), the second parses tar from what the first hands it. The bytes
// passing between them are the uncompressed tar stream, whose sha256 is the layer's diff_id.
// Nothing is held beyond libarchive's buffers: the layer is streamed.
// The bytes an entry adds to a layer's content as `images` counts it: a regular file's size;
// a hard link adds nothing, its target was counted.
std::uint64_t content_bytes_of(archive_entry* entry);

class LayerReader {
 public:
  // Throws Error naming `layer_name` when the file cannot be opened or decompressed.
  LayerReader(const std::string& layer_path, std::string_view layer_name);
  // Reads from `fd`, which stays the caller's (a pipe or socket).
  LayerReader(int fd, std::string_view layer_name);
  LayerReader(const LayerReader&) = delete;
  LayerReader& operator=(const LayerReader&) = delete;
  ~LayerReader();

  // The next entry, or nullptr after the last. Throws Error when the layer is not a valid tar
  // stream or cannot be decompressed.
  archive_entry* next();
  // The tar reader, for archive_read_data_block() on the current entry.
  archive* tar() const noexcept { return tar_.get(); }
  // Why the last libarchive call on tar() failed, in words for the user.
  std::string error_text() const;
  // Reads the rest of the uncompressed stream (the tar padding after the end-of-archive marker
  // is part of what the diff_id covers) and returns "sha256:<hex>". Call once, at the end.
  std::string finish();
  std::uint64_t uncompressed_bytes() const noexcept { return bytes_; }

 private:
  struct ReadFree {
    void operator()(archive* a) const noexcept;
  };
  using ArchivePtr = std::unique_ptr<archive, ReadFree>;

  // libarchive's read callback of the tar reader: the next decompressed block, hashed.
  static la_ssize_t feed(archive* tar, void* self, const void** buffer) noexcept;
  // The next decompressed block; 0 at the end, -1 on an error (kept in decompress_error_).
  la_ssize_t next_block(const void** buffer) noexcept;
  void open_archives(int fd);

  std::string name_;
  UniqueFd fd_;
  ArchivePtr raw_;
  ArchivePtr tar_;
  Sha256 hash_;
  std::uint64_t bytes_ = 0;
  bool raw_done_ = false;
  std::string decompress_error_;
};

}  // namespace mydocker
