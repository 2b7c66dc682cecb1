// A container's status is never stored: it is read off its process and its exec.fifo each
// time, so a container whose process died (or whose runtime did) never claims to run.
#pragma once

#include <string>

#include "state/container_state.hpp"

namespace mydocker::runtime {

// The recorded process still exists, is not a zombie, and started when the recorded one did
// (the PID was not reused). `proc_root` is a seam for tests.
bool container_process_alive(const ContainerState& state, const std::string& proc_root = "/proc");

// created: alive and still waiting at the start gate (exec.fifo present); running: alive past
// it; stopped: otherwise.
ContainerStatus container_status(const ContainerState& state, bool start_gate_present,
                                 const std::string& proc_root = "/proc");

}  // namespace mydocker::runtime
