// A container's cgroup on v1 (and the v1 half of a hybrid host): one directory per hierarchy
// it needs, nested under the caller's own cgroup there.
#pragma once

#include <string>
#include <vector>

#include "cgroup_layout.hpp"
#include "cgroup_lease.hpp"
#include "cgroup_limits.hpp"
#include "mydocker/types.hpp"

namespace mydocker::isolation::cgroups {

// The container's directory in the hierarchy of each controller; empty where none was made.
// Controllers of one hierarchy ("cpu,cpuacct") share a directory.
struct V1Cgroup {
  std::string memory;
  std::string pids;
  std::string cpu;
  std::string devices;
};

// Makes `name` (a relative path: "mydocker-<id>") under the caller's cgroup in the memory,
// pids and devices hierarchies (those mounted), and cpu when a CPU limit is asked for, each
// listed in `lease` and appended to `created`. Throws mydocker::Error, before making anything,
// when a limit needs a controller no hierarchy has.
V1Cgroup create_v1_cgroup(const CgroupLayout& layout, const std::string& name,
                          const ResourceLimits& limits, CgroupLease& lease,
                          std::vector<std::string>& created);

// Writes the limits and the device rules into the directories create_v1_cgroup made.
void apply_v1_limits(const V1Cgroup& cgroup, const ResourceLimits& limits,
                     const std::vector<DeviceRule>& device_rules);

}  // namespace mydocker::isolation::cgroups
