#include "docker_defaults.hpp"

#include <sys/mount.h>

namespace mydocker::isolation {

std::vector<MountPlan> docker_default_mounts(const std::vector<CgroupFilesystem>& cgroups) {
  constexpr unsigned long kKernel = MS_NOSUID | MS_NODEV | MS_NOEXEC;
  std::vector<MountPlan> mounts{
      {"/proc", "proc", "proc", kKernel, 0, ""},
      {"/dev", "tmpfs", "tmpfs", MS_NOSUID | MS_NODEV | MS_STRICTATIME, 0, "mode=755,size=65536k"},
      {"/dev/pts", "devpts", "devpts", MS_NOSUID | MS_NOEXEC, 0,
       "newinstance,ptmxmode=0666,mode=0620,gid=5"},
      {"/dev/shm", "tmpfs", "tmpfs", kKernel, 0, "mode=1777,size=65536k"},
      {"/dev/mqueue", "mqueue", "mqueue", kKernel, 0, ""},
      {"/sys", "sysfs", "sysfs", MS_RDONLY | kKernel, 0, ""},
  };
  if (!cgroups.empty()) {
    mounts.push_back({"/sys/fs/cgroup", "cgroup", "cgroup", MS_RDONLY | kKernel, 0, ""});
  }
  return mounts;
}

std::vector<std::string> docker_masked_paths() {
  return {"/proc/asound",     "/proc/acpi",        "/proc/interrupts",
          "/proc/kcore",      "/proc/keys",        "/proc/latency_stats",
          "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
          "/proc/scsi",       "/sys/firmware",     "/sys/devices/virtual/powercap"};
}

std::vector<std::string> docker_readonly_paths() {
  return {"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"};
}

void apply_docker_defaults(ContainerPlan& plan, const std::vector<CgroupFilesystem>& cgroups) {
  plan.rootfs_propagation = MS_REC | MS_PRIVATE;
  plan.rootfs_flags = MS_NODEV;
  plan.mounts = docker_default_mounts(cgroups);
  plan.cgroup_filesystems = cgroups;
  plan.masked_paths = docker_masked_paths();
  plan.readonly_paths = docker_readonly_paths();
}

}  // namespace mydocker::isolation
