#include "run/stdio_relay.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>

#include "util/fd_io.hpp"
#include "util/system_error.hpp"

namespace mydocker {

namespace {

// Writes to a pipe whose reader may be gone without dying of SIGPIPE: the signal is blocked
// for the write and a pending one taken back, so the container's own SIGPIPE disposition (the
// default, inherited at exec) is not touched.
bool write_to_pipe(int fd, const char* data, std::size_t size) {
  sigset_t pipe_signal, previous;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  ::pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous);
  const bool ok = write_all(fd, data, size);
  if (!ok && errno == EPIPE) {
    const timespec now{};
    ::sigtimedwait(&pipe_signal, nullptr, &now);
  }
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return ok;
}

}  // namespace

StdioRelay::StdioRelay(ContainerSpec& spec, bool forward_stdin) {
  int* container_fds[] = {&spec.stdin_fd, &spec.stdout_fd, &spec.stderr_fd};
  for (int own = 0; own < 3; ++own) {
    if ((own == 0 && !forward_stdin) || *container_fds[own] != own || !::isatty(own)) continue;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw_errno("cannot create a pipe for the container's stdio");
    Stream& stream = streams_[own];
    const bool input = own == 0;
    stream.own_fd = own;
    stream.relay_end.reset(input ? fds[1] : fds[0]);
    stream.container_end.reset(input ? fds[0] : fds[1]);
    stream.open = true;
    // Output is read until it would block, so the loop never stalls on one stream.
    if (!input) ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
    *container_fds[own] = stream.container_end.get();
  }
}

bool StdioRelay::active() const {
  for (const Stream& stream : streams_) {
    if (stream.open) return true;
  }
  return false;
}

void StdioRelay::container_started() {
  for (Stream& stream : streams_) stream.container_end.reset();
}

int StdioRelay::poll_fds(pollfd* fds) const {
  int n = 0;
  for (const Stream& stream : streams_) {
    if (!stream.open) continue;
    // Input waits on mydocker's stdin; output on the pipe the container writes.
    const int fd = stream.own_fd == 0 ? 0 : stream.relay_end.get();
    fds[n++] = {fd, POLLIN, 0};
  }
  return n;
}

void StdioRelay::handle(const pollfd* fds, int count) {
  for (int i = 0; i < count; ++i) {
    if (fds[i].revents == 0) continue;
    for (Stream& stream : streams_) {
      if (!stream.open) continue;
      if (stream.own_fd == 0 && fds[i].fd == 0) copy_input(stream);
      if (stream.own_fd != 0 && fds[i].fd == stream.relay_end.get()) {
        stream.open = copy_output(stream);
      }
    }
  }
}

void StdioRelay::copy_input(Stream& stream) {
  char buf[4096];
  const ssize_t n = ::read(0, buf, sizeof buf);
  if (n < 0 && errno == EINTR) return;
  if (n > 0 && write_to_pipe(stream.relay_end.get(), buf, static_cast<std::size_t>(n))) return;
  // End of input, or the container closed its stdin: it sees EOF from here on.
  stream.open = false;
  stream.relay_end.reset();
}

bool StdioRelay::copy_output(Stream& stream) {
  char buf[65536];
  while (true) {
    const ssize_t n = ::read(stream.relay_end.get(), buf, sizeof buf);
    if (n > 0) {
      if (!write_all(stream.own_fd, buf, static_cast<std::size_t>(n))) return false;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    // EAGAIN: nothing more for now. EOF: every writer in the container is gone.
    return n < 0 && errno == EAGAIN;
  }
}

void StdioRelay::drain() {
  for (Stream& stream : streams_) {
    if (stream.open && stream.own_fd != 0) stream.open = copy_output(stream);
  }
}

}  // namespace mydocker
