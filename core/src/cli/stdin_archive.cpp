#include "cli/stdin_archive.hpp"

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <vector>

#include "mydocker/errors.hpp"
#include "mydocker/unique_fd.hpp"
#include "util/fd_io.hpp"
#include "util/interruption.hpp"
#include "util/system_error.hpp"

namespace mydocker {

namespace {

constexpr const char* kNoInput = "requested load from stdin, but stdin is empty";

// Waits for data in short naps: the interrupting signals are blocked, so a read blocked on a
// silent pipe would not notice a Ctrl-C.
void wait_readable(int fd) {
  pollfd p{fd, POLLIN, 0};
  while (true) {
    throw_if_interrupted();
    const int n = ::poll(&p, 1, 200);
    if (n > 0) return;
    if (n < 0 && errno != EINTR) throw_errno("cannot read stdin");
  }
}

}  // namespace

void StdinArchive::refuse_terminal() {
  if (::isatty(STDIN_FILENO) == 1) throw Error(kNoInput);
}

StdinArchive::StdinArchive(const std::filesystem::path& temp_dir) {
  refuse_terminal();
  std::string dir = (temp_dir / "stdin-XXXXXX").string();
  if (::mkdtemp(dir.data()) == nullptr) throw_errno("cannot create a directory in " + dir);
  dir_ = dir;
  file_ = dir_ / "_stdin";
  try {
    copy_stdin();
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    throw;
  }
}

StdinArchive::~StdinArchive() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void StdinArchive::copy_stdin() {
  UniqueFd out(::open(file_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!out) throw_errno("cannot create " + file_.string());
  std::vector<char> buffer(1 << 20);
  std::uint64_t total = 0;
  while (true) {
    wait_readable(STDIN_FILENO);
    const ssize_t n = ::read(STDIN_FILENO, buffer.data(), buffer.size());
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < 0) throw_errno("cannot read stdin");
    if (n == 0) break;
    if (!write_all(out.get(), buffer.data(), static_cast<std::size_t>(n))) {
      throw_errno("cannot write the archive read from stdin to " + file_.string());
    }
    total += static_cast<std::uint64_t>(n);
  }
  if (total == 0) throw Error(kNoInput);
}

}  // namespace mydocker
