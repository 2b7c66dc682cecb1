// A container's cgroup as a ContainerPlan describes it (cgroupsPath and OCI resources), on
// cgroup v1, v2 and this machine's v1/v2 hybrid. Unlike ContainerCgroup (cgroup.hpp), whose
// life is a mydocker run's, a planned cgroup outlives the process that made it: its
// directories are recorded (in mydocker-runtime's state) and removed by delete.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "cgroup_layout.hpp"
#include "container_plan.hpp"

namespace mydocker::isolation {

// Creates the cgroup of container `id` in every hierarchy (each mounted v1 controller, or the
// unified one) and writes the resources. Returns the directories created or reused. Throws
// mydocker::Error naming the file and value when a resource cannot be set.
std::vector<std::string> create_planned_cgroup(const CgroupPlan& plan, const std::string& id,
                                               const cgroups::CgroupRoots& roots = {});

// Moves `pid` into every directory. Throws mydocker::Error.
void join_cgroup(const std::vector<std::string>& paths, pid_t pid);

// Every process in the cgroup (from cgroup.procs of the first directory that has one).
std::vector<pid_t> cgroup_processes(const std::vector<std::string>& paths);

// Sends `signal` to every process in the cgroup; returns how many it reached.
std::size_t signal_cgroup(const std::vector<std::string>& paths, int signal) noexcept;

// Kills what is left (SIGKILL) and removes the directories, retrying briefly while the kernel
// tears tasks down. Returns false if a directory could not be removed. Never throws.
bool remove_cgroup(const std::vector<std::string>& paths) noexcept;

}  // namespace mydocker::isolation
