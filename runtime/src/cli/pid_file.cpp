#include "cli/pid_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "mydocker/errors.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker::runtime {

void write_pid_file(const std::string& path, pid_t pid) {
  // Beside the target, so the rename stays within one file system.
  const auto slash = path.rfind('/');
  const std::string temp =
      (slash == std::string::npos ? std::string() : path.substr(0, slash + 1)) + "." +
      path.substr(slash == std::string::npos ? 0 : slash + 1) + ".tmp";
  const auto fail = [&](const std::string& what) {
    return Error("cannot write the pid file " + path + ": " + what + ": " + std::strerror(errno));
  };
  {
    UniqueFd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd) throw fail("open " + temp);
    const std::string text = std::to_string(pid);
    if (::write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
      const Error error = fail("write");
      ::unlink(temp.c_str());
      throw error;
    }
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const Error error = fail("rename");
    ::unlink(temp.c_str());
    throw error;
  }
}

}  // namespace mydocker::runtime
