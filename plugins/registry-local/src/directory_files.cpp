#include "directory_files.hpp"

#include <fcntl.h>
#include <linux/openat2.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "mydocker/errors.hpp"

namespace mydocker::local {

namespace {

constexpr std::size_t kChunk = 1024 * 1024;

// Nothing in a layout is a symlink, and nothing may lead out of it.
constexpr std::uint64_t kResolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS;

}  // namespace

DirectoryFiles::DirectoryFiles(const std::string& path) : label_("layout " + path) {
  dir_.reset(::open(path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!dir_) throw Error(path + ": " + std::strerror(errno));
}

UntrustedFile DirectoryFiles::open_file(const std::string& path) {
  auto file = UntrustedFile::open(dir_.get(), path, kResolve, label_ + ": " + path, "the layout");
  if (!file) throw Error(label_ + ": " + path + " is missing");
  return std::move(*file);
}

bool DirectoryFiles::has_file(const std::string& path) {
  try {
    return UntrustedFile::open(dir_.get(), path, kResolve, path).has_value();
  } catch (const Error&) {
    return false;  // there, but not a regular file
  }
}

FileInfo DirectoryFiles::info(const std::string& path) {
  UntrustedFile file = open_file(path);
  FileInfo out;
  out.size = static_cast<std::int64_t>(file.size());
  out.head.resize(kHeadSize);
  std::size_t got = 0;
  while (got < kHeadSize) {
    const std::size_t n = file.read_some(out.head.data() + got, kHeadSize - got);
    if (n == 0) break;
    got += n;
  }
  out.head.resize(got);
  return out;
}

std::string DirectoryFiles::read_small(const std::string& path, std::size_t limit) {
  return open_file(path).read_whole(limit);
}

void DirectoryFiles::read_files(const std::vector<std::string>& paths,
                                const ConsumerFactory& open) {
  std::vector<char> buf(kChunk);
  for (const auto& path : paths) {
    UntrustedFile file = open_file(path);
    auto consumer = open(path);
    for (;;) {
      const std::size_t n = file.read_some(buf.data(), buf.size());
      if (n == 0) break;
      consumer->write(buf.data(), n);
    }
    consumer->finish();
  }
}

}  // namespace mydocker::local
