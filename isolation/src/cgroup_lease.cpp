#include "cgroup_lease.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <thread>

#include "cgroup_files.hpp"

namespace mydocker::isolation::cgroups {

namespace {

// SIGKILLs every process listed in the cgroup.
void kill_members(const std::string& dir) {
  std::vector<pid_t> pids;
  read_processes(dir, pids);
  const pid_t self = ::getpid();
  for (const pid_t pid : pids) {
    if (pid != self) ::kill(pid, SIGKILL);
  }
}

std::string parent_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos || slash == 0 ? "/" : path.substr(0, slash);
}

// Only what a lease can name: a container directory in a cgroup file system.
bool sweepable(const std::string& dir, const std::string& cgroup_root) {
  const std::string name = dir.substr(dir.rfind('/') + 1);
  return dir.starts_with(cgroup_root + "/") && dir.find("/.") == std::string::npos &&
         (name.starts_with(kV1Prefix) || dir.starts_with(cgroup_root + "/" + kV2Base + "/"));
}

// Removes the directories a dead run's lease lists (its lock held by the caller), and the
// lease once none is left; returns how many it removed.
std::size_t remove_recorded(const std::string& lease, const std::string& cgroup_root) {
  std::string text;
  if (!read_file(lease, text)) return 0;
  std::vector<std::string> existing;
  for (const auto& dir : split(text, '\n')) {
    if (sweepable(dir, cgroup_root) && ::access(dir.c_str(), F_OK) == 0) existing.push_back(dir);
  }
  std::vector<std::string> removing = existing;
  if (!remove_cgroups(removing)) return 0;  // still busy: the next sweep tries again
  ::unlink(lease.c_str());
  return existing.size();
}

}  // namespace

CgroupLease::CgroupLease(const std::string& lease_dir, const std::string& id)
    : path_(lease_dir + "/" + id + ".lock") {
  ::mkdir(parent_of(lease_dir).c_str(), 0700);
  if (::mkdir(lease_dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw_cgroup_error("cgroup: cannot create " + lease_dir, errno);
  }
  fd_.reset(::open(lease_dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600));
  const std::string proc_path = "/proc/self/fd/" + std::to_string(fd_.get());
  if (fd_.get() < 0 || ::flock(fd_.get(), LOCK_EX | LOCK_NB) != 0 ||
      ::linkat(AT_FDCWD, proc_path.c_str(), AT_FDCWD, path_.c_str(), AT_SYMLINK_FOLLOW) != 0) {
    throw_cgroup_error("cgroup: cannot create the lock " + path_, errno);
  }
}

void CgroupLease::record(const std::vector<std::string>& dirs) {
  std::string text;
  for (const auto& dir : dirs) text += dir + "\n";
  if (::ftruncate(fd_.get(), 0) != 0 ||
      ::pwrite(fd_.get(), text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
    throw Error("cgroup: cannot write its lock file " + path_ + ": " + std::strerror(errno));
  }
}

void CgroupLease::make_directory(const std::string& dir, std::vector<std::string>& created) {
  std::vector<std::string> listed = created;
  listed.push_back(dir);
  record(listed);
  if (::mkdir(dir.c_str(), 0755) != 0) {
    const int error = errno;
    record(created);
    if (error == EEXIST) {
      throw Error("cgroup: cannot create " + dir +
                  ": it already exists (left over from an earlier run? remove it with rmdir)");
    }
    throw_cgroup_error("cgroup: cannot create " + dir, error);
  }
  created.push_back(dir);
}

void CgroupLease::remove() const { ::unlink(path_.c_str()); }

bool remove_cgroups(std::vector<std::string>& dirs) noexcept {
  bool all_gone = true;
  try {
    for (const auto& dir : dirs) {
      // v2 (Linux 5.14+): kills atomically, forks in flight included.
      UniqueFd fd(::open((dir + "/cgroup.kill").c_str(), O_WRONLY | O_CLOEXEC));
      if (fd.get() >= 0) write_value(fd.get(), "1");
    }
    // The kernel takes killed tasks out of the cgroup asynchronously; until then rmdir says
    // EBUSY. Killing again on each round also catches what was forked meanwhile (v1).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    auto pause = std::chrono::milliseconds(1);
    for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) {
      while (true) {
        kill_members(*it);
        if (::rmdir(it->c_str()) == 0 || errno == ENOENT) break;
        if (errno != EBUSY || std::chrono::steady_clock::now() >= deadline) {
          all_gone = false;
          break;
        }
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(5));
      }
    }
    dirs.clear();
  } catch (...) {
    // Only allocation can throw here; a leftover directory is the lesser harm.
    all_gone = false;
  }
  return all_gone;
}

std::size_t sweep_stale(const CgroupRoots& roots) {
  std::size_t removed = 0;
  const std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(roots.lease_dir.c_str()), ::closedir);
  if (!dir) return 0;
  while (const dirent* entry = ::readdir(dir.get())) {
    const std::string name = entry->d_name;
    if (!name.ends_with(".lock")) continue;
    const std::string path = roots.lease_dir + "/" + name;
    const UniqueFd lease(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    // Held: its run is alive (this one's own lease included).
    if (lease.get() < 0 || ::flock(lease.get(), LOCK_EX | LOCK_NB) != 0) continue;
    removed += remove_recorded(path, roots.cgroup_root);
  }
  return removed;
}

}  // namespace mydocker::isolation::cgroups
