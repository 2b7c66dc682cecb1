#include "plan_rootfs.hpp"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <cerrno>

#include "plan_devices.hpp"
#include "plan_paths.hpp"

namespace mydocker::isolation {

namespace {

bool fail(const char** failed, const char* path) noexcept {
  *failed = path;
  return false;
}

// Opens a masked or read-only path; false when it fails for another reason than being absent,
// which leaves nothing to hide.
bool open_existing(const Syscalls& sys, int root, const char* path, SyscallFd* fd) noexcept {
  *fd = open_beneath(sys, root, beneath_root(path), O_PATH);
  return *fd || errno == ENOENT;
}

bool mask_path(const Syscalls& sys, int root, const char* path) noexcept {
  SyscallFd target;
  if (!open_existing(sys, root, path, &target)) return false;
  if (!target) return true;
  struct stat st {};
  if (sys.fstatat(target.get(), "", &st, AT_EMPTY_PATH) != 0) return false;
  return S_ISDIR(st.st_mode) ? mount_on(sys, target.get(), "tmpfs", "tmpfs", MS_RDONLY, nullptr)
                             : mount_on(sys, target.get(), "/dev/null", nullptr, MS_BIND, nullptr);
}

bool make_path_read_only(const Syscalls& sys, int root, const char* path) noexcept {
  SyscallFd target;
  if (!open_existing(sys, root, path, &target)) return false;
  if (!target) return true;
  if (!mount_on(sys, target.get(), FdPath(target.get()).c_str(), nullptr, MS_BIND | MS_REC,
                nullptr)) {
    return false;
  }
  // Reopened: the new bind mount is now what the path names.
  const SyscallFd bound = open_beneath(sys, root, beneath_root(path), O_PATH);
  return bound &&
         mount_on(sys, bound.get(), nullptr, nullptr,
                  MS_BIND | MS_REMOUNT | MS_RDONLY | kept_mount_flags(sys, bound.get()), nullptr);
}

}  // namespace

bool mount_planned_rootfs(const Syscalls& sys, const ContainerPlan& plan,
                          const char** failed) noexcept {
  *failed = "/";
  const unsigned long propagation =
      plan.rootfs_propagation != 0 ? plan.rootfs_propagation : MS_SLAVE | MS_REC;
  if (sys.mount(nullptr, "/", nullptr, propagation, nullptr) != 0) return false;
  // A mount point of its own, so pivot_root can use it.
  const char* rootfs = plan.rootfs.c_str();
  *failed = rootfs;
  if (sys.mount(rootfs, rootfs, nullptr, MS_BIND | MS_REC, nullptr) != 0) return false;
  if (plan.rootfs_flags != 0 &&
      sys.mount(nullptr, rootfs, nullptr, MS_BIND | MS_REMOUNT | plan.rootfs_flags, nullptr) != 0) {
    return false;
  }
  const SyscallFd root(sys, sys.open(rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC, 0));
  if (!root) return false;
  for (const auto& m : plan.mounts) {
    if (!mount_planned(sys, root.get(), m, plan.cgroup_filesystems, failed)) return false;
  }
  return make_planned_devices(sys, root.get(), plan, failed);
}

bool enter_rootfs(const Syscalls& sys, const char* rootfs) noexcept {
  // pivot_root(".", ".") stacks the old root on top of the new one; detaching it leaves only
  // the container's tree, with no path back to the host's.
  return sys.chdir(rootfs) == 0 && sys.pivot_root(".", ".") == 0 &&
         sys.umount2(".", MNT_DETACH) == 0 && sys.chdir("/") == 0;
}

bool finish_planned_rootfs(const Syscalls& sys, const ContainerPlan& plan,
                           const char** failed) noexcept {
  *failed = "/";
  const SyscallFd root(sys, sys.open("/", O_PATH | O_DIRECTORY | O_CLOEXEC, 0));
  if (!root) return false;
  for (const auto& path : plan.masked_paths) {
    if (!mask_path(sys, root.get(), path.c_str())) return fail(failed, path.c_str());
  }
  for (const auto& path : plan.readonly_paths) {
    if (!make_path_read_only(sys, root.get(), path.c_str())) return fail(failed, path.c_str());
  }
  if (!plan.readonly_root) return true;
  *failed = "/";
  return sys.mount(nullptr, "/", nullptr,
                   MS_BIND | MS_REMOUNT | MS_RDONLY | kept_mount_flags(sys, root.get()),
                   nullptr) == 0;
}

}  // namespace mydocker::isolation
