// Where the host's cgroup file systems are and which cgroup the caller is in: the v2 unified
// hierarchy, v1 hierarchies, or the v1/v2 hybrid (v1 controllers under <root>/NAME, cgroup2 at
// <root>/unified). Built from the text of /proc/self/mountinfo and /proc/self/cgroup, so tests
// hand it fixture text and a fixture root instead.
#pragma once

#include <string>
#include <vector>

namespace mydocker::isolation {

// A cgroup file system of the host's under the cgroup root: the container gets its own
// read-only mount of each, as Docker gives, so programs can read their limits.
struct CgroupFilesystem {
  std::string name;     // the directory under /sys/fs/cgroup; "" for cgroup2 mounted there itself
  std::string type;     // "cgroup" or "cgroup2"
  std::string options;  // the hierarchy's mount options without rw: "memory", "name=systemd"
};

namespace cgroups {

// Where the cgroup code looks; the host's unless a test says otherwise.
struct CgroupRoots {
  std::string cgroup_root = "/sys/fs/cgroup";
  std::string mountinfo = "/proc/self/mountinfo";
  std::string process_cgroup = "/proc/self/cgroup";
  // Host-wide, like the cgroups: every store's containers share the hierarchies.
  std::string lease_dir = "/run/mydocker/cgroups";
};

// One line of mountinfo for a cgroup or cgroup2 file system.
struct CgroupMount {
  std::string type;         // "cgroup" or "cgroup2"
  std::string mount_point;  // "/sys/fs/cgroup/memory"
  std::string root;         // the cgroup the mount shows as its top: "/" unless bind-mounted deeper
  std::vector<std::string> options;  // super options: "rw", "memory", "name=systemd"
};

// The cgroup and cgroup2 lines of mountinfo text, paths unescaped; other lines are skipped.
std::vector<CgroupMount> parse_cgroup_mounts(const std::string& mountinfo);

// One line of /proc/self/cgroup: "4:memory:/user.slice" or "0::/user.slice".
struct ProcessCgroup {
  std::vector<std::string> controllers;  // empty for the v2 line
  std::string path;
};
std::vector<ProcessCgroup> parse_process_cgroups(const std::string& text);

// A mounted v1 hierarchy (its first mount: later ones are usually bind mounts of it) and the
// caller's cgroup in it.
struct V1Hierarchy {
  std::string mount_point;
  std::vector<std::string> options;  // super options: "rw", "cpu", "cpuacct", "name=systemd"
  // The caller's cgroup as a host directory; the mount's top when the caller is outside the
  // mount's view of the hierarchy (another cgroup namespace, say).
  std::string own;
  bool has(const std::string& controller) const;
};

// The cgroup2 mount (at the root on v2, beside the v1 ones on a hybrid) and the caller's
// cgroup in it, as V1Hierarchy; mount_point is empty when there is none.
struct UnifiedHierarchy {
  std::string mount_point;
  std::string own;
};

enum class CgroupVersion { v1, v2, hybrid };
const char* describe(CgroupVersion version);

class CgroupLayout {
 public:
  CgroupLayout(std::string cgroup_root, std::vector<CgroupMount> mounts,
               std::vector<ProcessCgroup> own);
  // Reads roots.mountinfo and roots.process_cgroup. Throws mydocker::Error.
  static CgroupLayout read(const CgroupRoots& roots);

  // v2 when cgroup2 is mounted at the root itself; hybrid when v1 hierarchies sit beside a
  // cgroup2 mount under it; v1 otherwise.
  CgroupVersion version() const;
  const std::string& cgroup_root() const { return root_; }

  // v1: the caller's cgroup in the hierarchy of `controller` as a host directory, so the
  // container stays inside whatever accounting the caller is under; empty when no mounted
  // hierarchy has that controller.
  std::string v1_parent(const std::string& controller) const;

  // Every mounted v1 hierarchy, once each, in mountinfo order.
  std::vector<V1Hierarchy> v1_hierarchies() const;
  UnifiedHierarchy unified() const;

  // Each cgroup file system mounted directly under the root (or cgroup2 at the root itself),
  // for the container's own view.
  std::vector<CgroupFilesystem> filesystems() const;

 private:
  std::string root_;
  std::vector<CgroupMount> mounts_;
  std::vector<ProcessCgroup> own_;
};

}  // namespace cgroups

}  // namespace mydocker::isolation
