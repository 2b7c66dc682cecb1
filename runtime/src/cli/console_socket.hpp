// --console-socket: the unix socket conmon or the shim listens on for the container's pty
// master (sent by the launch, isolation/src/container_launch.hpp).
#pragma once

#include <string>

#include "mydocker/unique_fd.hpp"

namespace mydocker::runtime {

// Connects to the socket at `path`. Throws mydocker::Error naming it.
UniqueFd connect_console_socket(const std::string& path);

}  // namespace mydocker::runtime
