// config.json's linux object, except seccomp (oci_seccomp.hpp): namespaces, id mappings,
// devices, the cgroup and its resources, sysctl, masked and read-only paths, the rootfs
// propagation. mountLabel, intelRdt, personality and the other SELinux/AppArmor-era fields are
// ignored, as runc does without SELinux here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "container_plan.hpp"
#include "oci_json.hpp"

namespace mydocker::runtime::oci {

// "network" -> CLONE_NEWNET and the six others; nothing for an unknown type.
std::optional<int> namespace_flag(std::string_view type);

// Each type at most once; a path joins that namespace instead of making one.
std::vector<isolation::NamespacePlan> parse_namespaces(const JsonField& namespaces);

std::vector<isolation::IdMapping> parse_id_mappings(const JsonField& mappings);

std::vector<isolation::DevicePlan> parse_devices(const JsonField& devices);

// linux.resources.devices: the device cgroup's allow/deny lines in order.
std::vector<isolation::DeviceRule> parse_device_rules(const JsonField& rules);

// linux.resources (memory, pids, cpu, devices) into `plan`; the other controllers are ignored.
void parse_resources(const JsonField& resources, isolation::CgroupPlan& plan);

// runc's rule: a sysctl may be set only where it is namespaced, and that namespace is the
// container's (IPC ones with an IPC namespace, net.* with a network namespace, kernel.domainname
// with a UTS namespace; kernel.hostname never, hostname is for that). Throws naming the key.
void check_sysctl(const JsonField& sysctl, const isolation::ContainerPlan& plan);

// Everything above, plus cgroupsPath, sysctl, maskedPaths, readonlyPaths and
// rootfsPropagation, into `plan`. Checks what runc checks across fields: id mappings need a user
// namespace and a new user namespace needs them; sysctl as check_sysctl says.
void parse_linux(const JsonField& linux_section, isolation::ContainerPlan& plan);

// Whether the plan has a namespace of `type` (CLONE_NEW*), new or joined.
bool has_namespace(const isolation::ContainerPlan& plan, int type);

}  // namespace mydocker::runtime::oci
