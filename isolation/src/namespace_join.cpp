#include "namespace_join.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "mydocker/errors.hpp"

namespace mydocker::isolation {

namespace {

struct NamespaceFile {
  int type;
  const char* name;  // under /proc/PID/ns
};

// In join_rank order.
constexpr NamespaceFile kNamespaceFiles[] = {
    {CLONE_NEWUSER, "user"}, {CLONE_NEWIPC, "ipc"}, {CLONE_NEWUTS, "uts"},
    {CLONE_NEWNET, "net"},   {CLONE_NEWPID, "pid"}, {CLONE_NEWCGROUP, "cgroup"},
    {CLONE_NEWNS, "mnt"},
};

const char* file_name(int type) {
  for (const auto& f : kNamespaceFiles) {
    if (f.type == type) return f.name;
  }
  return nullptr;
}

// The caller's own namespace of `type` (same device and inode), so joining it would be a no-op
// (and for a user namespace, EINVAL).
bool is_own_namespace(int fd, int type) {
  const char* name = file_name(type);
  struct stat theirs {};
  struct stat ours {};
  return name != nullptr && ::fstat(fd, &theirs) == 0 &&
         ::stat((std::string("/proc/self/ns/") + name).c_str(), &ours) == 0 &&
         theirs.st_dev == ours.st_dev && theirs.st_ino == ours.st_ino;
}

UniqueFd open_namespace(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) throw Error("cannot open the namespace " + path + ": " + std::strerror(errno));
  return fd;
}

void sort_for_joining(std::vector<NamespaceToJoin>& joins) {
  std::stable_sort(joins.begin(), joins.end(), [](const auto& a, const auto& b) {
    return join_rank(a.type) < join_rank(b.type);
  });
}

}  // namespace

bool wants_new_namespace(const std::vector<NamespacePlan>& namespaces, int type) {
  return std::any_of(namespaces.begin(), namespaces.end(),
                     [type](const auto& ns) { return ns.type == type && ns.path.empty(); });
}

std::uint64_t new_namespace_flags(const std::vector<NamespacePlan>& namespaces) {
  std::uint64_t flags = 0;
  for (const auto& ns : namespaces) {
    if (ns.path.empty() && ns.type != CLONE_NEWCGROUP) flags |= static_cast<unsigned>(ns.type);
  }
  return flags;
}

int join_rank(int type) {
  int rank = 0;
  for (const auto& f : kNamespaceFiles) {
    if (f.type == type) return rank;
    ++rank;
  }
  return rank;  // unknown types (time) before the mount namespace would be fine, after is too
}

std::vector<NamespaceToJoin> open_plan_namespaces(const std::vector<NamespacePlan>& namespaces) {
  std::vector<NamespaceToJoin> joins;
  for (const auto& ns : namespaces) {
    if (ns.path.empty()) continue;
    UniqueFd fd = open_namespace(ns.path);
    if (is_own_namespace(fd.get(), ns.type)) continue;
    joins.push_back({ns.type, ns.path, std::move(fd)});
  }
  sort_for_joining(joins);
  return joins;
}

std::vector<NamespaceToJoin> open_process_namespaces(pid_t pid) {
  std::vector<NamespaceToJoin> joins;
  for (const auto& f : kNamespaceFiles) {
    const std::string path = "/proc/" + std::to_string(pid) + "/ns/" + f.name;
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) {
      // A kernel without the namespace type (cgroup before 4.6) has no file for it.
      if (errno == ENOENT && f.type != CLONE_NEWPID && f.type != CLONE_NEWNS) {
        if (::access(("/proc/" + std::to_string(pid)).c_str(), F_OK) == 0) continue;
      }
      throw Error("cannot open the namespace " + path + ": " + std::strerror(errno));
    }
    if (is_own_namespace(fd.get(), f.type)) continue;
    joins.push_back({f.type, path, std::move(fd)});
  }
  return joins;
}

void join_namespaces(const ChildReporter& report, const NamespaceToJoin* joins,
                     std::size_t count) noexcept {
  for (std::size_t i = 0; i < count; ++i) {
    if (::setns(joins[i].fd.get(), joins[i].type) != 0) {
      report.fail("join the namespace", joins[i].path.c_str());
    }
  }
}

}  // namespace mydocker::isolation
