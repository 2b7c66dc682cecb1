// The container's cgroup: created before the container's process runs, limits written, the
// process moved in, and removed when the container is gone. Works on cgroup v2 (unified),
// v1 and the v1/v2 hybrid where controllers live under /sys/fs/cgroup/<controller>.
//
// A mydocker killed with SIGKILL cannot remove its cgroup. So each run first creates
// /run/mydocker/cgroups/<id>.lock already flocked (made unnamed, locked, then linked), holds
// it as long as it lives (the kernel drops the lock when the process dies), and lists in it
// each directory before making it. A sweep (at every container's start, and `mydocker system
// prune`) takes each lease it can lock (its run is dead), kills what still runs in the listed
// directories, removes them and then the lease. A live run's lease is never free, so neither a
// starting nor a running container is touched; a directory no lease lists (from a mydocker
// older than the leases) is never touched either.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "mydocker/types.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker::pivot_root {

// A cgroup file system of the host's under /sys/fs/cgroup: the container gets its own
// read-only mount of each, as Docker gives, so programs can read their limits.
struct CgroupFilesystem {
  std::string name;     // the directory under /sys/fs/cgroup; "" for cgroup2 mounted there itself
  std::string type;     // "cgroup" or "cgroup2"
  std::string options;  // the hierarchy's mount options without rw: "memory", "name=systemd"
};

class ContainerCgroup {
 public:
  // Creates the cgroup "mydocker-<id>" (in every v1 hierarchy it needs, or in the unified
  // hierarchy) and writes the limits. Throws mydocker::Error with a message a user can act
  // on (which file, which value, why) when a limit cannot be set.
  ContainerCgroup(const std::string& id, const ResourceLimits& limits);
  // Kills whatever is still inside and removes the directories (retrying briefly while the
  // kernel finishes tearing tasks down). Never throws.
  ~ContainerCgroup();
  ContainerCgroup(const ContainerCgroup&) = delete;
  ContainerCgroup& operator=(const ContainerCgroup&) = delete;

  // Moves a process (and the children it will have) into the cgroup. Throws mydocker::Error.
  void add(pid_t pid) const;

  // The directories created, for messages and tests.
  const std::vector<std::string>& paths() const { return paths_; }

  // The host's cgroup file systems under /sys/fs/cgroup, for the container's own view.
  const std::vector<CgroupFilesystem>& filesystems() const { return filesystems_; }

 private:
  std::vector<std::string> paths_;  // each created directory, to be removed
  UniqueFd lease_;                  // the flocked lock file: proof for a sweep that we live
  std::string lease_path_;
  std::vector<CgroupFilesystem> filesystems_;
};

// Removes the cgroups of containers whose mydocker died (see above); returns how many
// directories it removed. Never throws; never touches a starting or running container's.
std::size_t sweep_stale_cgroups() noexcept;

}  // namespace mydocker::pivot_root
