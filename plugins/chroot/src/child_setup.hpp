// The code that runs in the cloned child, between clone and exec. It runs in a copy of a
// single-threaded parent, uses only data prepared before the clone, and never returns.
#pragma once

#include "mydocker/container_child.hpp"

namespace mydocker::chroot {

struct ChildPlan {
  ContainerChild child;
  int host_executable_fd;  // the host's file at the spec's executable, or -1
};

// Reported as a notice when the host's executable was copied into the rootfs.
inline constexpr const char* kCopyHostExecutable = "copy the host executable into the container";

[[noreturn]] void run_child(const ChildPlan& plan);

}  // namespace mydocker::chroot
