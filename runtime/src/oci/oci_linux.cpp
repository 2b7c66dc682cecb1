#include "oci_linux.hpp"

#include <sched.h>

#include <algorithm>
#include <array>
#include <utility>

#include "oci_mounts.hpp"

namespace mydocker::runtime::oci {

namespace {

constexpr std::array<std::pair<std::string_view, int>, 7> kNamespaces = {{
    {"pid", CLONE_NEWPID},
    {"network", CLONE_NEWNET},
    {"mount", CLONE_NEWNS},
    {"ipc", CLONE_NEWIPC},
    {"uts", CLONE_NEWUTS},
    {"user", CLONE_NEWUSER},
    {"cgroup", CLONE_NEWCGROUP},
}};

bool has_new_namespace(const isolation::ContainerPlan& plan, int type) {
  for (const auto& ns : plan.namespaces) {
    if (ns.type == type && ns.path.empty()) return true;
  }
  return false;
}

char one_char(const JsonField& field, std::string_view allowed) {
  const std::string text = field.string();
  if (text.size() != 1 || allowed.find(text[0]) == std::string_view::npos) {
    std::string choices;
    for (const char c : allowed) {
      if (!choices.empty()) choices += ", ";
      choices += std::string("\"") + c + "\"";
    }
    field.fail("must be one of " + choices + ", not \"" + text + "\"");
  }
  return text[0];
}

void parse_memory(const JsonField& memory, isolation::CgroupPlan& plan) {
  if (const auto limit = memory.find("limit")) plan.memory_limit = limit->integer<std::int64_t>();
  if (const auto reservation = memory.find("reservation")) {
    plan.memory_reservation = reservation->integer<std::int64_t>();
  }
  if (const auto swap = memory.find("swap")) plan.memory_swap = swap->integer<std::int64_t>();
}

void parse_cpu(const JsonField& cpu, isolation::CgroupPlan& plan) {
  if (const auto shares = cpu.find("shares")) plan.cpu_shares = shares->integer<std::uint64_t>();
  if (const auto quota = cpu.find("quota")) plan.cpu_quota = quota->integer<std::int64_t>();
  if (const auto period = cpu.find("period")) plan.cpu_period = period->integer<std::uint64_t>();
  if (const auto cpus = cpu.find("cpus")) plan.cpuset_cpus = cpus->string();
  if (const auto mems = cpu.find("mems")) plan.cpuset_mems = mems->string();
}

// The System V IPC sysctls the IPC namespace covers (fs.mqueue.* too).
constexpr std::array<std::string_view, 8> kIpcSysctls = {
    "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
    "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"};

bool is_ipc_sysctl(std::string_view key) {
  return key.starts_with("fs.mqueue.") ||
         std::find(kIpcSysctls.begin(), kIpcSysctls.end(), key) != kIpcSysctls.end();
}

std::vector<std::string> absolute_paths(const JsonField& paths) {
  std::vector<std::string> out;
  for (const auto& path : paths.elements()) {
    out.push_back(path.string());
    if (!out.back().starts_with('/')) path.fail("must be an absolute path");
  }
  return out;
}

}  // namespace

std::optional<int> namespace_flag(std::string_view type) {
  for (const auto& [name, flag] : kNamespaces) {
    if (name == type) return flag;
  }
  return std::nullopt;
}

std::vector<isolation::NamespacePlan> parse_namespaces(const JsonField& namespaces) {
  std::vector<isolation::NamespacePlan> out;
  for (const auto& ns : namespaces.elements()) {
    const auto type = ns.at("type");
    const std::string name = type.string();
    const auto flag = namespace_flag(name);
    if (!flag) {
      type.fail(name == "time" ? std::string("\"time\" is not supported by this runtime")
                               : "names an unknown namespace type \"" + name + "\"");
    }
    for (const auto& earlier : out) {
      if (earlier.type == *flag) type.fail("repeats the namespace type \"" + name + "\"");
    }
    isolation::NamespacePlan plan;
    plan.type = *flag;
    if (const auto path = ns.find("path")) {
      plan.path = path->string();
      if (!plan.path.empty() && !plan.path.starts_with('/')) path->fail("must be an absolute path");
    }
    out.push_back(std::move(plan));
  }
  return out;
}

std::vector<isolation::IdMapping> parse_id_mappings(const JsonField& mappings) {
  std::vector<isolation::IdMapping> out;
  for (const auto& mapping : mappings.elements()) {
    isolation::IdMapping plan;
    plan.container_id = mapping.at("containerID").integer<std::uint32_t>();
    plan.host_id = mapping.at("hostID").integer<std::uint32_t>();
    const auto size = mapping.at("size");
    plan.size = size.integer<std::uint32_t>();
    if (plan.size == 0) size.fail("must be at least 1");
    out.push_back(plan);
  }
  return out;
}

std::vector<isolation::DevicePlan> parse_devices(const JsonField& devices) {
  std::vector<isolation::DevicePlan> out;
  for (const auto& device : devices.elements()) {
    isolation::DevicePlan plan;
    const auto path = device.at("path");
    plan.path = path.string();
    if (!plan.path.starts_with('/')) path.fail("must be an absolute path");
    plan.type = one_char(device.at("type"), "cbup");
    // A fifo has no device number; the others need both.
    if (plan.type != 'p') {
      plan.major = device.at("major").integer<std::int64_t>();
      plan.minor = device.at("minor").integer<std::int64_t>();
    }
    if (const auto mode = device.find("fileMode")) {
      plan.file_mode = mode->integer<std::uint32_t>();
      if (plan.file_mode > 07777) mode->fail("must be a file mode from 0 to 07777 (4095)");
    }
    if (const auto uid = device.find("uid")) plan.uid = uid->integer<std::uint32_t>();
    if (const auto gid = device.find("gid")) plan.gid = gid->integer<std::uint32_t>();
    out.push_back(std::move(plan));
  }
  return out;
}

std::vector<isolation::DeviceRule> parse_device_rules(const JsonField& rules) {
  std::vector<isolation::DeviceRule> out;
  for (const auto& rule : rules.elements()) {
    isolation::DeviceRule plan;
    plan.allow = rule.at("allow").boolean();
    if (const auto type = rule.find("type")) plan.type = one_char(*type, "acb");
    if (const auto major = rule.find("major")) plan.major = major->integer<std::int64_t>();
    if (const auto minor = rule.find("minor")) plan.minor = minor->integer<std::int64_t>();
    if (const auto access = rule.find("access")) {
      plan.access = access->string();
      if (plan.access.empty()) plan.access = "rwm";
      if (plan.access.find_first_not_of("rwm") != std::string::npos) {
        access->fail("must be made of \"r\", \"w\" and \"m\", not \"" + plan.access + "\"");
      }
    }
    out.push_back(std::move(plan));
  }
  return out;
}

void parse_resources(const JsonField& resources, isolation::CgroupPlan& plan) {
  if (const auto memory = resources.find("memory")) parse_memory(*memory, plan);
  if (const auto pids = resources.find("pids")) {
    plan.pids_limit = pids->at("limit").integer<std::int64_t>();
  }
  if (const auto cpu = resources.find("cpu")) parse_cpu(*cpu, plan);
  if (const auto devices = resources.find("devices")) {
    plan.device_rules = parse_device_rules(*devices);
  }
}

// After the bundle's own rules, as runc: the devices every container gets (null, zero, full,
// random, urandom, tty, console, ptmx, the pty slaves, mknod of any) and the bundle's
// linux.devices. runc's own `spec` denies everything and relies on these.
void allow_container_devices(isolation::ContainerPlan& plan) {
  struct Allowed {
    char type;
    std::int64_t major;
    std::int64_t minor;
    const char* access;
  };
  static constexpr Allowed kDefaults[] = {
      {'c', -1, -1, "m"}, {'b', -1, -1, "m"},    {'c', 1, 3, "rwm"}, {'c', 1, 8, "rwm"},
      {'c', 1, 7, "rwm"}, {'c', 5, 0, "rwm"},    {'c', 1, 5, "rwm"}, {'c', 1, 9, "rwm"},
      {'c', 5, 1, "rwm"}, {'c', 136, -1, "rwm"}, {'c', 5, 2, "rwm"}};
  for (const Allowed& d : kDefaults) {
    plan.cgroup.device_rules.push_back({true, d.type, d.major, d.minor, d.access});
  }
  for (const isolation::DevicePlan& device : plan.devices) {
    const char type = device.type == 'u' ? 'c' : device.type;
    if (type == 'p') continue;  // a fifo is no device to the cgroup
    plan.cgroup.device_rules.push_back({true, type, device.major, device.minor, "rwm"});
  }
}

bool has_namespace(const isolation::ContainerPlan& plan, int type) {
  for (const auto& ns : plan.namespaces) {
    if (ns.type == type) return true;
  }
  return false;
}

void check_sysctl(const JsonField& sysctl, const isolation::ContainerPlan& plan) {
  for (const auto& [key, field] : sysctl.members()) {
    if (is_ipc_sysctl(key)) {
      if (!has_namespace(plan, CLONE_NEWIPC)) {
        field.fail("is not allowed in the host's IPC namespace (linux.namespaces has no ipc)");
      }
    } else if (key.starts_with("net.")) {
      if (!has_namespace(plan, CLONE_NEWNET)) {
        field.fail(
            "is not allowed in the host's network namespace (linux.namespaces has no "
            "network)");
      }
    } else if (key == "kernel.hostname") {
      field.fail("is not allowed: set the hostname field instead");
    } else if (key != "kernel.domainname" || !has_namespace(plan, CLONE_NEWUTS)) {
      field.fail("is not in a namespace of the container's: it would change the host");
    }
  }
}

void parse_linux(const JsonField& linux_section, isolation::ContainerPlan& plan) {
  if (const auto namespaces = linux_section.find("namespaces")) {
    plan.namespaces = parse_namespaces(*namespaces);
  }
  // runc brings lo up in a network namespace of its own making (not in one it joins).
  plan.bring_up_loopback = has_new_namespace(plan, CLONE_NEWNET);

  if (const auto uids = linux_section.find("uidMappings"))
    plan.uid_mappings = parse_id_mappings(*uids);
  if (const auto gids = linux_section.find("gidMappings"))
    plan.gid_mappings = parse_id_mappings(*gids);
  const bool has_mappings = !plan.uid_mappings.empty() || !plan.gid_mappings.empty();
  if (has_mappings && !has_namespace(plan, CLONE_NEWUSER)) {
    linux_section.fail_member(plan.uid_mappings.empty() ? "gidMappings" : "uidMappings",
                              "is set, but linux.namespaces has no user namespace");
  }
  if (has_new_namespace(plan, CLONE_NEWUSER) &&
      (plan.uid_mappings.empty() || plan.gid_mappings.empty())) {
    linux_section.fail_member(plan.uid_mappings.empty() ? "uidMappings" : "gidMappings",
                              "is required with a new user namespace");
  }

  if (const auto devices = linux_section.find("devices")) plan.devices = parse_devices(*devices);
  if (const auto path = linux_section.find("cgroupsPath")) plan.cgroup.path = path->string();
  if (const auto resources = linux_section.find("resources"))
    parse_resources(*resources, plan.cgroup);
  allow_container_devices(plan);
  if (const auto sysctl = linux_section.find("sysctl")) {
    plan.sysctl = sysctl->string_map();
    check_sysctl(*sysctl, plan);
  }
  if (const auto masked = linux_section.find("maskedPaths"))
    plan.masked_paths = absolute_paths(*masked);
  if (const auto readonly = linux_section.find("readonlyPaths")) {
    plan.readonly_paths = absolute_paths(*readonly);
  }
  if (const auto propagation = linux_section.find("rootfsPropagation")) {
    const std::string name = propagation->string();
    if (!name.empty()) {
      const auto flags = propagation_flags(name);
      if (!flags) propagation->fail("names an unknown propagation \"" + name + "\"");
      plan.rootfs_propagation = *flags;
    }
  }
}

}  // namespace mydocker::runtime::oci
