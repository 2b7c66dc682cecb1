// The container's cgroup: created before the container's process runs, limits written, the
// process moved in, and removed when the container is gone. Works on cgroup v2 (unified),
// v1 and the v1/v2 hybrid where controllers live under /sys/fs/cgroup/<controller>.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "mydocker/types.hpp"

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
  std::vector<CgroupFilesystem> filesystems_;
};

}  // namespace mydocker::pivot_root
