// The chroot isolator's file system view: the rootfs entered with chroot, its own /proc, and
// --read-only. Runs between clone and exec: no allocation, every system call through `sys`
// (mydocker/syscalls.hpp: real_syscalls() in the child, a recording fake in the unit tests).
#pragma once

#include "mydocker/syscalls.hpp"

namespace mydocker::chroot {

// chroot into `rootfs` and mount /proc there. With `own_mount` the rootfs is first bound onto
// itself, so make_chroot_read_only() later remounts just the container's root. False with
// errno set and *stage naming the step, worded for "cannot <stage>".
bool enter_chroot(const Syscalls& sys, const char* rootfs, bool own_mount,
                  const char** stage) noexcept;

// After enter_chroot with own_mount.
bool make_chroot_read_only(const Syscalls& sys) noexcept;

}  // namespace mydocker::chroot
