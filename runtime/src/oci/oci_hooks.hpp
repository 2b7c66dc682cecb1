// config.json's hooks: the four kinds the runtime runs in its own namespaces (prestart,
// createRuntime, poststart, poststop) and the two the container's child runs in the
// container's (createContainer, startContainer).
#pragma once

#include <vector>

#include "bundle.hpp"
#include "container_plan.hpp"
#include "oci_json.hpp"

namespace mydocker::runtime::oci {

// One hook: path absolute, args, env, timeout in seconds (greater than zero when given).
isolation::HookPlan parse_hook(const JsonField& hook);

std::vector<isolation::HookPlan> parse_hook_list(const JsonField& hooks);

// Every kind; the runtime's go to `runtime`, the container's into `plan`.
void parse_hooks(const JsonField& hooks, RuntimeHooks& runtime, isolation::ContainerPlan& plan);

}  // namespace mydocker::runtime::oci
