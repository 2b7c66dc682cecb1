// Everything the child needs to become a container, OCI-shaped and resolved before the clone:
// mydocker-runtime builds it from a bundle's config.json (runtime/src/oci/), the pivot_root
// isolator from `mydocker run`'s settings (Docker's defaults expressed as mounts, masked paths,
// capabilities...). One plan, one child implementation (container_launch.hpp): what a
// container is does not depend on who asked for it.
//
// Paths named "in the container" are resolved beneath `rootfs` without following its
// symlinks out; host paths (bind sources, namespace paths, hooks) are trusted.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "capabilities.hpp"
#include "cgroup_layout.hpp"
#include "seccomp_filter.hpp"

namespace mydocker::isolation {

// A namespace the container gets: a new one when `path` is empty, else the one at `path`
// (a /proc/PID/ns/net, a bind-mounted namespace file) is joined, as pods share a network.
struct NamespacePlan {
  int type = 0;  // one CLONE_NEW* flag
  std::string path;
};

// One line of a user namespace's uid_map or gid_map.
struct IdMapping {
  std::uint32_t container_id = 0;
  std::uint32_t host_id = 0;
  std::uint32_t size = 0;
};

// One entry of the mounts list, mounted in order after the rootfs is bound onto itself.
struct MountPlan {
  std::string destination;        // absolute, in the container; made (dir, or file for a file bind)
  std::string type;               // "proc", "tmpfs", "sysfs", "cgroup", "bind"...
  std::string source;             // a host path for binds, else the file system's source name
  unsigned long flags = 0;        // MS_* from the options, MS_BIND|MS_REC for rbind...
  unsigned long propagation = 0;  // MS_SHARED / MS_SLAVE / MS_PRIVATE / MS_UNBINDABLE (| MS_REC)
  std::string data;               // the options the kernel takes as data: "mode=755,size=65536k"
};

// A device node to create in the container's /dev (or bind from the host's where mknod is not
// allowed, as in a user namespace).
struct DevicePlan {
  std::string path;  // in the container: "/dev/fuse"
  char type = 'c';   // 'c', 'b', 'u' (unbuffered char) or 'p' (fifo)
  std::int64_t major = 0;
  std::int64_t minor = 0;
  std::uint32_t file_mode = 0666;
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
};

// A line of the device cgroup: allow or deny type/major/minor with access "rwm".
struct DeviceRule {
  bool allow = false;
  char type = 'a';          // 'a' all, 'c', 'b'
  std::int64_t major = -1;  // -1: any
  std::int64_t minor = -1;
  std::string access = "rwm";
};

struct RlimitPlan {
  int resource = 0;  // RLIMIT_*
  std::uint64_t soft = 0;
  std::uint64_t hard = 0;
};

// The five capability sets of the container's process, bit N = capability N.
struct CapabilityPlan {
  CapabilitySet bounding = 0;
  CapabilitySet effective = 0;
  CapabilitySet inheritable = 0;
  CapabilitySet permitted = 0;
  CapabilitySet ambient = 0;
};

// A hook: a host program run with the container's state JSON on its stdin.
struct HookPlan {
  std::string path;
  std::vector<std::string> args;  // args[0] as given; empty means {path}
  std::vector<std::string> env;
  int timeout_seconds = 0;  // 0: none
};

// The container's cgroup and what it limits. Unset optionals leave the kernel's default.
struct CgroupPlan {
  // config.json's cgroupsPath: absolute ("/libpod_parent/libpod-ID") is under the cgroup root
  // of each hierarchy, relative is under the caller's own cgroup; empty means "<id>" under
  // mydocker's default parent.
  std::string path;
  std::optional<std::int64_t> memory_limit;  // bytes
  std::optional<std::int64_t> memory_reservation;
  std::optional<std::int64_t> memory_swap;  // memory + swap, bytes; -1 unlimited
  std::optional<std::int64_t> pids_limit;   // -1 or 0... as given; <= 0 means unlimited
  std::optional<std::uint64_t> cpu_shares;  // v1 shares; v2 weight derived from it
  std::optional<std::int64_t> cpu_quota;    // microseconds per period; -1 unlimited
  std::optional<std::uint64_t> cpu_period;  // microseconds
  std::string cpuset_cpus;                  // "0-1"; empty: inherit
  std::string cpuset_mems;
  std::vector<DeviceRule> device_rules;  // in order; v1 devices.allow/deny
};

// The process the container runs (and `exec` adds).
struct ProcessPlan {
  std::vector<std::string> args;  // args[0] searched in the container's PATH (from env) if bare
  std::vector<std::string> env;   // KEY=VALUE
  std::string cwd = "/";
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::vector<std::uint32_t> additional_gids;
  std::optional<mode_t> umask;  // unset: 022
  bool terminal = false;  // a new pty from the container's devpts; master to the console socket
  CapabilityPlan capabilities;
  bool no_new_privileges = false;
  std::vector<RlimitPlan> rlimits;
  std::optional<int> oom_score_adj;
  std::optional<SeccompFilter> seccomp;  // compiled in the parent; unset: unconfined
};

struct ContainerPlan {
  std::string id;
  std::string rootfs;  // absolute host path
  bool readonly_root = false;
  unsigned long rootfs_propagation =
      0;  // for "/" in the container's mount namespace; 0: MS_SLAVE|MS_REC
  // MS_* the rootfs's bind onto itself gets (remounted): Docker's layout makes it MS_NODEV so
  // that only the nodes of its own /dev open. 0 for OCI bundles, as runc.
  unsigned long rootfs_flags = 0;
  std::vector<NamespacePlan> namespaces;  // no CLONE_NEWNS entry: the caller's mount namespace
  std::vector<IdMapping> uid_mappings;    // with a new user namespace
  std::vector<IdMapping> gid_mappings;
  std::string hostname;  // empty: leave the UTS namespace's
  std::string domainname;
  bool bring_up_loopback = false;  // in a new network namespace
  std::vector<MountPlan> mounts;
  // The host's cgroup file systems (host_cgroup_filesystems(), read before the clone): a
  // "cgroup" mount becomes one mount of each (with its flags) under a tmpfs on v1 and the hybrid,
  // or one cgroup2 mount; empty means cgroup2.
  std::vector<CgroupFilesystem> cgroup_filesystems;
  std::vector<DevicePlan> devices;  // beside the default ones (null zero full random urandom tty)
  std::vector<std::string> masked_paths;
  std::vector<std::string> readonly_paths;
  std::map<std::string, std::string> sysctl;  // "net.ipv4.ip_forward" -> "1"
  ProcessPlan process;
  CgroupPlan cgroup;
  // Run inside the container's namespaces: createContainer before pivot_root, startContainer
  // just before the user's program is exec'd.
  std::vector<HookPlan> create_container_hooks;
  std::vector<HookPlan> start_container_hooks;
};

}  // namespace mydocker::isolation
