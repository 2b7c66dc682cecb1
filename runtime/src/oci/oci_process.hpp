// config.json's process (and the process object of `exec --process FILE`) as a ProcessPlan:
// what to run, as whom, with which capabilities and limits. The seccomp filter is linux's
// (oci_seccomp.hpp), not the process object's.
#pragma once

#include <optional>

#include "container_plan.hpp"
#include "oci_json.hpp"

namespace mydocker::runtime::oci {

// The five sets; a set left out is empty. An unknown capability name is an error naming it
// (runc only warns; crun and the runtime-spec's tests refuse).
isolation::CapabilityPlan parse_capabilities(const JsonField& capabilities);

// RLIMIT_NOFILE and the rest of getrlimit(2)'s names; nothing for an unknown name.
std::optional<int> rlimit_resource(const std::string& name);

std::vector<isolation::RlimitPlan> parse_rlimits(const JsonField& rlimits);

// Every field of a process object. runc's rules: args non-empty, cwd absolute.
isolation::ProcessPlan parse_process(const JsonField& process);

// An `exec` process: the file's fields, with the container's capabilities, rlimits,
// noNewPrivileges, umask and oomScoreAdj where the file has none, and always the container's
// seccomp filter (as runc does).
isolation::ProcessPlan parse_exec_process(const JsonField& process,
                                          const isolation::ProcessPlan& container);

}  // namespace mydocker::runtime::oci
