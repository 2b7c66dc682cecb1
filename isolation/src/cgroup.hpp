// The container's cgroup: created before the container's process runs, limits written, the
// process moved in, and removed when the container is gone. Works on cgroup v2 (unified),
// v1 and the v1/v2 hybrid where controllers live under /sys/fs/cgroup/<controller>.
//
// The pieces, each taking its roots as parameters so unit tests run them on fixture trees:
// cgroup_layout (mountinfo and /proc/self/cgroup: which version, where), cgroup_v1 and
// cgroup_v2 (the directories), cgroup_limits (what each limit writes), cgroup_lease (below).
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

#include <optional>
#include <string>
#include <vector>

#include "cgroup_files.hpp"
#include "cgroup_layout.hpp"
#include "cgroup_lease.hpp"
#include "mydocker/types.hpp"

namespace mydocker::isolation {

using cgroups::CgroupRoots;
using cgroups::CgroupUnavailable;

class ContainerCgroup {
 public:
  // Creates the cgroup of container `id` (in every v1 hierarchy it needs, or in the unified
  // hierarchy) and writes the limits. Throws mydocker::Error with a message a user can act
  // on (which file, which value, why) when a limit cannot be set; CgroupUnavailable when the
  // cgroup file system refuses a new directory (read-only, as inside a docker container).
  ContainerCgroup(const std::string& id, const ResourceLimits& limits,
                  const CgroupRoots& roots = CgroupRoots{});
  // Kills whatever is still inside and removes the directories (retrying briefly while the
  // kernel finishes tearing tasks down). Never throws.
  ~ContainerCgroup();
  ContainerCgroup(const ContainerCgroup&) = delete;
  ContainerCgroup& operator=(const ContainerCgroup&) = delete;

  // Moves a process (and the children it will have) into the cgroup. Throws mydocker::Error.
  void add(pid_t pid) const;

  // The directories created, for messages and tests.
  const std::vector<std::string>& paths() const { return paths_; }

 private:
  std::optional<cgroups::CgroupLease> lease_;  // proof for a sweep that we live
  std::vector<std::string> paths_;             // each created directory, to be removed
};

// The host's cgroup file systems under the cgroup root, for the container's own view. Throws
// mydocker::Error when mountinfo cannot be read.
std::vector<CgroupFilesystem> host_cgroup_filesystems(const CgroupRoots& roots = CgroupRoots{});

// Removes the cgroups of containers whose mydocker died (see above); returns how many
// directories it removed. Never throws; never touches a starting or running container's.
std::size_t sweep_stale_cgroups(const CgroupRoots& roots = CgroupRoots{}) noexcept;

}  // namespace mydocker::isolation
