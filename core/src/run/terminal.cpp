#include "run/terminal.hpp"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "mydocker/errors.hpp"
#include "mydocker/fd_passing.hpp"
#include "util/fd_io.hpp"
#include "util/system_error.hpp"

namespace mydocker {

ConsoleSocket::ConsoleSocket() {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) != 0) {
    throw_errno("cannot create the console socket");
  }
  ours_.reset(fds[0]);
  isolator_.reset(fds[1]);
}

UniqueFd ConsoleSocket::receive_master(const std::string& isolation) {
  isolator_.reset();
  // The isolator sent it before exec, and start() returns after exec: it is here or never.
  UniqueFd master(receive_fd(ours_.get(), MSG_DONTWAIT));
  if (!master) throw Error("the " + isolation + " isolator did not provide a terminal for -t");
  // Non-blocking, so draining after the container exits never waits.
  ::fcntl(master.get(), F_SETFL, ::fcntl(master.get(), F_GETFL) | O_NONBLOCK);
  return master;
}

winsize own_window_size() {
  winsize size{};
  for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    if (::ioctl(fd, TIOCGWINSZ, &size) == 0) return size;
  }
  return {};
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

TerminalRelay::TerminalRelay(UniqueFd master, bool forward_stdin)
    : master_(std::move(master)), stdin_open_(forward_stdin) {}

bool TerminalRelay::resize() const {
  const winsize size = own_window_size();
  if (size.ws_row != 0) ::ioctl(master_.get(), TIOCSWINSZ, &size);
  return true;
}

int TerminalRelay::poll_fds(pollfd* fds) const {
  int n = 0;
  if (master_open_) fds[n++] = {master_.get(), POLLIN, 0};
  if (stdin_open_) fds[n++] = {STDIN_FILENO, POLLIN, 0};
  return n;
}

void TerminalRelay::handle(const pollfd* fds, int count) {
  for (int i = 0; i < count; ++i) {
    if (fds[i].revents == 0) continue;
    if (fds[i].fd == master_.get()) {
      master_open_ = copy_output();
      continue;
    }
    char buf[4096];
    const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || !write_all(master_.get(), buf, static_cast<std::size_t>(n))) stdin_open_ = false;
  }
}

bool TerminalRelay::copy_output() {
  char buf[65536];
  while (true) {
    const ssize_t n = ::read(master_.get(), buf, sizeof buf);
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
