// Which cgroup file systems the host mounts, for `mydocker info`. Deliberately small: the
// isolators' cgroup code is the authority on cgroups; this only names the layout.
#pragma once

#include <string>
#include <string_view>

namespace mydocker {

enum class CgroupLayout {
  none,    // no cgroup file system mounted
  v1,      // only v1 hierarchies
  v2,      // only the unified hierarchy
  hybrid,  // v1 controllers, and the unified hierarchy beside them (systemd's "hybrid")
};

std::string_view to_string(CgroupLayout layout);

// From the text of a /proc/PID/mountinfo.
CgroupLayout cgroup_layout_from_mountinfo(const std::string& mountinfo);

// This process's view, from /proc/self/mountinfo.
CgroupLayout detect_cgroup_layout();

}  // namespace mydocker
