#include "tar_reader.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mydocker::local {

namespace {

constexpr std::size_t kBlockSize = 1024 * 1024;

}  // namespace

void TarReader::Free::operator()(archive* a) const noexcept { archive_read_free(a); }

TarReader::TarReader(int fd, std::string label)
    : archive_(archive_read_new()), label_(std::move(label)) {
  if (!archive_) throw Error(label_ + ": out of memory");
  if (::lseek(fd, 0, SEEK_SET) != 0) {
    throw Error(label_ + ": cannot rewind: " + std::strerror(errno));
  }
  // `docker save | gzip` is common. Only filters libarchive implements itself are enabled:
  // support_filter_all would also run external programs on untrusted input.
  archive_read_support_filter_gzip(archive_.get());
  archive_read_support_filter_bzip2(archive_.get());
  archive_read_support_filter_xz(archive_.get());
  archive_read_support_filter_zstd(archive_.get());
  archive_read_support_format_tar(archive_.get());
  if (archive_read_open_fd(archive_.get(), fd, kBlockSize) != ARCHIVE_OK) {
    fail("cannot open it as a tar archive");
  }
}

TarReader::~TarReader() = default;

void TarReader::fail(const std::string& doing) {
  const char* why = archive_error_string(archive_.get());
  throw TarError(label_ + ": " + doing + (why ? std::string(" (") + why + ")" : std::string()),
                 entries_ == 0);
}

archive_entry* TarReader::next() {
  archive_entry* entry = nullptr;
  const int r = archive_read_next_header(archive_.get(), &entry);
  if (r == ARCHIVE_EOF) return nullptr;
  if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
    fail(entries_ == 0 ? "not a tar archive" : "truncated or corrupt tar archive");
  }
  ++entries_;
  return entry;
}

std::size_t TarReader::read(void* buf, std::size_t size) {
  const la_ssize_t n = archive_read_data(archive_.get(), buf, size);
  if (n < 0) fail("truncated or corrupt tar archive");
  return static_cast<std::size_t>(n);
}

}  // namespace mydocker::local
