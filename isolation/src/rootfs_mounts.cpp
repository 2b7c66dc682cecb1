#include "rootfs_mounts.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <cerrno>
#include <cstdio>
#include <iterator>

namespace mydocker::isolation {

namespace {

// A path naming an open file descriptor, so mount(2) acts on exactly the file we opened.
class FdPath {
 public:
  explicit FdPath(int fd) { std::snprintf(path_, sizeof path_, "/proc/self/fd/%d", fd); }
  const char* c_str() const { return path_; }

 private:
  char path_[32];
};

struct Device {
  const char* name;
  unsigned major;
  unsigned minor;
};

constexpr Device kDevices[] = {{"null", 1, 3},   {"zero", 1, 5},    {"full", 1, 7},
                               {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0}};

struct Symlink {
  const char* target;
  const char* name;
};

constexpr Symlink kDevSymlinks[] = {{"pts/ptmx", "ptmx"},
                                    {"/proc/self/fd", "fd"},
                                    {"/proc/self/fd/0", "stdin"},
                                    {"/proc/self/fd/1", "stdout"},
                                    {"/proc/self/fd/2", "stderr"}};

// What Docker hides from a container by default: kernel memory, keys, timers, firmware.
constexpr const char* kMaskedPaths[] = {
    "proc/asound",      "proc/acpi",          "proc/interrupts", "proc/kcore",
    "proc/keys",        "proc/latency_stats", "proc/timer_list", "proc/timer_stats",
    "proc/sched_debug", "proc/scsi",          "sys/firmware",    "sys/devices/virtual/powercap"};

// What Docker leaves visible but read-only: writing there would change the host's kernel.
constexpr const char* kReadOnlyPaths[] = {"proc/bus", "proc/fs", "proc/irq", "proc/sys",
                                          "proc/sysrq-trigger"};

// Opens `path` beneath `dir` without following any symlink or leaving `dir`.
SyscallFd open_beneath(const Syscalls& sys, int dir, const char* path, int flags) noexcept {
  return SyscallFd(sys, sys.openat2(dir, path, flags | O_CLOEXEC,
                                    RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS));
}

// A directory of the rootfs's top level that a file system is mounted over: whatever the image
// has there is hidden by the mount anyway, so a symlink or file is replaced, never followed.
SyscallFd own_directory(const Syscalls& sys, int root, const char* name) noexcept {
  struct stat st {};
  if (sys.fstatat(root, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (!S_ISDIR(st.st_mode) && sys.unlinkat(root, name, 0) != 0) return SyscallFd();
  } else if (errno != ENOENT) {
    return SyscallFd();
  }
  if (sys.mkdirat(root, name, 0755) != 0 && errno != EEXIST) return SyscallFd();
  return open_beneath(sys, root, name, O_PATH | O_DIRECTORY);
}

class Mounter {
 public:
  Mounter(const Syscalls& sys, int root, const char** failed)
      : sys_(sys), root_(root), failed_(failed) {}

  bool fail(const char* path) {
    *failed_ = path;
    return false;
  }

  // Mounts a file system on a top-level directory of the rootfs.
  bool mount_top(const char* name, const char* source, const char* type, unsigned long flags,
                 const char* data) {
    const SyscallFd dir = own_directory(sys_, root_, name);
    if (!dir || !mount_on(dir.get(), source, type, flags, data)) return fail(name);
    return true;
  }

  // Mounts on a new directory inside a file system we mounted ourselves.
  bool mount_sub(int parent, const char* name, const char* path, mode_t mode, const char* type,
                 unsigned long flags, const char* data) {
    if (sys_.mkdirat(parent, name, mode) != 0 && errno != EEXIST) return fail(path);
    const SyscallFd dir = open_beneath(parent, name, O_PATH | O_DIRECTORY);
    if (!dir || !mount_on(dir.get(), type, type, flags, data)) return fail(path);
    return true;
  }

  // The nodes are made on a tmpfs of their own, then bound one by one into the /dev the
  // container sees, which is nodev: a node the container makes there later (it keeps Docker's
  // CAP_MKNOD) cannot be opened, whatever the seccomp profile and cgroup version.
  bool populate_dev() {
    const SyscallFd nodes = open_beneath(root_, "dev", O_PATH | O_DIRECTORY);
    if (!nodes) return fail("dev");
    SyscallFd node_fds[std::size(kDevices)];
    for (std::size_t i = 0; i < std::size(kDevices); ++i) {
      const Device& d = kDevices[i];
      if (sys_.mknodat(nodes.get(), d.name, S_IFCHR | 0666, makedev(d.major, d.minor)) != 0) {
        return fail(d.name);
      }
      node_fds[i] = open_beneath(nodes.get(), d.name, O_PATH);
      if (!node_fds[i]) return fail(d.name);
    }
    if (!mount_on(nodes.get(), "tmpfs", "tmpfs", MS_NOSUID | MS_NODEV | MS_STRICTATIME,
                  "mode=755,size=65536k")) {
      return fail("dev");
    }
    const SyscallFd dev = open_beneath(root_, "dev", O_PATH | O_DIRECTORY);
    if (!dev) return fail("dev");
    for (std::size_t i = 0; i < std::size(kDevices); ++i) {
      const char* name = kDevices[i].name;
      if (sys_.mknodat(dev.get(), name, S_IFREG | 0666, 0) != 0) return fail(name);
      const SyscallFd target = open_beneath(dev.get(), name, O_PATH);
      if (!target ||
          !mount_on(target.get(), FdPath(node_fds[i].get()).c_str(), nullptr, MS_BIND, nullptr)) {
        return fail(name);
      }
    }
    for (const auto& link : kDevSymlinks) {
      if (sys_.symlinkat(link.target, dev.get(), link.name) != 0) return fail(link.name);
    }
    return mount_sub(dev.get(), "pts", "dev/pts", 0755, "devpts", MS_NOSUID | MS_NOEXEC,
                     "newinstance,ptmxmode=0666,mode=0620,gid=5") &&
           mount_sub(dev.get(), "shm", "dev/shm", 01777, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
                     "mode=1777,size=65536k") &&
           mount_sub(dev.get(), "mqueue", "dev/mqueue", 0755, "mqueue",
                     MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr);
  }

  // Each of the host's cgroup file systems, read-only; the cgroup namespace makes the
  // container's own cgroup their root.
  bool mount_cgroups(const std::vector<CgroupFilesystem>& cgroups) {
    constexpr unsigned long kFlags = MS_NOSUID | MS_NODEV | MS_NOEXEC;
    if (cgroups.empty()) return true;
    const SyscallFd top = open_beneath(root_, "sys/fs/cgroup", O_PATH | O_DIRECTORY);
    if (!top) return fail("sys/fs/cgroup");
    if (cgroups.size() == 1 && cgroups[0].name.empty()) {
      return mount_on(top.get(), "cgroup2", "cgroup2", kFlags | MS_RDONLY, nullptr) ||
             fail("sys/fs/cgroup");
    }
    if (!mount_on(top.get(), "tmpfs", "tmpfs", kFlags, "mode=755")) return fail("sys/fs/cgroup");
    const SyscallFd dir = open_beneath(root_, "sys/fs/cgroup", O_PATH | O_DIRECTORY);
    if (!dir) return fail("sys/fs/cgroup");
    for (const auto& fs : cgroups) {
      if (fs.name.empty() || sys_.mkdirat(dir.get(), fs.name.c_str(), 0755) != 0) {
        return fail(fs.name.c_str());
      }
      const SyscallFd at = open_beneath(dir.get(), fs.name.c_str(), O_PATH | O_DIRECTORY);
      if (!at || !mount_on(at.get(), fs.type.c_str(), fs.type.c_str(), kFlags | MS_RDONLY,
                           fs.options.empty() ? nullptr : fs.options.c_str())) {
        return fail(fs.name.c_str());
      }
    }
    return mount_on(dir.get(), nullptr, nullptr, MS_REMOUNT | MS_RDONLY | kFlags, "mode=755") ||
           fail("sys/fs/cgroup");
  }

  bool mask_paths() {
    const SyscallFd null = open_beneath(root_, "dev/null", O_PATH);
    if (!null) return fail("dev/null");
    for (const char* path : kMaskedPaths) {
      const SyscallFd target = open_beneath(root_, path, O_PATH);
      if (!target) {
        if (errno == ENOENT) continue;
        return fail(path);
      }
      struct stat st {};
      if (sys_.fstatat(target.get(), "", &st, AT_EMPTY_PATH) != 0) return fail(path);
      const bool ok =
          S_ISDIR(st.st_mode)
              ? mount_on(target.get(), "tmpfs", "tmpfs", MS_RDONLY, nullptr)
              : mount_on(target.get(), FdPath(null.get()).c_str(), nullptr, MS_BIND, nullptr);
      if (!ok) return fail(path);
    }
    return true;
  }

  bool make_paths_read_only() {
    for (const char* path : kReadOnlyPaths) {
      const SyscallFd target = open_beneath(root_, path, O_PATH);
      if (!target) {
        if (errno == ENOENT) continue;
        return fail(path);
      }
      if (!mount_on(target.get(), FdPath(target.get()).c_str(), nullptr, MS_BIND | MS_REC,
                    nullptr)) {
        return fail(path);
      }
      // Reopened: the new bind mount is now what the path names.
      const SyscallFd bound = open_beneath(root_, path, O_PATH);
      if (!bound ||
          !mount_on(bound.get(), nullptr, nullptr,
                    MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr)) {
        return fail(path);
      }
    }
    return true;
  }

 private:
  // Mounts on the file `target` is open on, not on whatever a path names by then.
  bool mount_on(int target, const char* source, const char* type, unsigned long flags,
                const char* data) noexcept {
    return sys_.mount(source, FdPath(target).c_str(), type, flags, data) == 0;
  }
  SyscallFd open_beneath(int dir, const char* path, int flags) noexcept {
    return mydocker::isolation::open_beneath(sys_, dir, path, flags);
  }

  const Syscalls& sys_;
  int root_;
  const char** failed_;
};

}  // namespace

bool prepare_rootfs(const Syscalls& sys, const char* rootfs,
                    const std::vector<CgroupFilesystem>& cgroups, const char** failed) noexcept {
  *failed = rootfs;
  // A mount point of its own, so pivot_root can use it; nodev because only our /dev may hold
  // usable device nodes.
  if (sys.mount(rootfs, rootfs, nullptr, MS_BIND | MS_REC, nullptr) != 0 ||
      sys.mount(nullptr, rootfs, nullptr, MS_BIND | MS_REMOUNT | MS_NODEV, nullptr) != 0) {
    return false;
  }
  const SyscallFd root(sys, sys.open(rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC, 0));
  if (!root) return false;
  Mounter m(sys, root.get(), failed);
  return m.mount_top("proc", "proc", "proc", MS_NOSUID | MS_NOEXEC | MS_NODEV, nullptr) &&
         m.mount_top("dev", "tmpfs", "tmpfs", MS_NOSUID, "mode=755,size=64k") && m.populate_dev() &&
         m.mount_top("sys", "sysfs", "sysfs", MS_RDONLY | MS_NOSUID | MS_NOEXEC | MS_NODEV,
                     nullptr) &&
         m.mount_cgroups(cgroups) && m.mask_paths() && m.make_paths_read_only();
}

bool make_root_read_only(const Syscalls& sys) noexcept {
  return sys.mount(nullptr, "/", nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NODEV, nullptr) ==
         0;
}

}  // namespace mydocker::isolation
