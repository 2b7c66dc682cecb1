// A container's cgroup on v2 (the unified hierarchy mounted at the cgroup root).
#pragma once

#include <string>
#include <vector>

#include "cgroup_lease.hpp"
#include "mydocker/types.hpp"

namespace mydocker::isolation::cgroups {

// The controllers the container's cgroup gets: memory and pids whenever the root offers them
// (usage is accounted), cpu for a CPU limit. Throws mydocker::Error when a limit needs one the
// root does not list in cgroup.controllers.
std::vector<std::string> v2_controllers(const std::string& cgroup_root,
                                        const ResourceLimits& limits);

// Makes <cgroup_root>/<kV2Base>/<name>, with `controllers` enabled in the subtree_control of
// the root and of the base, listed in `lease` and appended to `created`; returns it.
// Containers live under a cgroup of their own, not the caller's: that one holds processes, and
// v2 lets only a cgroup without processes delegate controllers. Throws mydocker::Error
// (CgroupUnavailable when the file system refuses us).
std::string create_v2_cgroup(const std::string& cgroup_root, const std::string& name,
                             const std::vector<std::string>& controllers, CgroupLease& lease,
                             std::vector<std::string>& created);

// Enables in <dir>/cgroup.subtree_control each controller of `required` (throwing
// mydocker::Error naming the file and value when refused) and of `wanted` (best effort).
void enable_controllers(const std::string& dir, const std::vector<std::string>& required,
                        const std::vector<std::string>& wanted = {});

void apply_v2_limits(const std::string& dir, const ResourceLimits& limits);

}  // namespace mydocker::isolation::cgroups
