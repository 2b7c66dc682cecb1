// Which namespaces a container process is cloned into and which it joins: the parent decides
// and opens the namespace files, a short-lived spawner process setns()es into them and clones
// the container process (container_launch.cpp), so the caller's own namespaces never change.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "container_plan.hpp"
#include "mydocker/child_report.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker::isolation {

// A namespace file opened in the parent, to be joined with setns(fd, type).
struct NamespaceToJoin {
  int type = 0;      // CLONE_NEW*
  std::string path;  // for the error
  UniqueFd fd;
};

// The clone3 flags for the plan's new namespaces (those without a path). CLONE_NEWCGROUP is
// left out: the child unshares it once the parent has moved it into its cgroup, so the
// namespace is rooted there (see wants_new_namespace).
std::uint64_t new_namespace_flags(const std::vector<NamespacePlan>& namespaces);

bool wants_new_namespace(const std::vector<NamespacePlan>& namespaces, int type);

// Where a type goes in the order of setns calls: the user namespace first (joining it gives
// the capabilities to join the namespaces it owns), the mount namespace last (joining it moves
// the root and the working directory).
int join_rank(int type);

// The plan's namespaces given by path, opened and in join_rank order, leaving out those the
// caller is already in. Throws mydocker::Error naming the path.
std::vector<NamespaceToJoin> open_plan_namespaces(const std::vector<NamespacePlan>& namespaces);

// Every namespace of process `pid` that differs from the caller's (/proc/PID/ns/...), in
// join_rank order: what `exec` joins. Throws mydocker::Error.
std::vector<NamespaceToJoin> open_process_namespaces(pid_t pid);

// In the spawner, between clone and exec: setns into each. Reports the first failure.
void join_namespaces(const ChildReporter& report, const NamespaceToJoin* joins,
                     std::size_t count) noexcept;

}  // namespace mydocker::isolation
