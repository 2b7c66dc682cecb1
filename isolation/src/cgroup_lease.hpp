// A run's claim on the cgroup directories it makes, so those of a run killed with SIGKILL can
// be found and removed later (see cgroup.hpp for the protocol), and the removal itself.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cgroup_layout.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker::isolation::cgroups {

// The name of a container's v1 cgroup directory is this plus the id; a sweep removes nothing
// else in a v1 hierarchy.
inline constexpr const char* kV1Prefix = "mydocker-";
// On v2 every container lives below <cgroup root>/<kV2Base>.
inline constexpr const char* kV2Base = "mydocker";

class CgroupLease {
 public:
  // Creates <lease_dir>/<id>.lock already flocked (made unnamed, locked, then linked: a sweep
  // never sees a lease not yet held). Throws CgroupUnavailable when the directory refuses us.
  CgroupLease(const std::string& lease_dir, const std::string& id);
  CgroupLease(const CgroupLease&) = delete;
  CgroupLease& operator=(const CgroupLease&) = delete;

  // Makes `dir`, listed in the lease before it exists (a run killed right after the mkdir
  // leaves nothing unlisted) and unlisted again if the mkdir fails (an existing directory is
  // not ours). Appends it to `created`. Throws Error (CgroupUnavailable for a refusal).
  void make_directory(const std::string& dir, std::vector<std::string>& created);

  // Removes the lock file; the lock itself goes with the descriptor.
  void remove() const;
  const std::string& path() const { return path_; }

 private:
  void record(const std::vector<std::string>& dirs);

  std::string path_;
  UniqueFd fd_;
};

// Kills whatever is in `dirs` (cgroup.kill on v2, SIGKILL to each member on v1) and removes
// them, deepest last-made first, retrying briefly while the kernel finishes tearing tasks
// down. True when none is left; `dirs` is emptied. Never throws.
bool remove_cgroups(std::vector<std::string>& dirs) noexcept;

// Takes each lease in roots.lease_dir that no live run holds, removes the directories it
// lists (only container directories under roots.cgroup_root) and then the lease. Returns how
// many directories it removed.
std::size_t sweep_stale(const CgroupRoots& roots);

}  // namespace mydocker::isolation::cgroups
