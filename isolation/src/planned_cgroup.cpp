#include "planned_cgroup.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>

#include "cgroup_files.hpp"
#include "cgroup_lease.hpp"
#include "cgroup_limits.hpp"
#include "cgroup_resources.hpp"
#include "cgroup_v2.hpp"
#include "mydocker/errors.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker::isolation {

namespace {

using cgroups::CgroupLayout;
using cgroups::CgroupVersion;
using cgroups::is_set;

// cgroupsPath as runc reads it: absolute is below each hierarchy's top, relative below the
// caller's own cgroup; empty is the relative "<id>".
struct Placement {
  bool absolute = false;
  std::string relative;  // "libpod_parent/libpod-ID": checked components joined by "/"
};

Placement placement(const CgroupPlan& plan, const std::string& id) {
  if (plan.path.empty()) {
    cgroups::validate_directory_name(id, "container id");
    return {false, id};
  }
  Placement out{plan.path.front() == '/', ""};
  for (const auto& part : cgroups::split(plan.path, '/')) {
    // Refused rather than cleaned up as runc does: ".." would leave the hierarchy's top.
    if (part == "." || part == "..") {
      throw Error("cgroup: invalid cgroupsPath \"" + plan.path + "\": \"" + part +
                  "\" is not allowed in it");
    }
    out.relative += (out.relative.empty() ? "" : "/") + part;
  }
  if (out.relative.empty()) {
    throw Error("cgroup: invalid cgroupsPath \"" + plan.path + "\": it names no cgroup");
  }
  return out;
}

// The container's directory in a hierarchy mounted at `top` where the caller is in `own`.
std::string place(const std::string& top, const std::string& own, const Placement& where) {
  return (where.absolute ? top : own) + "/" + where.relative;
}

// Each directory from below `top` down to `leaf`, top first.
std::vector<std::string> levels_below(const std::string& top, const std::string& leaf) {
  std::vector<std::string> out;
  std::string dir = top;
  for (const auto& part : cgroups::split(leaf.substr(top.size()), '/')) {
    dir += "/" + part;
    out.push_back(dir);
  }
  return out;
}

// Makes `dir` unless it exists, appending it to `made` when it did not.
void make_level(const std::string& dir, std::vector<std::string>& made) {
  if (::mkdir(dir.c_str(), 0755) == 0) {
    made.push_back(dir);
  } else if (errno != EEXIST) {
    cgroups::throw_cgroup_error("cgroup: cannot create " + dir, errno);
  }
}

// Removes what a failed creation made, deepest first: nothing has joined them yet.
class MadeDirectories {
 public:
  MadeDirectories() = default;
  MadeDirectories(const MadeDirectories&) = delete;
  MadeDirectories& operator=(const MadeDirectories&) = delete;
  ~MadeDirectories() { remove_from(0); }

  std::vector<std::string>& list() { return made_; }
  void remove_from(std::size_t first) noexcept {
    while (made_.size() > first) {
      ::rmdir(made_.back().c_str());
      made_.pop_back();
    }
  }
  void keep() { made_.clear(); }

 private:
  std::vector<std::string> made_;
};

bool wants_memory(const CgroupPlan& plan) {
  return is_set(plan.memory_limit) || is_set(plan.memory_reservation) || is_set(plan.memory_swap);
}
bool wants_pids(const CgroupPlan& plan) { return plan.pids_limit && *plan.pids_limit > 0; }
bool wants_cpu(const CgroupPlan& plan) {
  return is_set(plan.cpu_shares) || is_set(plan.cpu_quota) || is_set(plan.cpu_period);
}
bool wants_cpuset(const CgroupPlan& plan) {
  return !plan.cpuset_cpus.empty() || !plan.cpuset_mems.empty();
}

cgroups::MemoryValues memory_values(const CgroupPlan& plan) {
  return {plan.memory_limit, plan.memory_reservation, plan.memory_swap};
}
cgroups::CpuValues cpu_values(const CgroupPlan& plan) {
  return {plan.cpu_shares, plan.cpu_quota, plan.cpu_period};
}

// ---- v1 and the hybrid ----

const cgroups::V1Hierarchy* find_hierarchy(const std::vector<cgroups::V1Hierarchy>& hierarchies,
                                           const std::string& controller) {
  const auto it = std::find_if(hierarchies.begin(), hierarchies.end(),
                               [&](const cgroups::V1Hierarchy& h) { return h.has(controller); });
  return it == hierarchies.end() ? nullptr : &*it;
}

void require_v1(const std::vector<cgroups::V1Hierarchy>& hierarchies, bool needed,
                const std::string& controller, const std::string& what) {
  if (!needed || find_hierarchy(hierarchies, controller) != nullptr) return;
  throw Error("cgroup: cannot " + what + ": no cgroup v1 hierarchy with the " + controller +
              " controller is mounted (see /proc/self/mountinfo)");
}

std::vector<std::string> create_v1(const CgroupLayout& layout, const CgroupPlan& plan,
                                   const Placement& where, MadeDirectories& made) {
  const auto hierarchies = layout.v1_hierarchies();
  require_v1(hierarchies, wants_memory(plan), "memory", "set memory limits");
  require_v1(hierarchies, wants_pids(plan), "pids", "set process limit");
  require_v1(hierarchies, wants_cpu(plan), "cpu", "set CPU limits");
  require_v1(hierarchies, wants_cpuset(plan), "cpuset", "set the cpuset");
  require_v1(hierarchies, !plan.device_rules.empty(), "devices", "restrict devices");

  // Every hierarchy, controllers or not (name=systemd): callers find the container's
  // processes in whichever they read, as runc and crun make them.
  std::vector<std::string> paths;
  for (const auto& hierarchy : hierarchies) {
    const std::string leaf = place(hierarchy.mount_point, hierarchy.own, where);
    for (const auto& level : levels_below(hierarchy.mount_point, leaf)) {
      make_level(level, made.list());
      // Top down, so each level has its parent's values to copy.
      if (hierarchy.has("cpuset")) cgroups::inherit_cpuset_v1(level);
    }
    paths.push_back(leaf);
  }

  const auto dir = [&](const std::string& controller) {
    const auto* hierarchy = find_hierarchy(hierarchies, controller);
    return place(hierarchy->mount_point, hierarchy->own, where);
  };
  if (wants_memory(plan)) cgroups::write_memory_v1(dir("memory"), memory_values(plan));
  if (plan.pids_limit && find_hierarchy(hierarchies, "pids") != nullptr) {
    cgroups::write_pids_limit(dir("pids"), *plan.pids_limit);
  }
  if (wants_cpu(plan)) cgroups::write_cpu_v1(dir("cpu"), cpu_values(plan));
  if (wants_cpuset(plan)) {
    cgroups::write_cpuset(dir("cpuset"), plan.cpuset_cpus, plan.cpuset_mems);
  }
  if (!plan.device_rules.empty()) {
    cgroups::write_device_rules_v1(dir("devices"), plan.device_rules);
  }

  // The hybrid's cgroup2 half holds no controller we set, but a directory there gives the
  // container cgroup.kill (one atomic kill, forks in flight included) and the v2 accounting
  // of its processes without systemd. Optional: if the kernel refuses, v1 is enough.
  const auto unified = layout.unified();
  if (layout.version() == CgroupVersion::hybrid && !unified.mount_point.empty()) {
    const std::string leaf = place(unified.mount_point, unified.own, where);
    const std::size_t before = made.list().size();
    try {
      for (const auto& level : levels_below(unified.mount_point, leaf)) {
        make_level(level, made.list());
      }
      paths.push_back(leaf);
    } catch (const Error&) {
      made.remove_from(before);
    }
  }
  return paths;
}

// ---- v2 ----

std::string create_v2(const CgroupLayout& layout, const CgroupPlan& plan, const Placement& where,
                      MadeDirectories& made) {
  const auto unified = layout.unified();
  const std::string& top = unified.mount_point;
  // As runc: relative paths go below the parent of the caller's cgroup. The caller's own
  // holds processes, and v2 delegates controllers only from a cgroup without any.
  std::string base = unified.own;
  if (base != top) base = base.substr(0, base.find_last_of('/'));
  const std::string leaf = place(top, base, where);

  const std::string list = top + "/cgroup.controllers";
  const auto available = cgroups::read_list(list);
  std::vector<std::string> required;
  const auto need = [&](bool needed, const std::string& controller, const std::string& what) {
    if (!needed) return;
    if (!cgroups::contains(available, controller)) {
      throw Error("cgroup: cannot " + what + ": the " + controller +
                  " controller is not available (not listed in " + list + ")");
    }
    required.push_back(controller);
  };
  need(wants_memory(plan), "memory", "set memory limits");
  need(wants_pids(plan), "pids", "set process limit");
  need(wants_cpu(plan), "cpu", "set CPU limits");
  need(wants_cpuset(plan), "cpuset", "set the cpuset");
  // Accounted even without limits, for callers' statistics; best effort.
  std::vector<std::string> wanted;
  for (const char* controller : {"memory", "pids"}) {
    if (cgroups::contains(available, controller)) wanted.push_back(controller);
  }

  std::string parent = top;
  for (const auto& level : levels_below(top, leaf)) {
    cgroups::enable_controllers(parent, required, wanted);
    make_level(level, made.list());
    parent = level;
  }

  if (wants_memory(plan)) cgroups::write_memory_v2(leaf, memory_values(plan));
  if (plan.pids_limit && cgroups::contains(available, "pids")) {
    cgroups::write_pids_limit(leaf, *plan.pids_limit);
  }
  if (wants_cpu(plan)) cgroups::write_cpu_v2(leaf, cpu_values(plan));
  if (wants_cpuset(plan)) cgroups::write_cpuset(leaf, plan.cpuset_cpus, plan.cpuset_mems);
  // Device rules are not written: v2 has no devices files, only an eBPF program attached to
  // the cgroup (not done yet). The container's /dev holds only the devices the plan lists.
  return leaf;
}

// Every directory below `dir` (cgroups the container made itself), parents before children.
void add_descendants(const std::string& dir, std::vector<std::string>& out) {
  const std::unique_ptr<DIR, int (*)(DIR*)> stream(::opendir(dir.c_str()), ::closedir);
  if (!stream) return;
  while (const dirent* entry = ::readdir(stream.get())) {
    const std::string name = entry->d_name;
    if (entry->d_type != DT_DIR || name == "." || name == "..") continue;
    out.push_back(dir + "/" + name);
    add_descendants(out.back(), out);
  }
}

}  // namespace

std::vector<std::string> create_planned_cgroup(const CgroupPlan& plan, const std::string& id,
                                               const cgroups::CgroupRoots& roots) {
  const Placement where = placement(plan, id);
  const auto layout = CgroupLayout::read(roots);
  MadeDirectories made;
  std::vector<std::string> paths;
  if (layout.version() == CgroupVersion::v2) {
    paths.push_back(create_v2(layout, plan, where, made));
  } else {
    paths = create_v1(layout, plan, where, made);
  }
  if (paths.empty()) {
    throw Error("cgroup: no cgroup file system is mounted (see " + roots.mountinfo + ")");
  }
  made.keep();
  return paths;
}

void join_cgroup(const std::vector<std::string>& paths, pid_t pid) {
  const std::string value = std::to_string(pid);
  for (const auto& dir : paths) {
    cgroups::write_file("move process " + value + " into the container's cgroup",
                        dir + "/cgroup.procs", value);
  }
}

std::vector<pid_t> cgroup_processes(const std::vector<std::string>& paths) {
  std::vector<pid_t> pids;
  for (const auto& dir : paths) {
    if (!cgroups::read_processes(dir, pids)) continue;
    std::vector<std::string> below;
    add_descendants(dir, below);
    for (const auto& child : below) cgroups::read_processes(child, pids);
    break;
  }
  std::sort(pids.begin(), pids.end());
  pids.erase(std::unique(pids.begin(), pids.end()), pids.end());
  return pids;
}

std::size_t signal_cgroup(const std::vector<std::string>& paths, int signal) noexcept {
  try {
    auto pids = cgroup_processes(paths);
    // cgroup.kill would take the caller too.
    const bool caller_inside = std::erase(pids, ::getpid()) > 0;
    if (signal == SIGKILL && !caller_inside) {
      for (const auto& dir : paths) {
        // v2 (Linux 5.14+, the hybrid's unified half too): the whole subtree at once.
        const UniqueFd fd(::open((dir + "/cgroup.kill").c_str(), O_WRONLY | O_CLOEXEC));
        if (fd.get() >= 0 && cgroups::write_value(fd.get(), "1")) return pids.size();
      }
    }
    std::size_t reached = 0;
    for (const pid_t pid : pids) {
      if (::kill(pid, signal) == 0) ++reached;
    }
    return reached;
  } catch (...) {
    return 0;  // allocation only
  }
}

bool remove_cgroup(const std::vector<std::string>& paths) noexcept {
  try {
    std::vector<std::string> dirs;
    for (const auto& dir : paths) {
      dirs.push_back(dir);
      add_descendants(dir, dirs);
    }
    // Kills what is left on each round and removes the deepest first, for up to a second.
    return cgroups::remove_cgroups(dirs);
  } catch (...) {
    return false;  // allocation only; delete --force tries again
  }
}

}  // namespace mydocker::isolation
