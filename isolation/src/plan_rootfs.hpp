// The container's file system view from a ContainerPlan: its mounts, devices, masked and
// read-only paths, in the child's own mount namespace. One implementation for the OCI bundles
// of mydocker-runtime and for Docker's layout (docker_defaults.hpp) of the pivot_root isolator.
//
// Runs between clone and exec: no allocation; failures return false with errno set and
// `failed` naming the path. Every system call goes through `sys` (mydocker/syscalls.hpp):
// real_syscalls() in the child, a recording fake in the unit tests. Between the two halves the
// caller runs the createContainer hooks and enter_rootfs().
#pragma once

#include "container_plan.hpp"
#include "mydocker/syscalls.hpp"

namespace mydocker::isolation {

// In the child's new mount namespace, before pivot_root: "/" gets plan.rootfs_propagation
// (0 means MS_SLAVE|MS_REC, as runc), plan.rootfs is bound onto itself (remounted with
// plan.rootfs_flags if any), then every plan.mounts entry in order, its destination resolved
// beneath the rootfs and never through its symlinks (plan_paths.hpp), then the devices and /dev
// symlinks (plan_devices.hpp).
bool mount_planned_rootfs(const Syscalls& sys, const ContainerPlan& plan,
                          const char** failed) noexcept;

// pivot_root into `rootfs` and detach the old root; afterwards "/" is the container's root.
bool enter_rootfs(const Syscalls& sys, const char* rootfs) noexcept;

// After pivot_root, in the container's root: masked paths (a directory gets a read-only tmpfs,
// anything else /dev/null bound over it), read-only paths (bound onto themselves, remounted
// read-only), then "/" read-only when plan.readonly_root. Missing paths are skipped.
bool finish_planned_rootfs(const Syscalls& sys, const ContainerPlan& plan,
                           const char** failed) noexcept;

// One entry of the mounts list beneath the rootfs open at `root`; `cgroups` serves "cgroup"
// mounts (ContainerPlan::cgroup_filesystems).
bool mount_planned(const Syscalls& sys, int root, const MountPlan& mount,
                   const std::vector<CgroupFilesystem>& cgroups, const char** failed) noexcept;

}  // namespace mydocker::isolation
