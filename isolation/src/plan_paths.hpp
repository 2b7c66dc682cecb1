// Mount targets inside a rootfs that the image's content must not redirect out of it: every
// path is opened beneath a directory fd with openat2 (no symlinks, no "..", no magic links),
// the image's symlinks are resolved by hand inside the root, missing parts are made one
// component at a time, and mounts go through "/proc/self/fd/N" so they land on exactly the file
// opened. Child-side: no allocation, every call through `sys`.
#pragma once

#include <cstdio>

#include "mydocker/make_in_root.hpp"  // PathEnd
#include "mydocker/syscalls.hpp"

namespace mydocker::isolation {

// A path naming an open file descriptor, so mount(2) acts on exactly the file we opened.
class FdPath {
 public:
  explicit FdPath(int fd) noexcept { std::snprintf(path_, sizeof path_, "/proc/self/fd/%d", fd); }
  const char* c_str() const noexcept { return path_; }

 private:
  char path_[32];
};

// `path` without its leading slashes: a container path made relative to the root's fd.
const char* beneath_root(const char* path) noexcept;

// Opens `path` beneath `dir` without following any symlink or leaving `dir`.
SyscallFd open_beneath(const Syscalls& sys, int dir, const char* path, int flags) noexcept;

// Opens `path` beneath `root` as the container will see it, making what is missing first:
// directories on the way and, at the end, a directory or an empty file as `end` says. A symlink
// on the way is followed inside the root, as runc does (an absolute target starts again at the
// root, ".." stops there; an image's /var/run -> /run keeps working); one at the end is replaced,
// as is a non-directory where a directory is wanted: the mount hides whatever the image had
// there. Each step is opened with open_beneath, so nothing leads out of `root`. Returns an
// O_PATH fd, or an empty one with errno set.
SyscallFd make_beneath(const Syscalls& sys, int root, const char* path, PathEnd end) noexcept;

// Mounts on the file `target` is open on, not on whatever a path names by then. Empty `type` and
// `data` are passed as null.
bool mount_on(const Syscalls& sys, int target, const char* source, const char* type,
              unsigned long flags, const char* data) noexcept;

// MS_NOSUID, MS_NODEV and MS_NOEXEC as the mount `fd` is on has them: a remount must keep
// them where a user namespace locks them. 0 when fstatfs fails.
unsigned long kept_mount_flags(const Syscalls& sys, int fd) noexcept;

}  // namespace mydocker::isolation
