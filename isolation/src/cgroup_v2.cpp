#include "cgroup_v2.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "cgroup_files.hpp"
#include "cgroup_limits.hpp"
#include "mydocker/errors.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker::isolation::cgroups {

void enable_controllers(const std::string& dir, const std::vector<std::string>& required,
                        const std::vector<std::string>& wanted) {
  // Each controller separately, and only when missing: usually they are all enabled already,
  // and one the kernel refuses (cpu with realtime tasks around) is then named alone.
  const std::string path = dir + "/cgroup.subtree_control";
  std::vector<std::string> enabled;
  try {
    enabled = read_list(path);
  } catch (const Error&) {
    if (!required.empty()) throw;
    return;
  }
  const auto enable = [&](const std::string& controller, bool needed) {
    if (contains(enabled, controller)) return;
    const std::string value = "+" + controller;
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (fd.get() >= 0 && write_value(fd.get(), value)) {
      enabled.push_back(controller);
    } else if (needed) {
      throw_cgroup_error(
          "cgroup: cannot enable the " + controller + " controller: write " + value + " to " + path,
          errno);
    }
  };
  for (const auto& controller : required) enable(controller, true);
  for (const auto& controller : wanted) enable(controller, false);
}

std::vector<std::string> v2_controllers(const std::string& cgroup_root,
                                        const ResourceLimits& limits) {
  const std::string list = cgroup_root + "/cgroup.controllers";
  const auto available = read_list(list);
  std::vector<std::string> wanted;
  const auto want = [&](const std::string& controller, bool needed, const std::string& what) {
    if (contains(available, controller)) {
      wanted.push_back(controller);
    } else if (needed) {
      throw Error("cgroup: cannot " + what + ": the " + controller +
                  " controller is not available (not listed in " + list + ")");
    }
  };
  want("memory", limits.memory_bytes > 0, "set memory limit");
  want("pids", limits.pids > 0, "set process limit");
  if (limits.cpus > 0) want("cpu", true, "set CPU limit");
  return wanted;
}

std::string create_v2_cgroup(const std::string& cgroup_root, const std::string& name,
                             const std::vector<std::string>& controllers, CgroupLease& lease,
                             std::vector<std::string>& created) {
  const std::string base = cgroup_root + "/" + kV2Base;
  enable_controllers(cgroup_root, controllers);
  if (::mkdir(base.c_str(), 0755) != 0 && errno != EEXIST) {
    throw_cgroup_error("cgroup: cannot create " + base, errno);
  }
  enable_controllers(base, controllers);
  const std::string dir = base + "/" + name;
  lease.make_directory(dir, created);
  return dir;
}

void apply_v2_limits(const std::string& dir, const ResourceLimits& limits) {
  if (limits.memory_bytes > 0) write_memory_limit_v2(dir, limits.memory_bytes);
  if (limits.pids > 0) write_pids_limit(dir, limits.pids);
  if (limits.cpus > 0) write_cpu_limit_v2(dir, limits.cpus);
}

}  // namespace mydocker::isolation::cgroups
