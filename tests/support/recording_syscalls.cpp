#include "recording_syscalls.hpp"

#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace mydocker::testing {

namespace {

RecordingSyscalls* active = nullptr;

std::string text(const char* s) { return s == nullptr ? "-" : s; }

std::string octal(mode_t mode) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

std::string ids(const char* call, unsigned real, unsigned effective, unsigned saved) {
  return std::string(call) + " " + std::to_string(real) + " " + std::to_string(effective) + " " +
         std::to_string(saved);
}

const Syscalls kTable{
    .mount = [](const char* source, const char* target, const char* type, unsigned long flags,
                const void* data) { return active->mount(source, target, type, flags, data); },
    .umount2 =
        [](const char* target, int flags) {
          active->record("umount2 " + text(target) + (flags == MNT_DETACH ? " detach" : " flags"));
          return 0;
        },
    .pivot_root =
        [](const char* new_root, const char* put_old) {
          active->record("pivot_root " + text(new_root) + " " + text(put_old));
          return 0;
        },
    .chdir =
        [](const char* path) {
          active->record("chdir " + text(path));
          return 0;
        },
    .chroot =
        [](const char* path) {
          active->record("chroot " + text(path));
          return 0;
        },
    .open = [](const char* path, int flags,
               mode_t) { return active->open_at(AT_FDCWD, path, flags); },
    .openat2 = [](int dir, const char* path, int flags,
                  std::uint64_t) { return active->open_at(dir, path, flags); },
    .close = [](int fd) { return active->close(fd); },
    .fstatat = [](int dir, const char* path, struct stat* st,
                  int flags) { return active->stat_at(dir, path, st, flags); },
    .mkdirat = [](int dir, const char* path,
                  mode_t mode) { return active->mkdir_at(dir, path, mode); },
    .mknodat = [](int dir, const char* path, mode_t mode,
                  dev_t dev) { return active->mknod_at(dir, path, mode, dev); },
    .symlinkat =
        [](const char* target, int dir, const char* path) {
          active->record("symlink " + active->at(dir, path) + " -> " + text(target));
          return 0;
        },
    .unlinkat = [](int dir, const char* path, int) { return active->unlink_at(dir, path); },
    .sethostname =
        [](const char* name, std::size_t length) {
          active->record("sethostname " + std::string(name, length));
          return 0;
        },
    .setgroups =
        [](std::size_t count, const std::uint32_t* groups) {
          std::string call = "setgroups";
          for (std::size_t i = 0; i < count; ++i) call += " " + std::to_string(groups[i]);
          active->record(call);
          return 0;
        },
    .setresgid =
        [](unsigned rgid, unsigned egid, unsigned sgid) {
          active->record(ids("setresgid", rgid, egid, sgid));
          return 0;
        },
    .setresuid =
        [](unsigned ruid, unsigned euid, unsigned suid) {
          active->record(ids("setresuid", ruid, euid, suid));
          return 0;
        },
    .fchmodat =
        [](int dir, const char* path, mode_t mode, int) {
          active->record("chmod " + active->at(dir, path) + " " + octal(mode));
          return 0;
        },
    .fchownat =
        [](int dir, const char* path, unsigned uid, unsigned gid, int) {
          active->record("chown " + active->at(dir, path) + " " + std::to_string(uid) + ":" +
                         std::to_string(gid));
          return 0;
        },
    .fstatfs = [](int fd, struct statfs* st) { return active->statfs_fd(fd, st); },
    .readlinkat = [](int dir, const char* path, char* buf,
                     std::size_t size) { return active->readlink_at(dir, path, buf, size); },
};

}  // namespace

RecordingSyscalls::RecordingSyscalls() {
  if (active != nullptr) throw std::logic_error("one RecordingSyscalls at a time");
  active = this;
}

RecordingSyscalls::~RecordingSyscalls() { active = nullptr; }

const Syscalls& RecordingSyscalls::table() const { return kTable; }

std::string RecordingSyscalls::at(int dir, const char* path) const {
  const std::string p = path;
  if (!p.empty() && p.front() == '/') return p;
  const auto it = fds_.find(dir);
  const std::string base = it == fds_.end() ? "" : it->second;
  if (p.empty()) return base;
  return base == "/" ? "/" + p : base + "/" + p;
}

RecordingSyscalls::Kind RecordingSyscalls::kind(const std::string& path) const {
  const auto it = kinds_.find(path);
  return it == kinds_.end() ? Kind::directory : it->second;
}

std::string RecordingSyscalls::fd_path(const char* path) const {
  if (path == nullptr) return "-";
  int fd = -1;
  char rest = 0;
  if (std::sscanf(path, "/proc/self/fd/%d%c", &fd, &rest) == 1) {
    const auto it = fds_.find(fd);
    return it == fds_.end() ? "<closed fd " + std::to_string(fd) + ">" : it->second;
  }
  return path;
}

int RecordingSyscalls::mount(const char* source, const char* target, const char* type,
                             unsigned long flags, const void* data) {
  const std::string where = fd_path(target);
  record("mount " + fd_path(source) + " " + where + " " + text(type) + " " +
         mount_flag_names(flags) + " " + text(static_cast<const char*>(data)));
  const auto failing = failing_mounts_.find(where);
  if (failing == failing_mounts_.end()) return 0;
  errno = failing->second;
  return -1;
}

int RecordingSyscalls::open_at(int dir, const char* path, int flags) {
  const std::string p = at(dir, path);
  const Kind k = kind(p);
  if (k == Kind::missing || (k != Kind::directory && (flags & O_DIRECTORY) != 0)) {
    errno = k == Kind::missing ? ENOENT : ENOTDIR;
    return -1;
  }
  if (k == Kind::symlink) {
    errno = ELOOP;  // RESOLVE_NO_SYMLINKS, O_NOFOLLOW
    return -1;
  }
  fds_[next_fd_] = p;
  return next_fd_++;
}

int RecordingSyscalls::close(int fd) {
  if (fds_.erase(fd) == 1) return 0;
  errno = EBADF;
  return -1;
}

int RecordingSyscalls::stat_at(int dir, const char* path, struct stat* st, int) {
  const Kind k = kind(at(dir, path));
  *st = {};
  switch (k) {
    case Kind::missing:
      errno = ENOENT;
      return -1;
    case Kind::file:
      st->st_mode = S_IFREG | 0644;
      return 0;
    case Kind::symlink:
      st->st_mode = S_IFLNK | 0777;
      return 0;
    case Kind::directory:
      st->st_mode = S_IFDIR | 0755;
      return 0;
  }
  return 0;
}

int RecordingSyscalls::mkdir_at(int dir, const char* path, mode_t mode) {
  const std::string p = at(dir, path);
  record("mkdir " + p + " " + octal(mode));
  kinds_.erase(p);
  return 0;
}

int RecordingSyscalls::mknod_at(int dir, const char* path, mode_t mode, dev_t dev) {
  const std::string p = at(dir, path);
  const std::string numbers = std::to_string(major(dev)) + ":" + std::to_string(minor(dev));
  if (S_ISCHR(mode)) {
    record("mknod " + p + " char " + numbers);
  } else if (S_ISBLK(mode)) {
    record("mknod " + p + " block " + numbers);
  } else if (S_ISFIFO(mode)) {
    record("mknod " + p + " fifo");
  } else {
    record("mknod " + p + " file");
  }
  kinds_[p] = Kind::file;
  return 0;
}

int RecordingSyscalls::statfs_fd(int fd, struct statfs* st) {
  const auto it = fds_.find(fd);
  if (it == fds_.end()) {
    errno = EBADF;
    return -1;
  }
  *st = {};
  const auto flags = statfs_flags_.find(it->second);
  if (flags != statfs_flags_.end()) st->f_flags = static_cast<decltype(st->f_flags)>(flags->second);
  return 0;
}

ssize_t RecordingSyscalls::readlink_at(int dir, const char* path, char* buf, std::size_t size) {
  const std::string p = at(dir, path);
  const auto it = link_targets_.find(p);
  if (kind(p) != Kind::symlink || it == link_targets_.end()) {
    errno = kind(p) == Kind::missing ? ENOENT : EINVAL;
    return -1;
  }
  const std::size_t n = std::min(size, it->second.size());
  it->second.copy(buf, n);
  return static_cast<ssize_t>(n);
}

int RecordingSyscalls::unlink_at(int dir, const char* path) {
  const std::string p = at(dir, path);
  record("unlink " + p);
  kinds_[p] = Kind::missing;
  return 0;
}

std::string mount_flag_names(unsigned long flags) {
  static constexpr struct {
    unsigned long flag;
    const char* name;
  } kNames[] = {
      {MS_RDONLY, "rdonly"}, {MS_NOSUID, "nosuid"},         {MS_NODEV, "nodev"},
      {MS_NOEXEC, "noexec"}, {MS_REMOUNT, "remount"},       {MS_BIND, "bind"},
      {MS_REC, "rec"},       {MS_UNBINDABLE, "unbindable"}, {MS_PRIVATE, "private"},
      {MS_SLAVE, "slave"},   {MS_SHARED, "shared"},         {MS_STRICTATIME, "strictatime"}};
  std::string out;
  for (const auto& n : kNames) {
    if ((flags & n.flag) == 0) continue;
    if (!out.empty()) out += ",";
    out += n.name;
    flags &= ~n.flag;
  }
  if (flags != 0) out += (out.empty() ? "" : ",") + std::to_string(flags);
  return out.empty() ? "-" : out;
}

}  // namespace mydocker::testing
