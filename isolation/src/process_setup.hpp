// The container process's own settings (ProcessPlan), shared by a container's first process and
// the ones `exec` adds: resolved into plain data in the parent (prepare_process), applied in the
// child between clone and exec with system calls only, in runc's order: limits, working
// directory, then user and capabilities together, no_new_privs, seccomp, exec.
#pragma once

#include <sys/resource.h>

#include <string>
#include <vector>

#include "container_plan.hpp"
#include "mydocker/child_report.hpp"

namespace mydocker::isolation {

// A bare program name (no '/') is looked up in the PATH of `env` (KEY=VALUE; a default PATH
// when it has none), as execvp does: every "dir/name" in order, an empty entry meaning the
// working directory. A name with a '/' is the only candidate.
std::vector<std::string> exec_candidates(const std::string& program,
                                         const std::vector<std::string>& env);

// "net.ipv4.ip_forward" -> "/proc/sys/net/ipv4/ip_forward".
std::string sysctl_path(const std::string& key);

struct PreparedProcess {
  const ProcessPlan* plan = nullptr;
  std::vector<char*> argv;  // null-terminated views into plan
  std::vector<char*> envp;
  std::vector<std::string> candidates;  // exec_candidates of args[0]
  std::vector<const char*> candidate_paths;
  std::vector<rlimit> limits;  // parallel to plan->rlimits
  std::string oom_score_adj;   // empty: leave it
  int last_capability = 0;
};

// Throws mydocker::Error for a plan with no args.
PreparedProcess prepare_process(const ProcessPlan& plan);

// rlimits (a hard limit above the caller's fails with EPERM, as in runc), oom_score_adj and
// the umask. Before the user switch, which takes the privilege to raise them.
void apply_process_limits(const ChildReporter& report, const PreparedProcess& process) noexcept;

// chdir to the plan's cwd; it must stay inside the container's root.
void enter_working_directory(const ChildReporter& report, const PreparedProcess& process) noexcept;

// The bounding set, then the user and groups with the permitted capabilities kept across the
// uid change (PR_SET_KEEPCAPS), then the effective, permitted and inheritable sets and the
// ambient ones; then no_new_privs. The seccomp filter goes on before the capabilities drop
// when no_new_privileges is off (installing it then takes CAP_SYS_ADMIN), else in
// confine_process just before exec, as runc.
void become_process_user(const ChildReporter& report, const PreparedProcess& process) noexcept;

// The seccomp filter, when become_process_user left it for last.
void confine_process(const ChildReporter& report, const PreparedProcess& process) noexcept;

// Default signals, then execve of each candidate in turn; reports 127/126 as execvp would.
[[noreturn]] void exec_process(const ChildReporter& report,
                               const PreparedProcess& process) noexcept;

}  // namespace mydocker::isolation
