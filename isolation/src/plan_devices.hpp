// The container's /dev content beside its mounts: the default device nodes (null zero full
// random urandom tty), the plan's devices and the conventional symlinks, each made only when
// the image or a mount does not already provide it. Child-side, before pivot_root; no
// allocation, every call through `sys`.
#pragma once

#include "container_plan.hpp"
#include "mydocker/syscalls.hpp"

namespace mydocker::isolation {

// `root` is an fd of the rootfs. A node made with mknod would not open where the container's
// /dev is nodev or in a user namespace (the kernel refuses mknod there), so in those cases each
// node is an empty file with the host's node of the same path bound onto it, as runc does.
// False with errno set and `failed` naming the path.
bool make_planned_devices(const Syscalls& sys, int root, const ContainerPlan& plan,
                          const char** failed) noexcept;

}  // namespace mydocker::isolation
