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

// Where the directories go, as runc (1.1, cgroupfs driver) puts them:
// * an absolute cgroupsPath ("/libpod_parent/libpod-ID") is below the top of each hierarchy's
//   mount; a relative one ("foo/bar") below the caller's own cgroup in that hierarchy (on v2,
//   below the parent of the caller's: its own holds processes, and v2 delegates controllers
//   only from a cgroup without any); an empty one is the relative "<id>", which is /<id> for
//   a caller in the root cgroup. "." and ".." are refused.
// * v1 and the hybrid: a directory in every mounted v1 hierarchy, named ones (name=systemd)
//   included, as runc and crun make them: podman, containerd, ps and kill --all read
//   cgroup.procs in any of them. Each new v1 cpuset level gets its parent's cpuset.cpus/mems
//   (empty ones make joining fail with ENOSPC). On the hybrid, also one in the cgroup2 half
//   (below the caller's cgroup there for a relative path): no controller is enabled there, so
//   it limits nothing, but it gives cgroup.kill and v2 accounting without systemd; skipped if
//   the kernel refuses it.
// * v2: one directory, with the controllers the resources need enabled in each cgroup above it
//   (memory and pids too, best effort, for callers' statistics).
// Device rules are written on v1 only: v2 needs an eBPF program for them (not done yet).
// Values of 0 are unset, as runc reads them; pids_limit <= 0 is "max".

// Creates the cgroup of container `id` in every hierarchy (each mounted v1 controller, or the
// unified one) and writes the resources. Returns the directories created or reused. Throws
// mydocker::Error naming the file and value when a resource cannot be set (having removed the
// directories it made); CgroupUnavailable when the cgroup file system refuses a directory.
std::vector<std::string> create_planned_cgroup(const CgroupPlan& plan, const std::string& id,
                                               const cgroups::CgroupRoots& roots = {});

// Moves `pid` into every directory. Throws mydocker::Error.
void join_cgroup(const std::vector<std::string>& paths, pid_t pid);

// Every process in the cgroup (from cgroup.procs of the first directory that has one, and of
// the cgroups below it), sorted, each once.
std::vector<pid_t> cgroup_processes(const std::vector<std::string>& paths);

// Sends `signal` to every process in the cgroup (but the caller); returns how many it reached.
// SIGKILL goes through cgroup.kill where there is one (v2, the hybrid's cgroup2 half): one
// atomic kill, forks in flight included.
std::size_t signal_cgroup(const std::vector<std::string>& paths, int signal) noexcept;

// Kills what is left (SIGKILL) and removes the directories and the cgroups the container made
// below them, deepest first, retrying for up to a second while the kernel tears tasks down.
// Directories already gone count as removed, so it is safe to repeat. Returns false if a
// directory could not be removed. Never throws.
bool remove_cgroup(const std::vector<std::string>& paths) noexcept;

}  // namespace mydocker::isolation
