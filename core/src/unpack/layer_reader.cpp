#include "unpack/layer_reader.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <cerrno>

#include "mydocker/errors.hpp"
#include "util/system_error.hpp"

namespace mydocker {

std::uint64_t content_bytes_of(archive_entry* entry) {
  if (archive_entry_filetype(entry) != AE_IFREG || archive_entry_hardlink(entry) != nullptr ||
      archive_entry_size(entry) <= 0) {
    return 0;
  }
  return static_cast<std::uint64_t>(archive_entry_size(entry));
}

namespace {

constexpr std::size_t kReadBlockSize = 128 * 1024;

std::string archive_message(archive* a) {
  const char* message = archive_error_string(a);
  return message ? message : "unknown error";
}

}  // namespace

void LayerReader::ReadFree::operator()(archive* a) const noexcept { archive_read_free(a); }

LayerReader::LayerReader(const std::string& layer_path, std::string_view layer_name)
    : name_(layer_name) {
  fd_.reset(::open(layer_path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd_) throw_errno(name_ + ": cannot open " + layer_path);
  struct stat st {};
  if (::fstat(fd_.get(), &st) != 0) throw_errno(name_ + ": cannot read " + layer_path);
  // libarchive would call this an unrecognized format, which misleads more than it helps.
  if (S_ISREG(st.st_mode) && st.st_size == 0) {
    throw Error(name_ + ": the layer file " + layer_path + " is empty, not a tar archive");
  }
  open_archives(fd_.get());
}

LayerReader::LayerReader(int fd, std::string_view layer_name) : name_(layer_name) {
  open_archives(fd);
}

void LayerReader::open_archives(int fd) {
  raw_.reset(archive_read_new());
  tar_.reset(archive_read_new());
  if (!raw_ || !tar_) throw Error(name_ + ": out of memory");
  // Only the compressions OCI layers use. "all" would add filters libarchive runs as external
  // programs (lrzip, lzop, grzip), which untrusted bytes should not get to choose.
  archive_read_support_filter_gzip(raw_.get());
  archive_read_support_filter_zstd(raw_.get());
  archive_read_support_format_raw(raw_.get());
  if (archive_read_open_fd(raw_.get(), fd, kReadBlockSize) != ARCHIVE_OK) {
    throw Error(name_ + ": cannot decompress it: " + archive_message(raw_.get()));
  }
  archive_entry* stream = nullptr;
  if (archive_read_next_header(raw_.get(), &stream) != ARCHIVE_OK) {
    throw Error(name_ + ": cannot decompress it: " + archive_message(raw_.get()));
  }
  spdlog::debug("{}: compression {}", name_, archive_filter_name(raw_.get(), 0));

  // No filter on this one: a tar inside the decompressed stream, nothing else.
  archive_read_support_format_tar(tar_.get());
  if (archive_read_open(tar_.get(), this, nullptr, &LayerReader::feed, nullptr) != ARCHIVE_OK) {
    throw Error(name_ + ": " + error_text());
  }
}

LayerReader::~LayerReader() = default;

la_ssize_t LayerReader::feed(archive* tar, void* self, const void** buffer) noexcept {
  auto* reader = static_cast<LayerReader*>(self);
  const la_ssize_t size = reader->next_block(buffer);
  if (size < 0) archive_set_error(tar, EIO, "%s", reader->decompress_error_.c_str());
  return size;
}

la_ssize_t LayerReader::next_block(const void** buffer) noexcept {
  while (!raw_done_) {
    std::size_t size = 0;
    la_int64_t offset = 0;
    const int status = archive_read_data_block(raw_.get(), buffer, &size, &offset);
    if (status == ARCHIVE_EOF) {
      raw_done_ = true;
      break;
    }
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      decompress_error_ = "cannot decompress it: " + archive_message(raw_.get());
      return -1;
    }
    // libarchive's own buffer is handed on as is: the tar reader only needs it until it asks
    // for the next block, which is exactly how long the raw reader keeps it.
    if (size == 0) continue;
    hash_.update(*buffer, size);
    bytes_ += size;
    return static_cast<la_ssize_t>(size);
  }
  return 0;
}

archive_entry* LayerReader::next() {
  archive_entry* entry = nullptr;
  const int status = archive_read_next_header(tar_.get(), &entry);
  if (status == ARCHIVE_OK) return entry;
  if (status == ARCHIVE_EOF) return nullptr;
  if (status == ARCHIVE_WARN) {
    // E.g. a UTF-8 name that does not convert to the C locale: the raw bytes are kept, which is
    // what the image means.
    spdlog::debug("{}: {}", name_, archive_message(tar_.get()));
    return entry;
  }
  throw Error(name_ + ": " + error_text());
}

std::string LayerReader::error_text() const {
  if (!decompress_error_.empty()) return decompress_error_;
  return "not a valid tar archive: " + archive_message(tar_.get());
}

std::string LayerReader::finish() {
  const void* buffer = nullptr;
  la_ssize_t size;
  while ((size = next_block(&buffer)) > 0) {
  }
  if (size < 0) throw Error(name_ + ": " + decompress_error_);
  return hash_.finish();
}

}  // namespace mydocker
