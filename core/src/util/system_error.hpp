// Turning a failed system call into a mydocker::Error a user can read.
#pragma once

#include <cerrno>
#include <cstring>
#include <string>

#include "mydocker/errors.hpp"

namespace mydocker {

// "WHAT: strerror(errno)", e.g. "cannot open /x/y: No such file or directory".
[[noreturn]] inline void throw_errno(const std::string& what, int err = errno) {
  throw Error(what + ": " + std::strerror(err));
}

}  // namespace mydocker
