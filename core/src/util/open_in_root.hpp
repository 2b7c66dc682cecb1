// Resolving a path inside a directory tree as if it were the root (openat2 RESOLVE_IN_ROOT):
// "..", absolute symlinks and absolute paths all stay inside, which is what makes an untrusted
// image's paths safe to act on from the host. openat2_fd itself is in the SDK
// (mydocker/untrusted_file.hpp), shared with the plugins.
#pragma once

#include <string>

#include "mydocker/unique_fd.hpp"
#include "mydocker/untrusted_file.hpp"

namespace mydocker {

// openat2_fd with RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS.
UniqueFd open_in_root(int root_fd, const std::string& path, int flags, unsigned mode = 0);

}  // namespace mydocker
