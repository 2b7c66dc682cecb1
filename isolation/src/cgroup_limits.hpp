// The resource-limit writers: what each limit becomes in cgroup files, v1 and v2, and the
// checks on the values before anything is made.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "container_plan.hpp"
#include "mydocker/types.hpp"

namespace mydocker::isolation::cgroups {

inline constexpr std::int64_t kCpuPeriodUs = 100000;

// Throws mydocker::Error for a value the kernel would take but no container survives (a
// memory limit below 6 MiB), or refuse (a CFS quota below 1 ms).
void validate_limits(const ResourceLimits& limits);

bool any_limit(const ResourceLimits& limits);

// The CFS quota in microseconds per kCpuPeriodUs for `cpus` CPUs.
std::int64_t cpu_quota(double cpus);

// Each writer takes the directory of the hierarchy that holds the controller (v1) or the
// container's directory (v2) and throws mydocker::Error naming the file and value. They are
// cgroup_resources' with Docker's meaning: swap counts against the memory limit, the CPU
// limit is a quota per kCpuPeriodUs.
void write_memory_limit_v1(const std::string& dir, std::int64_t bytes);
void write_memory_limit_v2(const std::string& dir, std::int64_t bytes);
// pids.max, the same file in v1 and v2; a limit <= 0 is "max" (OCI's unlimited).
void write_pids_limit(const std::string& dir, std::int64_t pids);
void write_cpu_limit_v1(const std::string& dir, double cpus);
void write_cpu_limit_v2(const std::string& dir, double cpus);

// A device cgroup rule, as a ContainerPlan has it.
using DeviceRule = isolation::DeviceRule;
std::string v1_device_rule(const DeviceRule& rule);  // "c 1:3 rwm", "a *:* rwm"

// What Docker allows a container by default, after denying everything: mknod of anything, the
// null/zero/full/random/urandom devices, tty, console, ptmx, the pty slaves and /dev/net/tun.
std::vector<DeviceRule> docker_default_device_rules();

// Writes the rules in order to devices.allow / devices.deny. A rule the caller's own cgroup
// refuses (EPERM: the container could never have that device) is skipped.
void write_device_rules_v1(const std::string& dir, const std::vector<DeviceRule>& rules);

}  // namespace mydocker::isolation::cgroups
