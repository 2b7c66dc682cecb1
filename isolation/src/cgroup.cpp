#include "cgroup.hpp"

#include "cgroup_limits.hpp"
#include "cgroup_v1.hpp"
#include "cgroup_v2.hpp"
#include "mydocker/errors.hpp"
#include "planned_cgroup.hpp"

namespace mydocker::isolation {

std::vector<CgroupFilesystem> host_cgroup_filesystems(const CgroupRoots& roots) {
  return cgroups::CgroupLayout::read(roots).filesystems();
}

std::size_t sweep_stale_cgroups(const CgroupRoots& roots) noexcept {
  try {
    return cgroups::sweep_stale(roots);
  } catch (...) {
    return 0;  // allocation only; the next start tries again
  }
}

ContainerCgroup::ContainerCgroup(const std::string& id, const ResourceLimits& limits,
                                 const CgroupRoots& roots) {
  cgroups::validate_directory_name(id, "container id");
  cgroups::validate_limits(limits);
  const auto layout = cgroups::CgroupLayout::read(roots);
  const bool unified = layout.version() == cgroups::CgroupVersion::v2;
  // Before this run's lease exists: what killed runs left (a dead run with our id too).
  cgroups::sweep_stale(roots);
  // Before any directory exists: from then on a sweep sees this run as alive.
  lease_.emplace(roots.lease_dir, id);
  try {
    if (unified) {
      const auto controllers = cgroups::v2_controllers(roots.cgroup_root, limits);
      const std::string dir =
          cgroups::create_v2_cgroup(roots.cgroup_root, id, controllers, *lease_, paths_);
      cgroups::apply_v2_limits(dir, limits);
    } else {
      const auto cgroup =
          cgroups::create_v1_cgroup(layout, cgroups::kV1Prefix + id, limits, *lease_, paths_);
      cgroups::apply_v1_limits(cgroup, limits, cgroups::docker_default_device_rules());
    }
  } catch (...) {
    if (cgroups::remove_cgroups(paths_)) lease_->remove();
    throw;
  }
}

ContainerCgroup::~ContainerCgroup() {
  // A directory left (still busy) keeps its lease, unlocked once we exit: a sweep retries.
  if (cgroups::remove_cgroups(paths_) && lease_) lease_->remove();
}

void ContainerCgroup::add(pid_t pid) const { join_cgroup(paths_, pid); }

}  // namespace mydocker::isolation
