// The OCI hooks that run in the runtime's namespaces (prestart, createRuntime, poststart,
// poststop): each a host program with the container's state JSON on its stdin, run in order,
// killed when its timeout passes.
#pragma once

#include <string>
#include <vector>

#include "cli/runtime_log.hpp"
#include "container_plan.hpp"

namespace mydocker::runtime {

// Runs the hooks one after the other; the first that fails (exit status, signal, timeout)
// throws mydocker::Error "<kind> hook <path> failed: exit status 1: <its last output line>"
// and the rest do not run. For prestart and createRuntime, whose failure fails create.
void run_hooks(const std::vector<isolation::HookPlan>& hooks, const std::string& kind,
               const std::string& state_json);

// Runs every hook; a failure is a warning in the log and the next one still runs. For
// poststart and poststop, after which the runtime carries on as if they had succeeded.
void run_hooks_warning_on_failure(const std::vector<isolation::HookPlan>& hooks,
                                  const std::string& kind, const std::string& state_json,
                                  const RuntimeLog& log);

}  // namespace mydocker::runtime
