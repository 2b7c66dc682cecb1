// The container's process as later commands see it: not their child, named by a PID that the
// kernel may have given to someone else since. A pidfd opened and then checked against the
// recorded start time pins the right process for signalling and waiting.
#pragma once

#include <optional>

#include "mydocker/unique_fd.hpp"
#include "state/container_state.hpp"

namespace mydocker::runtime {

// A pidfd for the recorded process, or an empty fd when it is gone (exited, reaped, reused).
UniqueFd open_container_process(const ContainerState& state);

// Sends `signal` through the pidfd. Throws mydocker::Error.
void signal_process(int pidfd, int signal);

// Waits until the process exits (the pidfd turns readable); false when `timeout_ms` passed.
bool wait_for_exit(int pidfd, int timeout_ms);

// Reaps a child of ours through its pidfd: its exit status, or 128+N when killed by signal N.
int reap_exit_status(int pidfd);

}  // namespace mydocker::runtime
