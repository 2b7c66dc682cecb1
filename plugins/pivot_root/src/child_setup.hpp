// The code that runs in the cloned child, between clone and exec. It runs in a copy of a
// single-threaded parent, uses only data prepared before the clone, and never returns.
#pragma once

#include <sys/types.h>

#include <vector>

#include "capabilities.hpp"
#include "cgroup.hpp"
#include "mydocker/types.hpp"
#include "seccomp_filter.hpp"

namespace mydocker::pivot_root {

struct ChildPlan {
  const ContainerSpec* spec;
  std::vector<char*> argv;  // null-terminated views into spec
  std::vector<char*> envp;
  const char* hostname;
  bool own_network;  // a new network namespace, where only loopback is brought up
  CapabilitySet capabilities;
  int last_capability;
  const SeccompFilter* seccomp;  // null: unconfined
  std::vector<CgroupFilesystem> cgroups;
  int report_fd;  // write end of the report pipe (mydocker/child_report.hpp)
  int go_fd;      // read end of the pipe the parent writes to once the cgroup is set
};

[[noreturn]] void run_child(const ChildPlan& plan);

}  // namespace mydocker::pivot_root
