// Resolving a path inside a directory tree as if it were the root (openat2 RESOLVE_IN_ROOT):
// "..", absolute symlinks and absolute paths all stay inside, which is what makes an untrusted
// image's paths safe to act on from the host.
#pragma once

#include <cstdint>
#include <string>

#include "mydocker/unique_fd.hpp"

namespace mydocker {

// openat2(dir_fd, path, flags | O_CLOEXEC, mode) with the given RESOLVE_* flags. Returns the
// fd, or an empty UniqueFd with errno set. Throws Error if the kernel lacks openat2 (Linux <
// 5.6), since there is no safe fallback.
UniqueFd openat2_fd(int dir_fd, const char* path, int flags, std::uint64_t resolve,
                    unsigned mode = 0);

// openat2_fd with RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS.
UniqueFd open_in_root(int root_fd, const std::string& path, int flags, unsigned mode = 0);

}  // namespace mydocker
