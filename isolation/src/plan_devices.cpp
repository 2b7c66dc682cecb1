#include "plan_devices.hpp"

#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <cerrno>
#include <cstring>

#include "plan_paths.hpp"

namespace mydocker::isolation {

namespace {

struct DefaultDevice {
  const char* path;
  unsigned major;
  unsigned minor;
};

constexpr DefaultDevice kDefaultDevices[] = {{"/dev/null", 1, 3},    {"/dev/zero", 1, 5},
                                             {"/dev/full", 1, 7},    {"/dev/random", 1, 8},
                                             {"/dev/urandom", 1, 9}, {"/dev/tty", 5, 0}};

struct DevSymlink {
  const char* path;  // "/dev/NAME"
  const char* target;
};

constexpr DevSymlink kDevSymlinks[] = {{"/dev/fd", "/proc/self/fd"},
                                       {"/dev/stdin", "/proc/self/fd/0"},
                                       {"/dev/stdout", "/proc/self/fd/1"},
                                       {"/dev/stderr", "/proc/self/fd/2"},
                                       {"/dev/core", "/proc/kcore"}};
// Only when /dev/pts is one of the plan's mounts: else it would point at nothing.
constexpr DevSymlink kPtmx = {"/dev/ptmx", "pts/ptmx"};

bool same_path(const std::string& a, const char* b) noexcept {
  return std::strcmp(beneath_root(a.c_str()), beneath_root(b)) == 0;
}

// The last of the plan's mounts at `path`, if any.
const MountPlan* mount_at(const ContainerPlan& plan, const char* path) noexcept {
  const MountPlan* found = nullptr;
  for (const auto& m : plan.mounts) {
    if (same_path(m.destination, path)) found = &m;
  }
  return found;
}

bool in_user_namespace(const ContainerPlan& plan) noexcept {
  for (const auto& ns : plan.namespaces) {
    if (ns.type == CLONE_NEWUSER) return true;
  }
  return false;
}

// Whether the container's /dev refuses to open device nodes.
bool dev_is_nodev(const ContainerPlan& plan) noexcept {
  const MountPlan* dev = mount_at(plan, "/dev");
  return dev != nullptr ? (dev->flags & MS_NODEV) != 0 : (plan.rootfs_flags & MS_NODEV) != 0;
}

bool present(const Syscalls& sys, int dir, const char* name) noexcept {
  struct stat st {};
  return sys.fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

mode_t node_kind(char type) noexcept {
  switch (type) {
    case 'b':
      return S_IFBLK;
    case 'p':
      return S_IFIFO;
    default:  // 'c', 'u'
      return S_IFCHR;
  }
}

// `path` in the container; its directory is made beneath `root` as needed.
class DeviceMaker {
 public:
  DeviceMaker(const Syscalls& sys, int root, bool bind_from_host)
      : sys_(sys), root_(root), bind_from_host_(bind_from_host) {}

  // Owner and mode are set after mknod (the umask would cut the mode); `set_owner` false keeps
  // the creator's, root.
  bool make(const char* path, char type, dev_t number, mode_t mode, unsigned uid, unsigned gid,
            bool set_owner) noexcept {
    const char* name = nullptr;
    const SyscallFd dir = parent_of(path, &name);
    if (!dir) return false;
    if (present(sys_, dir.get(), name)) return true;
    if (errno != ENOENT) return false;
    if (bind_from_host_) {
      if (sys_.mknodat(dir.get(), name, S_IFREG | 0644, 0) != 0) return false;
      const SyscallFd target = open_beneath(sys_, dir.get(), name, O_PATH);
      return target && mount_on(sys_, target.get(), path, nullptr, MS_BIND, nullptr);
    }
    return sys_.mknodat(dir.get(), name, node_kind(type) | (mode & 07777), number) == 0 &&
           sys_.fchmodat(dir.get(), name, mode & 07777, 0) == 0 &&
           (!set_owner || sys_.fchownat(dir.get(), name, uid, gid, AT_SYMLINK_NOFOLLOW) == 0);
  }

 private:
  // The directory of `path`, made beneath the root; `*name` points at the last component.
  SyscallFd parent_of(const char* path, const char** name) noexcept {
    const char* slash = std::strrchr(path, '/');
    *name = slash == nullptr ? path : slash + 1;
    char parent[PATH_MAX];
    const std::size_t len = slash == nullptr ? 0 : static_cast<std::size_t>(slash - path);
    if (len >= sizeof parent || **name == '\0') {
      errno = len >= sizeof parent ? ENAMETOOLONG : EINVAL;
      return SyscallFd();
    }
    std::memcpy(parent, path, len);
    parent[len] = '\0';
    return make_beneath(sys_, root_, parent, PathEnd::directory);
  }

  const Syscalls& sys_;
  int root_;
  bool bind_from_host_;
};

bool make_dev_symlinks(const Syscalls& sys, int root, const ContainerPlan& plan,
                       const char** failed) noexcept {
  const SyscallFd dev = make_beneath(sys, root, "dev", PathEnd::directory);
  if (!dev) {
    *failed = "/dev";
    return false;
  }
  const auto link = [&](const DevSymlink& l) {
    const char* name = l.path + std::strlen("/dev/");
    if (present(sys, dev.get(), name)) return true;
    if (errno == ENOENT && sys.symlinkat(l.target, dev.get(), name) == 0) return true;
    *failed = l.path;
    return false;
  };
  for (const auto& l : kDevSymlinks) {
    if (!link(l)) return false;
  }
  return mount_at(plan, "/dev/pts") == nullptr || link(kPtmx);
}

}  // namespace

bool make_planned_devices(const Syscalls& sys, int root, const ContainerPlan& plan,
                          const char** failed) noexcept {
  DeviceMaker maker(sys, root, in_user_namespace(plan) || dev_is_nodev(plan));
  for (const auto& d : kDefaultDevices) {
    if (!maker.make(d.path, 'c', makedev(d.major, d.minor), 0666, 0, 0, false)) {
      *failed = d.path;
      return false;
    }
  }
  for (const auto& d : plan.devices) {
    const dev_t number = makedev(static_cast<unsigned>(d.major), static_cast<unsigned>(d.minor));
    if (!maker.make(d.path.c_str(), d.type, number, d.file_mode, d.uid, d.gid, true)) {
      *failed = d.path.c_str();
      return false;
    }
  }
  return make_dev_symlinks(sys, root, plan, failed);
}

}  // namespace mydocker::isolation
