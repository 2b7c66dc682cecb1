// createContainer and startContainer hooks, run by the container's child itself (so inside the
// container's namespaces) between clone and exec: clone a process, exec the hook, wait for it
// with its timeout. Simplified from the runtime spec: the hook's stdin is empty, not the
// container's state JSON (the child cannot build JSON without allocating; mydocker-runtime
// runs the host-side hooks, which get the state, itself).
#pragma once

#include <string>
#include <vector>

#include "container_plan.hpp"
#include "mydocker/child_report.hpp"

namespace mydocker::isolation {

struct PreparedHook {
  const HookPlan* plan = nullptr;
  std::vector<char*> argv;  // args, or {path} when none
  std::vector<char*> envp;
};

std::vector<PreparedHook> prepare_hooks(const std::vector<HookPlan>& hooks);

// Runs each in order; a hook that cannot start, fails, or outlives its timeout is reported as
// "run the <kind> hook" with its path.
void run_hooks(const ChildReporter& report, const std::vector<PreparedHook>& hooks,
               const char* stage) noexcept;

}  // namespace mydocker::isolation
