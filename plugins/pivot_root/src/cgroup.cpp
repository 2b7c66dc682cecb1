#include "cgroup.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <thread>
#include <utility>

#include "mydocker/errors.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker::pivot_root {

namespace {

constexpr const char* kCgroupRoot = "/sys/fs/cgroup";
constexpr const char* kV1Prefix = "mydocker-";
// Host-wide, like the cgroups: every store's containers share the hierarchies.
constexpr const char* kLeaseDir = "/run/mydocker/cgroups";
constexpr std::int64_t kCpuPeriodUs = 100000;
// The kernel takes any memory limit, even 0 (it rounds down to whole pages), and the
// container then dies in exec with a bare OOM kill; Docker refuses below 6 MiB for that reason.
constexpr std::int64_t kMinMemoryBytes = 6 * 1024 * 1024;
// The kernel refuses a CFS quota below 1 ms per period.
constexpr double kMinCpus = 0.01;

// What Docker allows a container by default: mknod of anything, the null/zero/full/random/
// urandom devices, tty, console, ptmx, the pty slaves and /dev/net/tun.
constexpr const char* kAllowedDevices[] = {
    "c *:* m",   "b *:* m",   "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm",   "c 1:8 rwm",
    "c 1:9 rwm", "c 5:0 rwm", "c 5:1 rwm", "c 5:2 rwm", "c 136:* rwm", "c 10:200 rwm",
};

// Reads a small pseudo-file whole; false with errno set on failure.
bool read_file(const std::string& path, std::string& out) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return false;
  out.clear();
  char buf[4096];
  while (true) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
}

// A cgroup file takes one value per write(2), and the kernel reports a refused value as that
// write's error; false with errno set on failure.
bool write_value(int fd, const std::string& value) {
  while (true) {
    const ssize_t n = ::write(fd, value.data(), value.size());
    if (n >= 0) {
      if (static_cast<std::size_t>(n) == value.size()) return true;
      errno = EIO;
      return false;
    }
    if (errno != EINTR) return false;
  }
}

[[noreturn]] void throw_write(const std::string& what, const std::string& value,
                              const std::string& path, int error) {
  throw Error("cgroup: cannot " + what + ": write " + value + " to " + path + ": " +
              std::strerror(error));
}

void write_file(const std::string& what, const std::string& path, const std::string& value) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (fd.get() < 0 || !write_value(fd.get(), value)) throw_write(what, value, path, errno);
}

// For knobs that depend on kernel configuration (swap accounting): a missing file is fine.
void write_file_if_present(const std::string& what, const std::string& path,
                           const std::string& value) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (fd.get() < 0 && errno == ENOENT) return;
  if (fd.get() < 0 || !write_value(fd.get(), value)) throw_write(what, value, path, errno);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

bool is_octal(char c) { return c >= '0' && c <= '7'; }

// mountinfo escapes space, tab, newline and backslash in paths as \ooo.
std::string unescape_mount_path(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && is_octal(s[i + 1]) && is_octal(s[i + 2]) &&
        is_octal(s[i + 3])) {
      out.push_back(static_cast<char>(std::strtol(s.substr(i + 1, 3).c_str(), nullptr, 8)));
      i += 3;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// The lease lists the directories of its run, one a line, for a sweep to remove.
void record(int lease, const std::vector<std::string>& dirs) {
  std::string text;
  for (const auto& dir : dirs) text += dir + "\n";
  if (::ftruncate(lease, 0) != 0 ||
      ::pwrite(lease, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
    throw Error(std::string("cgroup: cannot write its lock file: ") + std::strerror(errno));
  }
}

// Listed in the lease before it exists, so a run killed right after the mkdir leaves nothing
// unlisted; unlisted again if the mkdir fails (an existing directory is not ours).
void make_directory(const std::string& path, std::vector<std::string>& created, int lease) {
  std::vector<std::string> listed = created;
  listed.push_back(path);
  record(lease, listed);
  if (::mkdir(path.c_str(), 0755) != 0) {
    const int error = errno;
    record(lease, created);
    errno = error;
    if (errno == EEXIST) {
      throw Error("cgroup: cannot create " + path +
                  ": it already exists (left over from an earlier run? remove it with rmdir)");
    }
    throw Error("cgroup: cannot create " + path + ": " + std::strerror(errno));
  }
  created.push_back(path);
}

std::string format_cpus(double cpus) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", cpus);
  return text;
}

void validate(const std::string& id, const ResourceLimits& limits) {
  if (id.empty() || id == "." || id == ".." || id.find('/') != std::string::npos) {
    throw Error("cgroup: invalid container id \"" + id + "\"");
  }
  if (limits.memory_bytes < 0 ||
      (limits.memory_bytes > 0 && limits.memory_bytes < kMinMemoryBytes)) {
    throw Error("cgroup: memory limit " + std::to_string(limits.memory_bytes) +
                " is too small: the minimum is 6 MiB (" + std::to_string(kMinMemoryBytes) +
                " bytes)");
  }
  if (limits.pids < 0) {
    throw Error("cgroup: invalid process limit " + std::to_string(limits.pids) +
                ": it must be positive");
  }
  if (!(limits.cpus >= 0) || (limits.cpus > 0 && limits.cpus < kMinCpus)) {
    throw Error("cgroup: invalid CPU limit " + format_cpus(limits.cpus) + ": the minimum is 0.01");
  }
  // Only keeps the quota arithmetic in range; the kernel judges what it can schedule.
  if (limits.cpus > 1e6) {
    throw Error("cgroup: invalid CPU limit " + format_cpus(limits.cpus) + ": too large");
  }
}

std::string cpu_quota(double cpus) {
  return std::to_string(std::llround(cpus * static_cast<double>(kCpuPeriodUs)));
}

// ---- cgroup v1 (and the v1 half of a hybrid host) ----

// One line of /proc/self/mountinfo for a cgroup or cgroup2 file system.
struct CgroupMount {
  std::string type;         // "cgroup" or "cgroup2"
  std::string mount_point;  // "/sys/fs/cgroup/memory"
  std::string root;         // the cgroup the mount shows as its top: "/" unless bind-mounted deeper
  std::vector<std::string> options;  // super options: "rw", "memory", "name=systemd"
};

// Read once per container: the v1 hierarchies and the container's view both come from it.
std::vector<CgroupMount> read_cgroup_mounts() {
  std::string text;
  if (!read_file("/proc/self/mountinfo", text)) {
    throw Error(std::string("cgroup: cannot read /proc/self/mountinfo: ") + std::strerror(errno));
  }
  std::vector<CgroupMount> out;
  for (const auto& line : split(text, '\n')) {
    const auto fields = split(line, ' ');
    const auto dash = std::find(fields.begin(), fields.end(), "-");
    if (fields.size() < 6 || dash == fields.end() || fields.end() - dash < 4) continue;
    if (dash[1] != "cgroup" && dash[1] != "cgroup2") continue;
    out.push_back({dash[1], unescape_mount_path(fields[4]), unescape_mount_path(fields[3]),
                   split(dash[3], ',')});
  }
  return out;
}

// ---- cgroup v1 (and the v1 half of a hybrid host) ----

struct V1Mount {
  std::string mount_point;
  std::string root;
};

// controller name -> where its hierarchy is mounted. Hierarchies may join controllers
// ("cpu,cpuacct") and live anywhere, so the super options are the only reliable source.
std::vector<std::pair<std::string, V1Mount>> v1_mounts(const std::vector<CgroupMount>& mounts) {
  std::vector<std::pair<std::string, V1Mount>> out;
  for (const auto& m : mounts) {
    if (m.type != "cgroup") continue;
    for (const auto& option : m.options) {
      bool known = false;
      for (const auto& [name, seen] : out) known = known || name == option;
      // The first mount of a hierarchy wins; later ones are usually bind mounts of it.
      if (!known) out.emplace_back(option, V1Mount{m.mount_point, m.root});
    }
  }
  return out;
}

// The container's own view: each cgroup file system mounted directly under /sys/fs/cgroup
// (or cgroup2 at /sys/fs/cgroup itself), with its options minus rw.
std::vector<CgroupFilesystem> container_filesystems(const std::vector<CgroupMount>& mounts) {
  std::vector<CgroupFilesystem> out;
  const std::string top = kCgroupRoot;
  for (const auto& m : mounts) {
    std::string name;
    if (m.mount_point != top) {
      if (!m.mount_point.starts_with(top + "/")) continue;
      name = m.mount_point.substr(top.size() + 1);
      if (name.find('/') != std::string::npos) continue;
    }
    std::string options;
    for (const auto& option : m.options) {
      if (option == "rw" || option == "ro") continue;
      options += (options.empty() ? "" : ",") + option;
    }
    const bool seen = std::any_of(out.begin(), out.end(),
                                  [&](const CgroupFilesystem& f) { return f.name == name; });
    if (!seen) out.push_back({name, m.type, options});
  }
  return out;
}

// controller name -> the caller's cgroup in that hierarchy.
std::vector<std::pair<std::string, std::string>> own_v1_cgroups() {
  std::vector<std::pair<std::string, std::string>> out;
  std::string text;
  if (!read_file("/proc/self/cgroup", text)) {
    throw Error(std::string("cgroup: cannot read /proc/self/cgroup: ") + std::strerror(errno));
  }
  for (const auto& line : split(text, '\n')) {
    const std::size_t first = line.find(':');
    const std::size_t second = first == std::string::npos ? first : line.find(':', first + 1);
    if (second == std::string::npos) continue;
    const std::string path = line.substr(second + 1);
    for (const auto& controller : split(line.substr(first + 1, second - first - 1), ',')) {
      out.emplace_back(controller, path);
    }
  }
  return out;
}

class V1Hierarchies {
 public:
  explicit V1Hierarchies(const std::vector<CgroupMount>& mounts)
      : mounts_(v1_mounts(mounts)), own_(own_v1_cgroups()) {}

  // The caller's cgroup for `controller` as a host directory, so the container stays inside
  // whatever accounting the caller is under; empty when the controller is not mounted.
  std::string parent(const std::string& controller) const {
    const V1Mount* mount = nullptr;
    for (const auto& [name, m] : mounts_) {
      if (name == controller) mount = &m;
    }
    if (mount == nullptr) return "";
    std::string own;
    for (const auto& [name, path] : own_) {
      if (name == controller) own = path;
    }
    std::string dir = mount->mount_point;
    const std::string root = mount->root == "/" ? "" : mount->root;
    // A caller outside the mount's view of the hierarchy (another cgroup namespace, say)
    // gets the mount's top instead.
    if (own.compare(0, root.size(), root) == 0 &&
        (own.size() == root.size() || own[root.size()] == '/')) {
      dir += own.substr(root.size());
    }
    if (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    return dir;
  }

 private:
  std::vector<std::pair<std::string, V1Mount>> mounts_;
  std::vector<std::pair<std::string, std::string>> own_;
};

// The container's directory in the hierarchy of `controller`, created unless another
// controller of the same hierarchy already did.
std::string v1_directory(const V1Hierarchies& hierarchies, const std::string& controller,
                         const std::string& name, std::vector<std::string>& created, int lease) {
  const std::string parent = hierarchies.parent(controller);
  if (parent.empty()) return "";
  const std::string dir = parent + "/" + name;
  if (!contains(created, dir)) make_directory(dir, created, lease);
  return dir;
}

[[noreturn]] void throw_no_controller(const std::string& what, const std::string& controller) {
  throw Error("cgroup: cannot " + what + ": no cgroup v1 hierarchy with the " + controller +
              " controller is mounted (see /proc/self/mountinfo)");
}

void create_v1(const std::string& id, const ResourceLimits& limits,
               const std::vector<CgroupMount>& mounts, std::vector<std::string>& created,
               int lease) {
  const V1Hierarchies hierarchies(mounts);
  const std::string name = kV1Prefix + id;

  // memory and pids even without limits: usage is accounted and the destructor finds every
  // process the container started. cpu only when asked: it is one mkdir more per start.
  const std::string memory = v1_directory(hierarchies, "memory", name, created, lease);
  if (limits.memory_bytes > 0) {
    const std::string what = "set memory limit";
    if (memory.empty()) throw_no_controller(what, "memory");
    const std::string value = std::to_string(limits.memory_bytes);
    write_file(what, memory + "/memory.limit_in_bytes", value);
    // Swap counts against the same limit, so an overrun is an OOM kill and not a slow swap.
    write_file_if_present(what, memory + "/memory.memsw.limit_in_bytes", value);
  }

  const std::string pids = v1_directory(hierarchies, "pids", name, created, lease);
  if (limits.pids > 0) {
    const std::string what = "set process limit";
    if (pids.empty()) throw_no_controller(what, "pids");
    write_file(what, pids + "/pids.max", std::to_string(limits.pids));
  }

  if (limits.cpus > 0) {
    const std::string what = "set CPU limit";
    const std::string cpu = v1_directory(hierarchies, "cpu", name, created, lease);
    if (cpu.empty()) throw_no_controller(what, "cpu");
    write_file(what, cpu + "/cpu.cfs_period_us", std::to_string(kCpuPeriodUs));
    write_file(what, cpu + "/cpu.cfs_quota_us", cpu_quota(limits.cpus));
  }

  const std::string devices = v1_directory(hierarchies, "devices", name, created, lease);
  if (!devices.empty()) {
    const std::string what = "restrict devices";
    write_file(what, devices + "/devices.deny", "a");
    const std::string allow = devices + "/devices.allow";
    UniqueFd fd(::open(allow.c_str(), O_WRONLY | O_CLOEXEC));
    if (fd.get() < 0) throw_write(what, kAllowedDevices[0], allow, errno);
    for (const char* rule : kAllowedDevices) {
      // EPERM: the caller's own cgroup does not allow that device, so the container could
      // never have it; the rest of the list still applies.
      if (!write_value(fd.get(), rule) && errno != EPERM) throw_write(what, rule, allow, errno);
    }
  }
}

// ---- cgroup v2 ----

// Containers live in a cgroup of their own under the root, not under the caller's cgroup:
// that one holds processes, and v2 lets only a cgroup without processes delegate controllers.
std::string v2_base() { return std::string(kCgroupRoot) + "/mydocker"; }

std::vector<std::string> read_list(const std::string& path) {
  std::string text;
  if (!read_file(path, text)) {
    throw Error("cgroup: cannot read " + path + ": " + std::strerror(errno));
  }
  std::replace(text.begin(), text.end(), '\n', ' ');
  return split(text, ' ');
}

// Writes each controller separately, and only when missing: usually they are all enabled
// already, and one the kernel refuses (cpu with realtime tasks around) is then named alone.
void enable_controllers(const std::string& dir, const std::vector<std::string>& controllers) {
  const std::string path = dir + "/cgroup.subtree_control";
  const auto enabled = read_list(path);
  for (const auto& controller : controllers) {
    if (contains(enabled, controller)) continue;
    write_file("enable the " + controller + " controller", path, "+" + controller);
  }
}

void create_v2(const std::string& id, const ResourceLimits& limits,
               std::vector<std::string>& created, int lease) {
  const std::string root = kCgroupRoot;
  const auto available = read_list(root + "/cgroup.controllers");
  std::vector<std::string> wanted;
  const auto want = [&](const std::string& controller, bool needed, const std::string& what) {
    if (contains(available, controller)) {
      wanted.push_back(controller);
    } else if (needed) {
      throw Error("cgroup: cannot " + what + ": the " + controller +
                  " controller is not available (not listed in " + root + "/cgroup.controllers)");
    }
  };
  want("memory", limits.memory_bytes > 0, "set memory limit");
  want("pids", limits.pids > 0, "set process limit");
  if (limits.cpus > 0) want("cpu", true, "set CPU limit");

  const std::string base = v2_base();
  enable_controllers(root, wanted);
  if (::mkdir(base.c_str(), 0755) != 0 && errno != EEXIST) {
    throw Error("cgroup: cannot create " + base + ": " + std::strerror(errno));
  }
  enable_controllers(base, wanted);

  const std::string dir = base + "/" + id;
  make_directory(dir, created, lease);
  if (limits.memory_bytes > 0) {
    const std::string what = "set memory limit";
    write_file(what, dir + "/memory.max", std::to_string(limits.memory_bytes));
    // Swap counts against nothing else in v2: without this an overrun swaps instead of
    // being an OOM kill.
    write_file_if_present(what, dir + "/memory.swap.max", "0");
  }
  if (limits.pids > 0) {
    write_file("set process limit", dir + "/pids.max", std::to_string(limits.pids));
  }
  if (limits.cpus > 0) {
    write_file("set CPU limit", dir + "/cpu.max",
               cpu_quota(limits.cpus) + " " + std::to_string(kCpuPeriodUs));
  }
}

// ---- teardown ----

// SIGKILLs every process listed in the cgroup.
void kill_members(const std::string& dir) {
  std::string text;
  if (!read_file(dir + "/cgroup.procs", text)) return;
  const pid_t self = ::getpid();
  for (const auto& entry : split(text, '\n')) {
    char* end = nullptr;
    const long pid = std::strtol(entry.c_str(), &end, 10);
    // Never 0 or negative: kill(2) would take those as process groups, or everything.
    if (end == entry.c_str() || *end != '\0' || pid <= 0 || pid == self) continue;
    ::kill(static_cast<pid_t>(pid), SIGKILL);
  }
}

// True when none of the directories is left.
bool remove_all(std::vector<std::string>& dirs) noexcept {
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

// ---- leases and sweeping (see cgroup.hpp) ----

std::string lease_path(const std::string& id) {
  return std::string(kLeaseDir) + "/" + id + ".lock";
}

// Made unnamed, locked, then linked to its name: a sweep never sees a lease not yet held.
UniqueFd take_lease(const std::string& path) {
  ::mkdir("/run/mydocker", 0700);
  if (::mkdir(kLeaseDir, 0700) != 0 && errno != EEXIST) {
    throw Error(std::string("cgroup: cannot create ") + kLeaseDir + ": " + std::strerror(errno));
  }
  UniqueFd fd(::open(kLeaseDir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600));
  const std::string proc_path = "/proc/self/fd/" + std::to_string(fd.get());
  if (fd.get() < 0 || ::flock(fd.get(), LOCK_EX | LOCK_NB) != 0 ||
      ::linkat(AT_FDCWD, proc_path.c_str(), AT_FDCWD, path.c_str(), AT_SYMLINK_FOLLOW) != 0) {
    throw Error("cgroup: cannot create the lock " + path + ": " + std::strerror(errno));
  }
  return fd;
}

// Only what a lease can name: a container directory in a cgroup file system.
bool sweepable(const std::string& dir) {
  const std::string name = dir.substr(dir.rfind('/') + 1);
  return dir.starts_with(std::string(kCgroupRoot) + "/") && dir.find("/.") == std::string::npos &&
         (name.starts_with(kV1Prefix) || dir.starts_with(v2_base() + "/"));
}

// Removes the directories a dead run's lease lists (its lock held by the caller), and the
// lease once none is left; returns how many it removed.
std::size_t remove_recorded(const std::string& lease) {
  std::string text;
  if (!read_file(lease, text)) return 0;
  std::vector<std::string> existing;
  for (const auto& dir : split(text, '\n')) {
    if (sweepable(dir) && ::access(dir.c_str(), F_OK) == 0) existing.push_back(dir);
  }
  std::vector<std::string> removing = existing;
  if (!remove_all(removing)) return 0;  // still busy: the next sweep tries again
  ::unlink(lease.c_str());
  return existing.size();
}

std::size_t sweep() {
  std::size_t removed = 0;
  const std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(kLeaseDir), ::closedir);
  if (!dir) return 0;
  while (const dirent* entry = ::readdir(dir.get())) {
    const std::string name = entry->d_name;
    if (!name.ends_with(".lock")) continue;
    const std::string path = std::string(kLeaseDir) + "/" + name;
    const UniqueFd lease(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    // Held: its run is alive (this one's own lease included).
    if (lease.get() < 0 || ::flock(lease.get(), LOCK_EX | LOCK_NB) != 0) continue;
    removed += remove_recorded(path);
  }
  return removed;
}

bool unified_hierarchy() {
  struct statfs fs {};
  return ::statfs(kCgroupRoot, &fs) == 0 && fs.f_type == CGROUP2_SUPER_MAGIC;
}

}  // namespace

std::size_t sweep_stale_cgroups() noexcept {
  try {
    return sweep();
  } catch (...) {
    return 0;  // allocation only; the next start tries again
  }
}

ContainerCgroup::ContainerCgroup(const std::string& id, const ResourceLimits& limits) {
  validate(id, limits);
  const auto mounts = read_cgroup_mounts();
  filesystems_ = container_filesystems(mounts);
  const bool unified = unified_hierarchy();
  sweep();  // what containers of killed runs left (a dead run with our id too)
  // Before any directory exists: from then on a sweep sees this run as alive.
  lease_path_ = lease_path(id);
  lease_ = take_lease(lease_path_);
  try {
    if (unified) {
      create_v2(id, limits, paths_, lease_.get());
    } else {
      create_v1(id, limits, mounts, paths_, lease_.get());
    }
  } catch (...) {
    if (remove_all(paths_)) ::unlink(lease_path_.c_str());
    throw;
  }
}

ContainerCgroup::~ContainerCgroup() {
  // A directory left (still busy) keeps its lease, unlocked once we exit: a sweep retries.
  if (remove_all(paths_)) ::unlink(lease_path_.c_str());
}

void ContainerCgroup::add(pid_t pid) const {
  const std::string value = std::to_string(pid);
  for (const auto& dir : paths_) {
    write_file("move process " + value + " into the container's cgroup", dir + "/cgroup.procs",
               value);
  }
}

}  // namespace mydocker::pivot_root
