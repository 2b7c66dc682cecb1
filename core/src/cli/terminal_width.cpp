#include "cli/terminal_width.hpp"

#include <sys/ioctl.h>

#include <charconv>
#include <cstdlib>
#include <cstring>

namespace mydocker {

std::size_t terminal_width(int fd) {
  if (const char* env = std::getenv("COLUMNS"); env != nullptr) {
    std::size_t columns = 0;
    const char* end = env + std::strlen(env);
    if (std::from_chars(env, end, columns).ptr == end && columns > 0) return columns;
  }
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

}  // namespace mydocker
