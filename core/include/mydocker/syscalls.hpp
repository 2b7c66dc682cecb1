// The system calls a container child makes to build its file system view, as a table of
// function pointers, header-only. The child code takes a `const Syscalls&`: real_syscalls()
// in the container, a recording fake in unit tests, which can then check the order, flags and
// paths of every mount without root. Plain function pointers and a constant table: nothing to
// allocate or construct between clone and exec. Each entry returns what the system call
// returns, with errno set on failure.
#pragma once

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace mydocker {

struct Syscalls {
  int (*mount)(const char* source, const char* target, const char* type, unsigned long flags,
               const void* data);
  int (*umount2)(const char* target, int flags);
  int (*pivot_root)(const char* new_root, const char* put_old);
  int (*chdir)(const char* path);
  int (*chroot)(const char* path);
  int (*open)(const char* path, int flags, mode_t mode);
  // openat2(2) with the given RESOLVE_* flags; returns the new fd.
  int (*openat2)(int dir, const char* path, int flags, std::uint64_t resolve);
  int (*close)(int fd);
  int (*fstatat)(int dir, const char* path, struct stat* st, int flags);
  int (*mkdirat)(int dir, const char* path, mode_t mode);
  int (*mknodat)(int dir, const char* path, mode_t mode, dev_t dev);
  int (*symlinkat)(const char* target, int dir, const char* path);
  int (*unlinkat)(int dir, const char* path, int flags);
  int (*sethostname)(const char* name, std::size_t length);
  // The raw system calls, not glibc's wrappers: those signal every thread the runtime had
  // before the clone, threads the child does not have, and can wait for them forever.
  int (*setgroups)(std::size_t count, const std::uint32_t* groups);
  int (*setresgid)(unsigned rgid, unsigned egid, unsigned sgid);
  int (*setresuid)(unsigned ruid, unsigned euid, unsigned suid);
  int (*fchmodat)(int dir, const char* path, mode_t mode, int flags);
  int (*fchownat)(int dir, const char* path, unsigned uid, unsigned gid, int flags);
  // The flags of the mount `fd` is on (ST_*): a remount must keep those a user namespace locks.
  int (*fstatfs)(int fd, struct statfs* st);
  ssize_t (*readlinkat)(int dir, const char* path, char* buf, std::size_t size);
};

// The table of the real system calls.
inline const Syscalls& real_syscalls() noexcept {
  static constexpr Syscalls table{
      .mount = [](const char* source, const char* target, const char* type, unsigned long flags,
                  const void* data) { return ::mount(source, target, type, flags, data); },
      .umount2 = [](const char* target, int flags) { return ::umount2(target, flags); },
      .pivot_root =
          [](const char* new_root, const char* put_old) {
            return static_cast<int>(::syscall(SYS_pivot_root, new_root, put_old));
          },
      .chdir = [](const char* path) { return ::chdir(path); },
      .chroot = [](const char* path) { return ::chroot(path); },
      .open = [](const char* path, int flags, mode_t mode) { return ::open(path, flags, mode); },
      .openat2 =
          [](int dir, const char* path, int flags, std::uint64_t resolve) {
            open_how how{};
            how.flags = static_cast<std::uint64_t>(flags);
            how.resolve = resolve;
            return static_cast<int>(::syscall(SYS_openat2, dir, path, &how, sizeof how));
          },
      .close = [](int fd) { return ::close(fd); },
      .fstatat = [](int dir, const char* path, struct stat* st,
                    int flags) { return ::fstatat(dir, path, st, flags); },
      .mkdirat = [](int dir, const char* path, mode_t mode) { return ::mkdirat(dir, path, mode); },
      .mknodat = [](int dir, const char* path, mode_t mode,
                    dev_t dev) { return ::mknodat(dir, path, mode, dev); },
      .symlinkat = [](const char* target, int dir,
                      const char* path) { return ::symlinkat(target, dir, path); },
      .unlinkat = [](int dir, const char* path, int flags) { return ::unlinkat(dir, path, flags); },
      .sethostname = [](const char* name,
                        std::size_t length) { return ::sethostname(name, length); },
      .setgroups =
          [](std::size_t count, const std::uint32_t* groups) {
            return static_cast<int>(::syscall(SYS_setgroups, count, groups));
          },
      .setresgid =
          [](unsigned rgid, unsigned egid, unsigned sgid) {
            return static_cast<int>(::syscall(SYS_setresgid, rgid, egid, sgid));
          },
      .setresuid =
          [](unsigned ruid, unsigned euid, unsigned suid) {
            return static_cast<int>(::syscall(SYS_setresuid, ruid, euid, suid));
          },
      .fchmodat = [](int dir, const char* path, mode_t mode,
                     int flags) { return ::fchmodat(dir, path, mode, flags); },
      .fchownat = [](int dir, const char* path, unsigned uid, unsigned gid,
                     int flags) { return ::fchownat(dir, path, uid, gid, flags); },
      .fstatfs = [](int fd, struct statfs* st) { return ::fstatfs(fd, st); },
      .readlinkat = [](int dir, const char* path, char* buf,
                       std::size_t size) { return ::readlinkat(dir, path, buf, size); },
  };
  return table;
}

// An fd opened through a Syscalls table, closed through it (errno kept) when it goes.
class SyscallFd {
 public:
  SyscallFd() noexcept = default;
  SyscallFd(const Syscalls& sys, int fd) noexcept : sys_(&sys), fd_(fd) {}
  SyscallFd(SyscallFd&& other) noexcept : sys_(other.sys_), fd_(std::exchange(other.fd_, -1)) {}
  SyscallFd& operator=(SyscallFd&& other) noexcept {
    if (this != &other) {
      reset();
      sys_ = other.sys_;
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  SyscallFd(const SyscallFd&) = delete;
  SyscallFd& operator=(const SyscallFd&) = delete;
  ~SyscallFd() { reset(); }

  int get() const noexcept { return fd_; }
  explicit operator bool() const noexcept { return fd_ >= 0; }

 private:
  void reset() noexcept {
    if (fd_ < 0) return;
    const int saved = errno;
    sys_->close(fd_);
    errno = saved;
    fd_ = -1;
  }

  const Syscalls* sys_ = nullptr;
  int fd_ = -1;
};

}  // namespace mydocker
