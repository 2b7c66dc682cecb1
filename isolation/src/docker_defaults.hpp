// Docker's container layout as a ContainerPlan's parts: what `mydocker run` gives every
// container (the mounts, masked and read-only paths of Docker's default spec), so the pivot_root
// isolator builds it with the same code (plan_rootfs.hpp) as mydocker-runtime builds a bundle's.
#pragma once

#include <string>
#include <vector>

#include "container_plan.hpp"

namespace mydocker::isolation {

// /proc, a tmpfs /dev (nodev: its nodes are the host's, bound in) with devpts, shm and mqueue,
// read-only /sys and, when the host has any cgroup file system, a read-only /sys/fs/cgroup.
std::vector<MountPlan> docker_default_mounts(const std::vector<CgroupFilesystem>& cgroups);

// What Docker hides from a container: kernel memory, keys, timers, firmware.
std::vector<std::string> docker_masked_paths();

// What Docker leaves visible but read-only: writing there would change the host's kernel.
std::vector<std::string> docker_readonly_paths();

// Sets `plan`'s mounts, masked and read-only paths, the host's cgroups for the cgroup mount,
// a private "/" and a nodev rootfs (only /dev's nodes open), as `mydocker run` has them.
void apply_docker_defaults(ContainerPlan& plan, const std::vector<CgroupFilesystem>& cgroups);

}  // namespace mydocker::isolation
