// The id maps of a container's new user namespace, written by the parent while the child
// waits (runc's way: as a privileged runtime it leaves /proc/PID/setgroups at "allow", so the
// container's root can still set its supplementary groups).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "container_plan.hpp"

namespace mydocker::isolation {

// uid_map / gid_map content: one "container host size" line per mapping.
std::string id_map_text(const std::vector<IdMapping>& mappings);

// Writes /proc/PID/uid_map and gid_map, each in the single write the kernel requires.
// Throws mydocker::Error naming the file.
void write_id_maps(pid_t pid, const std::vector<IdMapping>& uid_mappings,
                   const std::vector<IdMapping>& gid_mappings);

}  // namespace mydocker::isolation
