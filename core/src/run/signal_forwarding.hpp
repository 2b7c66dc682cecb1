// Supervising the container's process: forwarding the signals a user sends to mydocker and
// turning the way the process ended into mydocker's exit status.
//
// mydocker blocks the forwarded signals (and SIGCHLD) from the start of `run`. Until the
// container runs, SIGINT, SIGTERM, SIGHUP and SIGQUIT interrupt mydocker (util/interruption:
// the pull, unpack and setup stop and clean up); once it runs, every forwarded signal is
// received synchronously and passed on to it.
#pragma once

#include <signal.h>

#include "mydocker/isolator.hpp"
#include "run/stream_relay.hpp"

namespace mydocker {

class BlockedSignals {
 public:
  BlockedSignals();
  ~BlockedSignals();
  BlockedSignals(const BlockedSignals&) = delete;
  BlockedSignals& operator=(const BlockedSignals&) = delete;

  // Throws Interrupted ("interrupted by SIGINT") when mydocker was interrupted.
  void throw_if_interrupted() const;
  // Waits for the container to end, forwarding signals meanwhile; reaps it. With a relay it
  // also copies the container's stdio traffic and passes window size changes on.
  int supervise(const IContainer& container, StreamRelay* relay = nullptr) const;

 private:
  sigset_t set_{};
  sigset_t previous_{};
};

// Sends `sig` to the container's process; 0, or -1 with errno set.
int signal_container(const IContainer& container, int sig);

// 0-255 from a wait status: the exit code, or 128+N when killed by signal N.
int exit_status_from_wait(int wait_status);

}  // namespace mydocker
