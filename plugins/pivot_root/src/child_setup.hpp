// The code that runs in the cloned child, between clone and exec. It runs in a copy of a
// single-threaded parent, uses only data prepared before the clone, and never returns.
#pragma once

#include <vector>

#include "capabilities.hpp"
#include "cgroup.hpp"
#include "mydocker/container_child.hpp"
#include "seccomp_filter.hpp"

namespace mydocker::pivot_root {

struct ChildPlan {
  ContainerChild child;
  const char* hostname;
  bool bring_up_loopback;  // in the container's own network namespace
  isolation::CapabilitySet capabilities;
  int last_capability;
  const isolation::SeccompFilter* seccomp;  // null: unconfined
  std::vector<isolation::CgroupFilesystem> cgroups;
  int go_fd;  // read end of the pipe the parent writes to once the cgroup is set
};

[[noreturn]] void run_child(const ChildPlan& plan);

}  // namespace mydocker::pivot_root
