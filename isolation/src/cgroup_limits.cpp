#include "cgroup_limits.hpp"

#include <fcntl.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "cgroup_files.hpp"
#include "cgroup_resources.hpp"
#include "mydocker/errors.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker::isolation::cgroups {

namespace {

// The kernel takes any memory limit, even 0 (it rounds down to whole pages), and the
// container then dies in exec with a bare OOM kill; Docker refuses below 6 MiB for that reason.
constexpr std::int64_t kMinMemoryBytes = 6 * 1024 * 1024;
// The kernel refuses a CFS quota below 1 ms per period.
constexpr double kMinCpus = 0.01;

std::string format_cpus(double cpus) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", cpus);
  return text;
}

std::string device_number(std::int64_t n) { return n < 0 ? "*" : std::to_string(n); }

}  // namespace

void validate_limits(const ResourceLimits& limits) {
  if (limits.memory_bytes < 0 ||
      (limits.memory_bytes > 0 && limits.memory_bytes < kMinMemoryBytes)) {
    throw Error("cgroup: memory limit " + std::to_string(limits.memory_bytes) +
                " is too small: the minimum is 6 MiB (" + std::to_string(kMinMemoryBytes) +
                " bytes)");
  }
  if (limits.pids < 0) {
    throw Error("cgroup: invalid process limit " + std::to_string(limits.pids) +
                ": it must be positive");
  }
  if (!(limits.cpus >= 0) || (limits.cpus > 0 && limits.cpus < kMinCpus)) {
    throw Error("cgroup: invalid CPU limit " + format_cpus(limits.cpus) + ": the minimum is 0.01");
  }
  // Only keeps the quota arithmetic in range; the kernel judges what it can schedule.
  if (limits.cpus > 1e6) {
    throw Error("cgroup: invalid CPU limit " + format_cpus(limits.cpus) + ": too large");
  }
}

bool any_limit(const ResourceLimits& limits) {
  return limits.memory_bytes > 0 || limits.pids > 0 || limits.cpus > 0;
}

std::int64_t cpu_quota(double cpus) {
  return std::llround(cpus * static_cast<double>(kCpuPeriodUs));
}

void write_memory_limit_v1(const std::string& dir, std::int64_t bytes) {
  // Swap counts against the same limit, so an overrun is an OOM kill and not a slow swap.
  write_memory_v1(dir, {.limit = bytes, .reservation = {}, .swap = bytes});
}

void write_memory_limit_v2(const std::string& dir, std::int64_t bytes) {
  // memory.swap.max 0: swap counts against nothing else in v2, so without it an overrun swaps
  // instead of being an OOM kill.
  write_memory_v2(dir, {.limit = bytes, .reservation = {}, .swap = bytes});
}

void write_pids_limit(const std::string& dir, std::int64_t pids) {
  write_file("set process limit", dir + "/pids.max", pids > 0 ? std::to_string(pids) : "max");
}

void write_cpu_limit_v1(const std::string& dir, double cpus) {
  write_cpu_v1(dir, {.shares = {}, .quota = cpu_quota(cpus), .period = kCpuPeriodUs});
}

void write_cpu_limit_v2(const std::string& dir, double cpus) {
  write_cpu_v2(dir, {.shares = {}, .quota = cpu_quota(cpus), .period = kCpuPeriodUs});
}

std::string v1_device_rule(const DeviceRule& rule) {
  return std::string(1, rule.type) + " " + device_number(rule.major) + ":" +
         device_number(rule.minor) + " " + rule.access;
}

std::vector<DeviceRule> docker_default_device_rules() {
  return {
      {false, 'a', -1, -1, "rwm"}, {true, 'c', -1, -1, "m"}, {true, 'b', -1, -1, "m"},
      {true, 'c', 1, 3, "rwm"},    {true, 'c', 1, 5, "rwm"}, {true, 'c', 1, 7, "rwm"},
      {true, 'c', 1, 8, "rwm"},    {true, 'c', 1, 9, "rwm"}, {true, 'c', 5, 0, "rwm"},
      {true, 'c', 5, 1, "rwm"},    {true, 'c', 5, 2, "rwm"}, {true, 'c', 136, -1, "rwm"},
      {true, 'c', 10, 200, "rwm"},
  };
}

void write_device_rules_v1(const std::string& dir, const std::vector<DeviceRule>& rules) {
  const std::string allow = dir + "/devices.allow";
  const std::string deny = dir + "/devices.deny";
  const UniqueFd allow_fd(::open(allow.c_str(), O_WRONLY | O_CLOEXEC));
  const int allow_error = errno;
  const UniqueFd deny_fd(::open(deny.c_str(), O_WRONLY | O_CLOEXEC));
  const int deny_error = errno;
  for (const auto& rule : rules) {
    const int fd = rule.allow ? allow_fd.get() : deny_fd.get();
    const std::string text = v1_device_rule(rule);
    int error = rule.allow ? allow_error : deny_error;
    if (fd >= 0) {
      if (write_value(fd, text)) continue;
      error = errno;
      if (rule.allow && error == EPERM) continue;
    }
    throw Error("cgroup: cannot restrict devices: write " + text + " to " +
                (rule.allow ? allow : deny) + ": " + std::strerror(error));
  }
}

}  // namespace mydocker::isolation::cgroups
