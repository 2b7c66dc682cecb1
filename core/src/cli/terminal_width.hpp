// How wide the output is, for help text and pull progress.
#pragma once

#include <cstddef>

namespace mydocker {

// $COLUMNS when set (the user's override, as git and Python take it); else the width of the
// terminal on `fd`; else 80 (a pipe, a file, help2man).
std::size_t terminal_width(int fd);

}  // namespace mydocker
