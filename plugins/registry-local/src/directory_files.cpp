#include "directory_files.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "mydocker/errors.hpp"

namespace mydocker::local {

namespace {

constexpr std::size_t kChunk = 1024 * 1024;

int open_beneath(int dir_fd, const std::string& path) {
  struct open_how how {};
  how.flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS;
  long fd;
  do {
    fd = ::syscall(SYS_openat2, dir_fd, path.c_str(), &how, sizeof(how));
  } while (fd < 0 && (errno == EINTR || errno == EAGAIN));
  return static_cast<int>(fd);
}

// read() that retries interrupted calls; returns 0 at the end of the file.
std::size_t read_some(int fd, char* buf, std::size_t size, const std::string& what) {
  for (;;) {
    const ssize_t n = ::read(fd, buf, size);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) throw Error(what + ": read failed: " + std::strerror(errno));
  }
}

}  // namespace

DirectoryFiles::DirectoryFiles(const std::string& path) : label_("layout " + path) {
  dir_.reset(::open(path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!dir_) throw Error(path + ": " + std::strerror(errno));
}

UniqueFd DirectoryFiles::open_file(const std::string& path, std::int64_t& size) {
  UniqueFd fd(open_beneath(dir_.get(), path));
  if (!fd) {
    const int err = errno;
    const std::string what = label_ + ": " + path;
    switch (err) {
      case ENOENT:
        throw Error(what + " is missing");
      case ELOOP:
      case EXDEV:
        throw Error(what + " is a symbolic link or leads outside the layout; refusing to read it");
      case ENOSYS:
        throw Error(
            "this kernel lacks openat2 (Linux 5.6 or newer is needed to read OCI layouts "
            "safely)");
      default:
        throw Error(what + ": " + std::strerror(err));
    }
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw Error(label_ + ": " + path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) throw Error(label_ + ": " + path + " is not a regular file");
  // O_NONBLOCK only kept a FIFO from blocking the open; regular files ignore it, clear it anyway.
  ::fcntl(fd.get(), F_SETFL, 0);
  size = st.st_size;
  return fd;
}

bool DirectoryFiles::has_file(const std::string& path) {
  UniqueFd fd(open_beneath(dir_.get(), path));
  struct stat st {};
  return fd && ::fstat(fd.get(), &st) == 0 && S_ISREG(st.st_mode);
}

FileInfo DirectoryFiles::info(const std::string& path) {
  FileInfo out;
  UniqueFd fd = open_file(path, out.size);
  out.head.resize(kHeadSize);
  std::size_t got = 0;
  while (got < kHeadSize) {
    const std::size_t n = read_some(fd.get(), out.head.data() + got, kHeadSize - got, label_);
    if (n == 0) break;
    got += n;
  }
  out.head.resize(got);
  return out;
}

std::string DirectoryFiles::read_small(const std::string& path, std::size_t limit) {
  std::int64_t size = 0;
  UniqueFd fd = open_file(path, size);
  if (static_cast<std::uint64_t>(size) > limit) {
    throw Error(label_ + ": " + path + " is larger than " + std::to_string(limit >> 20) +
                " MiB, too large for image metadata");
  }
  std::string out(static_cast<std::size_t>(size), '\0');
  std::size_t got = 0;
  while (got < out.size()) {
    const std::size_t n = read_some(fd.get(), out.data() + got, out.size() - got, label_);
    if (n == 0) break;
    got += n;
  }
  out.resize(got);
  return out;
}

void DirectoryFiles::read_files(const std::vector<std::string>& paths,
                                const ConsumerFactory& open) {
  std::vector<char> buf(kChunk);
  for (const auto& path : paths) {
    std::int64_t size = 0;
    UniqueFd fd = open_file(path, size);
    auto consumer = open(path);
    for (;;) {
      const std::size_t n = read_some(fd.get(), buf.data(), buf.size(), label_ + ": " + path);
      if (n == 0) break;
      consumer->write(buf.data(), n);
    }
    consumer->finish();
  }
}

}  // namespace mydocker::local
