#include "cgroup_v1.hpp"

#include "cgroup_files.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::isolation::cgroups {

namespace {

void require(const CgroupLayout& layout, bool needed, const std::string& controller,
             const std::string& what) {
  if (!needed || !layout.v1_parent(controller).empty()) return;
  throw Error("cgroup: cannot " + what + ": no cgroup v1 hierarchy with the " + controller +
              " controller is mounted (see /proc/self/mountinfo)");
}

// The container's directory in the hierarchy of `controller`, created unless another
// controller of the same hierarchy already did; empty when the controller is not mounted.
std::string v1_directory(const CgroupLayout& layout, const std::string& controller,
                         const std::string& name, CgroupLease& lease,
                         std::vector<std::string>& created) {
  const std::string parent = layout.v1_parent(controller);
  if (parent.empty()) return "";
  const std::string dir = parent + "/" + name;
  if (!contains(created, dir)) lease.make_directory(dir, created);
  return dir;
}

}  // namespace

V1Cgroup create_v1_cgroup(const CgroupLayout& layout, const std::string& name,
                          const ResourceLimits& limits, CgroupLease& lease,
                          std::vector<std::string>& created) {
  require(layout, limits.memory_bytes > 0, "memory", "set memory limit");
  require(layout, limits.pids > 0, "pids", "set process limit");
  require(layout, limits.cpus > 0, "cpu", "set CPU limit");
  // memory and pids even without limits: usage is accounted and the destructor finds every
  // process the container started. cpu only when asked: it is one mkdir more per start.
  V1Cgroup cgroup;
  cgroup.memory = v1_directory(layout, "memory", name, lease, created);
  cgroup.pids = v1_directory(layout, "pids", name, lease, created);
  if (limits.cpus > 0) cgroup.cpu = v1_directory(layout, "cpu", name, lease, created);
  cgroup.devices = v1_directory(layout, "devices", name, lease, created);
  return cgroup;
}

void apply_v1_limits(const V1Cgroup& cgroup, const ResourceLimits& limits,
                     const std::vector<DeviceRule>& device_rules) {
  if (limits.memory_bytes > 0) write_memory_limit_v1(cgroup.memory, limits.memory_bytes);
  if (limits.pids > 0) write_pids_limit(cgroup.pids, limits.pids);
  if (limits.cpus > 0) write_cpu_limit_v1(cgroup.cpu, limits.cpus);
  if (!cgroup.devices.empty()) write_device_rules_v1(cgroup.devices, device_rules);
}

}  // namespace mydocker::isolation::cgroups
