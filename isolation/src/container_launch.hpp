// Starting a container from a ContainerPlan (container_plan.hpp), the parent's side: clone into
// the new namespaces (joining the ones given by path), write the user namespace's id maps, put
// the child in its cgroup, run the caller's hook while the child waits, then let it build the
// container and wait until it is either at the start gate or exec'd. One implementation for
// mydocker-runtime's create and exec and for the pivot_root isolator.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

#include "container_plan.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker::isolation {

struct LaunchOptions {
  int stdin_fd = 0;  // become the container's 0, 1, 2 (unused with process.terminal)
  int stdout_fd = 1;
  int stderr_fd = 2;
  int console_socket_fd = -1;      // process.terminal: the pty master is sent here (SCM_RIGHTS)
  std::vector<int> preserved_fds;  // become the container's 3, 4, ... in this order
  // Non-empty: after everything is set up, just before exec, the child blocks opening this
  // fifo for writing until `start` opens it for reading (runc's exec.fifo). Empty: it execs
  // at once.
  std::string start_fifo;
  // Dies with the caller (PR_SET_PDEATHSIG): mydocker run. Not for mydocker-runtime, whose
  // containers outlive the create call.
  bool die_with_caller = false;
  // Called in the parent once the child exists in its namespaces and cgroup and before it
  // mounts anything: prestart and createRuntime hooks. A throw fails the launch.
  std::function<void(pid_t)> on_created;
  std::string who = "container";  // begins every error: "container: cannot mount /proc: ..."
};

// The launched container's first process. Destroying it before release() kills and reaps the
// process and removes the cgroup (a launch that failed half-way leaves nothing behind).
class LaunchedContainer {
 public:
  LaunchedContainer(pid_t pid, UniqueFd pidfd, std::vector<std::string> cgroup_paths);
  LaunchedContainer(LaunchedContainer&&) noexcept;
  LaunchedContainer& operator=(LaunchedContainer&&) = delete;
  ~LaunchedContainer();

  pid_t pid() const { return pid_; }
  int pidfd() const { return pidfd_.get(); }
  const std::vector<std::string>& cgroup_paths() const { return cgroup_paths_; }
  // The container lives on without this handle (mydocker-runtime create).
  void release() noexcept;

 private:
  pid_t pid_;
  UniqueFd pidfd_;
  std::vector<std::string> cgroup_paths_;
  bool owned_ = true;
};

// Throws mydocker::Error with the step that failed ("mount /proc: Permission denied");
// ExecError (127/126) when the program cannot be exec'd (known only without a start gate).
LaunchedContainer launch_container(const ContainerPlan& plan, const LaunchOptions& options);

// `exec`: a new process inside a running container (its namespaces from /proc/PID/ns, its
// cgroup), set up from `process` as the container's first one was. Returns once exec'd.
LaunchedContainer join_container(pid_t container_pid, const std::vector<std::string>& cgroup_paths,
                                 const ProcessPlan& process, const LaunchOptions& options);

}  // namespace mydocker::isolation
