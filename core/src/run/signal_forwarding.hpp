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
#include "run/terminal.hpp"

namespace mydocker {

class BlockedSignals {
 public:
  BlockedSignals();
  ~BlockedSignals();
  BlockedSignals(const BlockedSignals&) = delete;
  BlockedSignals& operator=(const BlockedSignals&) = delete;

  // Throws Interrupted ("interrupted by SIGINT") when mydocker was interrupted.
  void throw_if_interrupted() const;
  // Waits for the container to end, forwarding signals meanwhile; reaps it. With a terminal
  // relay it also copies the terminal's traffic and passes window size changes on.
  int supervise(const IContainer& container, TerminalRelay* terminal = nullptr) const;

 private:
  sigset_t set_{};
  sigset_t previous_{};
};

// 0-255 from a wait status: the exit code, or 128+N when killed by signal N.
int exit_status_from_wait(int wait_status);

}  // namespace mydocker
