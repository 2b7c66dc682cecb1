// A fake Syscalls table for unit tests: it records every call that changes something, one line
// each ("mount proc /rootfs/proc proc nosuid,nodev,noexec -"), and answers the lookups from a
// tree it makes up: every path is a directory unless the test says it is a file, a symlink or
// missing. File descriptors are numbers it hands out; a mount on "/proc/self/fd/N" is recorded
// with the path N was opened on. One fake at a time (the table is plain function pointers).
#pragma once

#include <cerrno>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "mydocker/syscalls.hpp"

namespace mydocker::testing {

class RecordingSyscalls {
 public:
  RecordingSyscalls();
  ~RecordingSyscalls();
  RecordingSyscalls(const RecordingSyscalls&) = delete;
  RecordingSyscalls& operator=(const RecordingSyscalls&) = delete;

  const Syscalls& table() const;

  void add_file(const std::string& path) { kinds_[path] = Kind::file; }
  // readlinkat answers `target` (EINVAL without one).
  void add_symlink(const std::string& path, const std::string& target = "") {
    kinds_[path] = Kind::symlink;
    if (!target.empty()) link_targets_[path] = target;
  }
  void add_missing(const std::string& path) { kinds_[path] = Kind::missing; }
  // Every mount whose target is `path` fails with `error`.
  void fail_mount_on(const std::string& path, int error) { failing_mounts_[path] = error; }
  // fstatfs on a descriptor of `path` reports these ST_* flags (none unless told).
  void set_statfs_flags(const std::string& path, unsigned long flags) {
    statfs_flags_[path] = flags;
  }

  const std::vector<std::string>& calls() const { return calls_; }
  std::size_t open_fds() const { return fds_.size(); }

  // The callbacks behind table().
  int mount(const char* source, const char* target, const char* type, unsigned long flags,
            const void* data);
  int open_at(int dir, const char* path, int flags);
  int close(int fd);
  int stat_at(int dir, const char* path, struct stat* st, int flags);
  int mkdir_at(int dir, const char* path, mode_t mode);
  int mknod_at(int dir, const char* path, mode_t mode, dev_t dev);
  int unlink_at(int dir, const char* path);
  int statfs_fd(int fd, struct statfs* st);
  ssize_t readlink_at(int dir, const char* path, char* buf, std::size_t size);
  void record(std::string call) { calls_.push_back(std::move(call)); }
  std::string at(int dir, const char* path) const;

 private:
  enum class Kind { directory, file, symlink, missing };
  Kind kind(const std::string& path) const;
  std::string fd_path(const char* path) const;

  std::map<std::string, Kind> kinds_;
  std::map<std::string, int> failing_mounts_;
  std::map<std::string, unsigned long> statfs_flags_;
  std::map<std::string, std::string> link_targets_;
  std::map<int, std::string> fds_;
  int next_fd_ = 100;
  std::vector<std::string> calls_;
};

// MS_* flags as names, in bit order: "nosuid,nodev,noexec"; "-" for none.
std::string mount_flag_names(unsigned long flags);

}  // namespace mydocker::testing
