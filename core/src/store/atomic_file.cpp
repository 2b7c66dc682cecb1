#include "store/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "mydocker/unique_fd.hpp"
#include "util/system_error.hpp"

namespace mydocker {

void sync_directory(const std::filesystem::path& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd || ::fsync(fd.get()) != 0) throw_errno("cannot sync directory " + dir.string());
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  const auto temp =
      path.parent_path() / (".tmp-" + path.filename().string() + "-" + std::to_string(::getpid()));
  {
    UniqueFd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644));
    if (!fd) throw_errno("cannot create " + temp.string());
    std::size_t done = 0;
    while (done < content.size()) {
      const ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        throw_errno("cannot write " + temp.string(), err);
      }
      done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0) {
      const int err = errno;
      ::unlink(temp.c_str());
      throw_errno("cannot sync " + temp.string(), err);
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    throw_errno("cannot replace " + path.string(), err);
  }
  sync_directory(path.parent_path());
}

}  // namespace mydocker
