// The container's side of container_launch.hpp, between clone and exec: everything resolved
// by the parent into a PlanChild before the clone, then only system calls. Never returns:
// it execs the process or reports why not through the report pipe and exits 125/126/127.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "child_fds.hpp"
#include "child_hooks.hpp"
#include "container_plan.hpp"
#include "process_setup.hpp"

namespace mydocker::isolation {

struct PlanChild {
  const ContainerPlan* plan = nullptr;  // null for a process joining a running container
  PreparedProcess process;
  FdArrangement fds;
  int report_fd = -1;             // write end of the report pipe
  int go_fd = -1;                 // read end: one byte once maps, cgroup and on_created are done
  int console_socket_fd = -1;     // with process.terminal
  int start_fifo_fd = -1;         // O_PATH to the start gate, or -1
  std::string start_fifo_reopen;  // "/proc/self/fd/N" of start_fifo_fd
  bool die_with_caller = false;
  bool new_user_namespace = false;
  bool new_cgroup_namespace = false;
  std::vector<std::pair<std::string, std::string>> sysctls;  // /proc/sys path, value
  std::vector<PreparedHook> create_container_hooks;
  std::vector<PreparedHook> start_container_hooks;
};

// A container's first process: builds the container and execs (after the start gate if any).
[[noreturn]] void run_container_child(PlanChild& child) noexcept;

// A process `exec` adds to a running container, already in its namespaces.
[[noreturn]] void run_joining_child(PlanChild& child) noexcept;

}  // namespace mydocker::isolation
