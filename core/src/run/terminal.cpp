#include "run/terminal.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>

#include "util/system_error.hpp"

namespace mydocker {

namespace {

// Writes all of it, waiting while a non-blocking fd is full. False when the reader is gone.
bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        pollfd p{fd, POLLOUT, 0};
        ::poll(&p, 1, -1);
        continue;
      }
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

PseudoTerminal::PseudoTerminal() : master_(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)) {
  if (!master_) throw_errno("cannot open a pseudo-terminal");
  if (::grantpt(master_.get()) != 0 || ::unlockpt(master_.get()) != 0) {
    throw_errno("cannot set up the pseudo-terminal");
  }
  char name[64];
  if (::ptsname_r(master_.get(), name, sizeof name) != 0) throw_errno("ptsname");
  slave_.reset(::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC));
  if (!slave_) throw_errno(std::string("cannot open ") + name);
  // Non-blocking, so draining after the container exits never waits.
  ::fcntl(master_.get(), F_SETFL, ::fcntl(master_.get(), F_GETFL) | O_NONBLOCK);
  copy_window_size();
}

void PseudoTerminal::copy_window_size() const {
  winsize size{};
  for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    if (::ioctl(fd, TIOCGWINSZ, &size) == 0) {
      ::ioctl(master_.get(), TIOCSWINSZ, &size);
      return;
    }
  }
}

RawTerminalMode::RawTerminalMode(int fd) : fd_(fd) {
  termios t{};
  if (::tcgetattr(fd, &t) != 0) return;
  saved_ = t;
  ::cfmakeraw(&t);
  ::tcsetattr(fd, TCSADRAIN, &t);
}

RawTerminalMode::~RawTerminalMode() {
  if (saved_) ::tcsetattr(fd_, TCSADRAIN, &*saved_);
}

TerminalRelay::TerminalRelay(const PseudoTerminal& pty, bool forward_stdin)
    : pty_(pty), stdin_open_(forward_stdin) {}

int TerminalRelay::poll_fds(pollfd* fds) const {
  int n = 0;
  if (master_open_) fds[n++] = {pty_.master(), POLLIN, 0};
  if (stdin_open_) fds[n++] = {STDIN_FILENO, POLLIN, 0};
  return n;
}

void TerminalRelay::handle(const pollfd* fds, int count) {
  for (int i = 0; i < count; ++i) {
    if (fds[i].revents == 0) continue;
    if (fds[i].fd == pty_.master()) {
      master_open_ = copy_output();
      continue;
    }
    char buf[4096];
    const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || !write_all(pty_.master(), buf, static_cast<std::size_t>(n))) stdin_open_ = false;
  }
}

bool TerminalRelay::copy_output() {
  char buf[65536];
  while (true) {
    const ssize_t n = ::read(pty_.master(), buf, sizeof buf);
    if (n > 0) {
      if (!write_all(STDOUT_FILENO, buf, static_cast<std::size_t>(n))) return false;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    // EAGAIN: nothing more for now. EIO or EOF: every slave is closed.
    return n < 0 && errno == EAGAIN;
  }
}

void TerminalRelay::drain() {
  if (master_open_) master_open_ = copy_output();
}

}  // namespace mydocker
