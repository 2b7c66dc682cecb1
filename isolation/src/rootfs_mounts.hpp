// The container's file system view, built in the child's own mount namespace: the rootfs
// bound onto itself, /proc, a minimal /dev, read-only /sys and /sys/fs/cgroup, Docker's
// masked and read-only paths, then pivot_root into it with the old root detached.
//
// The image's content is never trusted to name a mount target: /proc, /dev and /sys are
// replaced by plain directories when the image has a symlink or a file there, and every
// other target is opened beneath the rootfs without following symlinks and mounted through
// its file descriptor. Runs between clone and exec: no allocation; failures return false with
// errno set and `failed` naming the path. Every system call goes through `sys`
// (mydocker/syscalls.hpp): real_syscalls() in the child, a recording fake in the unit tests.
#pragma once

#include <vector>

#include "cgroup.hpp"
#include "mydocker/syscalls.hpp"
#include "plan_rootfs.hpp"  // enter_rootfs

namespace mydocker::isolation {

bool prepare_rootfs(const Syscalls& sys, const char* rootfs,
                    const std::vector<CgroupFilesystem>& cgroups, const char** failed) noexcept;

bool make_root_read_only(const Syscalls& sys) noexcept;

}  // namespace mydocker::isolation
