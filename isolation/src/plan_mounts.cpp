// One entry of a plan's mounts list (plan_rootfs.hpp).
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <cerrno>

#include "plan_paths.hpp"
#include "plan_rootfs.hpp"

namespace mydocker::isolation {

namespace {

constexpr unsigned long kPropagation = MS_SHARED | MS_SLAVE | MS_PRIVATE | MS_UNBINDABLE;

bool fail(const char** failed, const char* path) noexcept {
  *failed = path;
  return false;
}

bool is_bind(const MountPlan& m) noexcept { return (m.flags & MS_BIND) != 0 || m.type == "bind"; }

// Each of the host's cgroup file systems, as the host has them: cgroup2 alone mounted at the
// destination, or v1 hierarchies (and the hybrid's cgroup2 at "unified") under a tmpfs that
// gets the mount's read-only flag last. The cgroup namespace makes the container's own cgroup
// their root.
bool mount_cgroups(const Syscalls& sys, int root, const MountPlan& m,
                   const std::vector<CgroupFilesystem>& cgroups, const char** failed) noexcept {
  const char* where = m.destination.c_str();
  const char* path = beneath_root(where);
  const unsigned long flags = m.flags & ~(kPropagation | MS_BIND | MS_REC);
  const SyscallFd top = make_beneath(sys, root, path, PathEnd::directory);
  if (!top) return fail(failed, where);
  if (cgroups.empty() || (cgroups.size() == 1 && cgroups[0].name.empty())) {
    return mount_on(sys, top.get(), "cgroup2", "cgroup2", flags, nullptr) || fail(failed, where);
  }
  if (!mount_on(sys, top.get(), "tmpfs", "tmpfs", flags & ~MS_RDONLY, "mode=755")) {
    return fail(failed, where);
  }
  const SyscallFd dir = open_beneath(sys, root, path, O_PATH | O_DIRECTORY);
  if (!dir) return fail(failed, where);
  for (const auto& fs : cgroups) {
    const char* name = fs.name.c_str();
    if (fs.name.empty() || (sys.mkdirat(dir.get(), name, 0755) != 0 && errno != EEXIST)) {
      return fail(failed, name);
    }
    const SyscallFd at = open_beneath(sys, dir.get(), name, O_PATH | O_DIRECTORY);
    if (!at ||
        !mount_on(sys, at.get(), fs.type.c_str(), fs.type.c_str(), flags, fs.options.c_str())) {
      return fail(failed, name);
    }
  }
  if ((flags & MS_RDONLY) == 0) return true;
  return mount_on(sys, dir.get(), nullptr, nullptr, MS_REMOUNT | flags, "mode=755") ||
         fail(failed, where);
}

}  // namespace

bool mount_planned(const Syscalls& sys, int root, const MountPlan& m,
                   const std::vector<CgroupFilesystem>& cgroups, const char** failed) noexcept {
  const char* where = m.destination.c_str();
  const char* path = beneath_root(where);
  if (m.type == "cgroup" && !is_bind(m)) {
    if (!mount_cgroups(sys, root, m, cgroups, failed)) return false;
  } else if (is_bind(m)) {
    // The source is the host's, trusted: followed, and its kind says what the target must be.
    struct stat st {};
    if (sys.fstatat(AT_FDCWD, m.source.c_str(), &st, 0) != 0) return fail(failed, m.source.c_str());
    const SyscallFd target =
        make_beneath(sys, root, path, S_ISDIR(st.st_mode) ? PathEnd::directory : PathEnd::file);
    if (!target || !mount_on(sys, target.get(), m.source.c_str(), nullptr,
                             MS_BIND | (m.flags & MS_REC), nullptr)) {
      return fail(failed, where);
    }
    // A bind takes the source's flags; its own (ro, nosuid...) need a remount of the new mount,
    // which is what the path names now, hence the reopening.
    const unsigned long own = m.flags & ~(kPropagation | MS_BIND | MS_REC | MS_REMOUNT);
    if (own != 0) {
      const SyscallFd bound = open_beneath(sys, root, path, O_PATH);
      if (!bound) return fail(failed, where);
      const unsigned long remount = MS_BIND | MS_REMOUNT | own;
      if (!mount_on(sys, bound.get(), nullptr, nullptr, remount, nullptr) &&
          (errno != EPERM || !mount_on(sys, bound.get(), nullptr, nullptr,
                                       remount | kept_mount_flags(sys, bound.get()), nullptr))) {
        return fail(failed, where);
      }
    }
  } else {
    const SyscallFd target = make_beneath(sys, root, path, PathEnd::directory);
    if (!target || !mount_on(sys, target.get(), m.source.c_str(), m.type.c_str(),
                             m.flags & ~kPropagation, m.data.c_str())) {
      return fail(failed, where);
    }
  }
  if (m.propagation == 0) return true;
  const SyscallFd mounted = open_beneath(sys, root, path, O_PATH);
  return (mounted && mount_on(sys, mounted.get(), nullptr, nullptr, m.propagation, nullptr)) ||
         fail(failed, where);
}

}  // namespace mydocker::isolation
