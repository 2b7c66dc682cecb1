// Helpers for isolators, header-only: what every isolator does around its clone and exec.
#pragma once

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "mydocker/errors.hpp"

namespace mydocker {

// argv or envp for execve: pointers into `strings`, null-terminated. Build it before the clone;
// it stays valid while `strings` is unchanged.
inline std::vector<char*> exec_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// mkdir -p for an absolute path under the current root, without allocating, so it can run
// between clone and exec. A component that exists is fine, whatever it is: the chdir or open
// that follows reports what is wrong. Returns false with errno set.
inline bool make_directories(const char* path, bool include_last) noexcept {
  char buf[4096];
  const std::size_t len = std::strlen(path);
  if (len >= sizeof buf) {
    errno = ENAMETOOLONG;
    return false;
  }
  std::memcpy(buf, path, len + 1);
  for (std::size_t i = 1; i <= len; ++i) {
    if (buf[i] != '/' && buf[i] != '\0') continue;
    if (buf[i] == '\0' && !include_last) break;
    const char saved = buf[i];
    buf[i] = '\0';
    if (::mkdir(buf, 0755) != 0 && errno != EEXIST) return false;
    buf[i] = saved;
  }
  return true;
}

// The error for an execve of `command` that failed with `error`, with docker's exit codes:
// 127 when the file (or its program interpreter) is missing, 126 otherwise.
inline ExecError exec_failure(const std::string& command, int error) {
  const std::string what = "exec \"" + command + "\": ";
  if (error == ENOENT) {
    return ExecError(127, what +
                              "no such file or directory in the image (or its program "
                              "interpreter is missing)");
  }
  return ExecError(126, what + std::strerror(error));
}

}  // namespace mydocker
