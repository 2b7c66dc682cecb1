// Whole writes on a file descriptor, retrying what the kernel cuts short. (Whole reads of a
// file are mydocker/untrusted_file.hpp's, bounded.)
#pragma once

#include <cstddef>

namespace mydocker {

// Writes all of it, retrying on EINTR and waiting while a non-blocking fd is full.
// False with errno set when it cannot (the reader is gone, say).
bool write_all(int fd, const void* data, std::size_t size) noexcept;

}  // namespace mydocker
