#include "oci_hooks.hpp"

#include <string_view>

namespace mydocker::runtime::oci {

namespace {

std::vector<isolation::HookPlan> optional_list(const JsonField& hooks, std::string_view kind) {
  const auto list = hooks.find(kind);
  return list ? parse_hook_list(*list) : std::vector<isolation::HookPlan>{};
}

}  // namespace

isolation::HookPlan parse_hook(const JsonField& hook) {
  isolation::HookPlan plan;
  const auto path = hook.at("path");
  plan.path = path.string();
  // The runtime-spec extends execv(3): the path is never searched in PATH.
  if (!plan.path.starts_with('/')) path.fail("must be an absolute path");
  if (const auto args = hook.find("args")) plan.args = args->strings();
  if (const auto env = hook.find("env")) plan.env = env->strings();
  if (const auto timeout = hook.find("timeout")) {
    plan.timeout_seconds = timeout->integer<int>();
    if (plan.timeout_seconds <= 0) timeout->fail("must be greater than zero");
  }
  return plan;
}

std::vector<isolation::HookPlan> parse_hook_list(const JsonField& hooks) {
  std::vector<isolation::HookPlan> out;
  for (const auto& hook : hooks.elements()) out.push_back(parse_hook(hook));
  return out;
}

void parse_hooks(const JsonField& hooks, RuntimeHooks& runtime, isolation::ContainerPlan& plan) {
  runtime.prestart = optional_list(hooks, "prestart");
  runtime.create_runtime = optional_list(hooks, "createRuntime");
  runtime.poststart = optional_list(hooks, "poststart");
  runtime.poststop = optional_list(hooks, "poststop");
  plan.create_container_hooks = optional_list(hooks, "createContainer");
  plan.start_container_hooks = optional_list(hooks, "startContainer");
}

}  // namespace mydocker::runtime::oci
