// --systemd-cgroup: cgroupsPath names a systemd scope, "slice:prefix:name", which lives at
// /<slice, expanded>/<prefix>-<name>.scope. No systemd runs here, so the runtime creates that
// directory itself as for any cgroupsPath; what it keeps from systemd is the naming.
#pragma once

#include <string>

namespace mydocker::runtime {

// "system.slice:docker:abc" -> "/system.slice/docker-abc.scope"; "user-1000.slice:p:n" ->
// "/user.slice/user-1000.slice/p-n.scope"; an empty path -> system.slice, prefix
// "mydocker-runtime", name `id`. Throws mydocker::Error for anything not of that form.
std::string systemd_cgroup_path(const std::string& cgroups_path, const std::string& id);

}  // namespace mydocker::runtime
