// What the supervising poll loop copies while the container runs: the container's terminal
// with -t (TerminalRelay), or pipes standing in for mydocker's own terminal without it
// (StdioRelay).
#pragma once

#include <poll.h>

namespace mydocker {

class StreamRelay {
 public:
  static constexpr int kMaxPollFds = 3;

  virtual ~StreamRelay() = default;
  // Fills at most kMaxPollFds pollfds with what to wait for; returns how many.
  virtual int poll_fds(pollfd* fds) const = 0;
  // Acts on what poll reported for the fds poll_fds gave.
  virtual void handle(const pollfd* fds, int count) = 0;
  // After the container has exited: copies what it wrote that is still buffered.
  virtual void drain() = 0;
  // mydocker's window size changed (SIGWINCH). Returns false when the signal is not consumed
  // and should be forwarded to the container instead.
  virtual bool resize() const { return false; }
};

}  // namespace mydocker
