// Reading a file that may be hostile: out of an image's root filesystem, or out of an image
// directory the user named. Such a file may be a FIFO (an open would block forever), a device,
// a symlink leading out of the tree, or a sparse file of terabytes. Header-only, so the core
// and the plugins read such files the one same way.
#pragma once

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include "mydocker/errors.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker {

// What is read whole into memory from an image file (passwd, group) unless a caller says.
inline constexpr std::uint64_t kUntrustedFileLimit = 4 << 20;

// openat2(dir_fd, path, flags | O_CLOEXEC, mode) with the given RESOLVE_* flags. Returns the
// fd, or an empty UniqueFd with errno set. Throws Error if the kernel lacks openat2 (Linux <
// 5.6), since there is no safe fallback.
inline UniqueFd openat2_fd(int dir_fd, const char* path, int flags, std::uint64_t resolve,
                           unsigned mode = 0) {
  struct open_how how {};
  how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
  how.mode = mode;
  how.resolve = resolve;
  long fd;
  do {
    // EAGAIN: a rename raced with a RESOLVE_IN_ROOT lookup; the kernel asks for a retry.
    fd = ::syscall(SYS_openat2, dir_fd, path, &how, sizeof(how));
  } while (fd < 0 && (errno == EINTR || errno == EAGAIN));
  if (fd < 0 && errno == ENOSYS) {
    throw Error("this kernel lacks openat2 (Linux 5.6 or newer is needed to handle images safely)");
  }
  return UniqueFd(static_cast<int>(fd));
}

// A regular file opened for reading, whatever was at the path: only a regular file is kept.
class UntrustedFile {
 public:
  // `path` under `dir_fd`, resolved as `resolve` says (RESOLVE_IN_ROOT for an image's root,
  // RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS for a directory of blobs, 0 for a path the user
  // named). O_NONBLOCK and O_NOCTTY: opening a FIFO or a device neither blocks nor takes a
  // terminal (regular files ignore O_NONBLOCK). Nothing when no file is there; throws Error
  // naming `what` ("the image's /etc/passwd") when something else is, or when a link was
  // refused (`scope` says what it may not lead out of).
  static std::optional<UntrustedFile> open(int dir_fd, const std::string& path,
                                           std::uint64_t resolve, const std::string& what,
                                           const std::string& scope = "the directory") {
    UniqueFd fd = openat2_fd(dir_fd, path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY, resolve);
    if (!fd) {
      const int err = errno;
      if (err == ENOENT || err == ENOTDIR) return std::nullopt;
      if ((err == ELOOP || err == EXDEV) && (resolve & (RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS))) {
        throw Error(what + " is a symbolic link or leads outside " + scope +
                    "; refusing to read it");
      }
      throw Error("cannot open " + what + ": " + std::strerror(err));
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0)
      throw Error("cannot stat " + what + ": " + std::strerror(errno));
    if (!S_ISREG(st.st_mode)) {
      throw Error(what + " is " + kind_of(st.st_mode) +
                  ", not a regular file; refusing to read it");
    }
    return UntrustedFile(std::move(fd), static_cast<std::uint64_t>(st.st_size), what);
  }

  int fd() const { return fd_.get(); }
  std::uint64_t size() const { return size_; }

  // Up to `size` bytes from where the last read ended; 0 at the end. Throws Error on failure.
  std::size_t read_some(char* buf, std::size_t size) {
    while (true) {
      const ssize_t n = ::read(fd_.get(), buf, size);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) throw Error("cannot read " + what_ + ": " + std::strerror(errno));
    }
  }

  // The whole file. Never holds more than `limit` bytes, even of a file that grows or lies
  // about its size: beyond that, throws Error naming the file and the limit.
  std::string read_whole(std::uint64_t limit = kUntrustedFileLimit) {
    if (size_ > limit) throw too_large(limit);
    std::string out;
    out.reserve(static_cast<std::size_t>(size_));
    char buf[65536];
    while (true) {
      const auto room = static_cast<std::size_t>(std::min<std::uint64_t>(
          sizeof buf, limit + 1 - std::min<std::uint64_t>(limit, out.size())));
      const std::size_t n = read_some(buf, room);
      if (n == 0) return out;
      out.append(buf, n);
      if (out.size() > limit) throw too_large(limit);
    }
  }

 private:
  UntrustedFile(UniqueFd fd, std::uint64_t size, std::string what)
      : fd_(std::move(fd)), size_(size), what_(std::move(what)) {}

  static const char* kind_of(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "an unusual file";
  }

  Error too_large(std::uint64_t limit) const {
    const std::string limit_text = limit % (1 << 20) == 0 ? std::to_string(limit >> 20) + " MiB"
                                                          : std::to_string(limit) + " bytes";
    // A size from fstat, unless the file grew past the limit while being read.
    const std::string size_text = size_ > limit ? " " + std::to_string(size_) + " bytes," : "";
    return Error(what_ + " is" + size_text + " over the " + limit_text +
                 " limit for reading it; refusing to read it");
  }

  UniqueFd fd_;
  std::uint64_t size_;
  std::string what_;
};

// The whole of an untrusted file (see UntrustedFile), or nothing when no file is there.
inline std::optional<std::string> read_untrusted_file(int dir_fd, const std::string& path,
                                                      std::uint64_t resolve,
                                                      const std::string& what,
                                                      std::uint64_t limit = kUntrustedFileLimit) {
  auto file = UntrustedFile::open(dir_fd, path, resolve, what);
  if (!file) return std::nullopt;
  return file->read_whole(limit);
}

}  // namespace mydocker
