// Whole reads and writes on a file descriptor, retrying what the kernel cuts short.
#pragma once

#include <cstddef>
#include <string>

namespace mydocker {

// Writes all of it, retrying on EINTR and waiting while a non-blocking fd is full.
// False with errno set when it cannot (the reader is gone, say).
bool write_all(int fd, const void* data, std::size_t size) noexcept;

// Appends everything up to end of file to `out`. False with errno set on a read error.
bool read_all(int fd, std::string& out);

}  // namespace mydocker
