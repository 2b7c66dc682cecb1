#include "oci_process.hpp"

#include <sys/resource.h>

#include <array>
#include <set>
#include <string_view>
#include <utility>

#include "capabilities.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::runtime::oci {

namespace {

constexpr std::array<std::pair<std::string_view, int>, 16> kRlimits = {{
    {"RLIMIT_AS", RLIMIT_AS},
    {"RLIMIT_CORE", RLIMIT_CORE},
    {"RLIMIT_CPU", RLIMIT_CPU},
    {"RLIMIT_DATA", RLIMIT_DATA},
    {"RLIMIT_FSIZE", RLIMIT_FSIZE},
    {"RLIMIT_LOCKS", RLIMIT_LOCKS},
    {"RLIMIT_MEMLOCK", RLIMIT_MEMLOCK},
    {"RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE},
    {"RLIMIT_NICE", RLIMIT_NICE},
    {"RLIMIT_NOFILE", RLIMIT_NOFILE},
    {"RLIMIT_NPROC", RLIMIT_NPROC},
    {"RLIMIT_RSS", RLIMIT_RSS},
    {"RLIMIT_RTPRIO", RLIMIT_RTPRIO},
    {"RLIMIT_RTTIME", RLIMIT_RTTIME},
    {"RLIMIT_SIGPENDING", RLIMIT_SIGPENDING},
    {"RLIMIT_STACK", RLIMIT_STACK},
}};

isolation::CapabilitySet capability_set(const JsonField& names) {
  isolation::CapabilitySet set = 0;
  for (const auto& name : names.elements()) {
    const std::string text = name.string();
    try {
      set |= isolation::CapabilitySet{1} << isolation::capability_number(text);
    } catch (const Error&) {
      name.fail("names an unknown capability \"" + text + "\"");
    }
  }
  return set;
}

isolation::CapabilitySet optional_set(const JsonField& capabilities, std::string_view key) {
  const auto names = capabilities.find(key);
  return names ? capability_set(*names) : 0;
}

void parse_user(const JsonField& user, isolation::ProcessPlan& plan) {
  if (const auto uid = user.find("uid")) plan.uid = uid->integer<std::uint32_t>();
  if (const auto gid = user.find("gid")) plan.gid = gid->integer<std::uint32_t>();
  if (const auto umask = user.find("umask")) {
    const auto value = umask->integer<std::uint32_t>();
    if (value > 0777) umask->fail("must be a file mode from 0 to 0777 (511)");
    plan.umask = static_cast<mode_t>(value);
  }
  if (const auto gids = user.find("additionalGids")) {
    for (const auto& gid : gids->elements()) {
      plan.additional_gids.push_back(gid.integer<std::uint32_t>());
    }
  }
}

}  // namespace

isolation::CapabilityPlan parse_capabilities(const JsonField& capabilities) {
  isolation::CapabilityPlan plan;
  plan.bounding = optional_set(capabilities, "bounding");
  plan.effective = optional_set(capabilities, "effective");
  plan.inheritable = optional_set(capabilities, "inheritable");
  plan.permitted = optional_set(capabilities, "permitted");
  plan.ambient = optional_set(capabilities, "ambient");
  return plan;
}

std::optional<int> rlimit_resource(const std::string& name) {
  for (const auto& [known, resource] : kRlimits) {
    if (known == name) return resource;
  }
  return std::nullopt;
}

std::vector<isolation::RlimitPlan> parse_rlimits(const JsonField& rlimits) {
  std::vector<isolation::RlimitPlan> out;
  std::set<int> seen;
  for (const auto& rlimit : rlimits.elements()) {
    const auto type = rlimit.at("type");
    const std::string name = type.string();
    const auto resource = rlimit_resource(name);
    if (!resource) type.fail("names an unknown resource limit \"" + name + "\"");
    // The runtime-spec: a type given twice is an error, not "the last one wins".
    if (!seen.insert(*resource).second) type.fail("repeats the resource limit " + name);
    isolation::RlimitPlan plan;
    plan.resource = *resource;
    plan.soft = rlimit.at("soft").integer<std::uint64_t>();
    plan.hard = rlimit.at("hard").integer<std::uint64_t>();
    if (plan.soft > plan.hard) {
      rlimit.fail("has a soft limit (" + std::to_string(plan.soft) + ") above its hard limit (" +
                  std::to_string(plan.hard) + ")");
    }
    out.push_back(plan);
  }
  return out;
}

isolation::ProcessPlan parse_process(const JsonField& process) {
  isolation::ProcessPlan plan;
  const auto args = process.find("args");
  if (!args || !args->json().is_array() || args->json().empty()) {
    process.fail_member("args", "must be a non-empty array of strings");
  }
  plan.args = args->strings();

  if (const auto env = process.find("env")) plan.env = env->strings();

  const auto cwd = process.at("cwd");
  plan.cwd = cwd.string();
  if (!plan.cwd.starts_with('/')) cwd.fail("must be an absolute path");

  if (const auto user = process.find("user")) parse_user(*user, plan);
  if (const auto terminal = process.find("terminal")) plan.terminal = terminal->boolean();
  if (const auto caps = process.find("capabilities")) plan.capabilities = parse_capabilities(*caps);
  if (const auto nnp = process.find("noNewPrivileges")) plan.no_new_privileges = nnp->boolean();
  if (const auto rlimits = process.find("rlimits")) plan.rlimits = parse_rlimits(*rlimits);
  if (const auto oom = process.find("oomScoreAdj")) {
    const int value = oom->integer<int>();
    if (value < -1000 || value > 1000) oom->fail("must be from -1000 to 1000");
    plan.oom_score_adj = value;
  }
  return plan;
}

isolation::ProcessPlan parse_exec_process(const JsonField& process,
                                          const isolation::ProcessPlan& container) {
  isolation::ProcessPlan plan = parse_process(process);
  if (!process.find("capabilities")) plan.capabilities = container.capabilities;
  if (!process.find("rlimits") || plan.rlimits.empty()) plan.rlimits = container.rlimits;
  // Absent is not "false": an exec'd process keeps the container's no_new_privs, which its
  // seccomp filter may need to be installed without CAP_SYS_ADMIN.
  if (!process.find("noNewPrivileges")) plan.no_new_privileges = container.no_new_privileges;
  if (!plan.umask) plan.umask = container.umask;
  if (!plan.oom_score_adj) plan.oom_score_adj = container.oom_score_adj;
  plan.seccomp = container.seccomp;
  return plan;
}

}  // namespace mydocker::runtime::oci
