#include "process_setup.hpp"

#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "mydocker/container_child.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::isolation {

namespace {

// runc's and Docker's PATH when the process's environment has none.
constexpr const char* kDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

std::string path_of(const std::vector<std::string>& env) {
  for (const auto& var : env) {
    if (var.starts_with("PATH=")) return var.substr(5);
  }
  return kDefaultPath;
}

int last_capability(CapabilitySet all) {
  int last = 0;
  while (last < 63 && (all >> (last + 1)) & 1) ++last;
  return last;
}

// Indexed by RLIMIT_*, as config.json names them.
constexpr const char* kRlimitNames[] = {
    "RLIMIT_CPU",      "RLIMIT_FSIZE", "RLIMIT_DATA",   "RLIMIT_STACK",
    "RLIMIT_CORE",     "RLIMIT_RSS",   "RLIMIT_NPROC",  "RLIMIT_NOFILE",
    "RLIMIT_MEMLOCK",  "RLIMIT_AS",    "RLIMIT_LOCKS",  "RLIMIT_SIGPENDING",
    "RLIMIT_MSGQUEUE", "RLIMIT_NICE",  "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
};

const char* rlimit_name(int resource) noexcept {
  constexpr int count = sizeof kRlimitNames / sizeof kRlimitNames[0];
  return resource >= 0 && resource < count ? kRlimitNames[resource] : nullptr;
}

rlim_t as_rlim(std::uint64_t value) {
  return value == ~std::uint64_t{0} ? RLIM_INFINITY : static_cast<rlim_t>(value);
}

bool write_file(const char* path, const char* text) noexcept {
  const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const std::size_t size = std::strlen(text);
  const bool ok = ::write(fd, text, size) == static_cast<ssize_t>(size);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  return ok;
}

bool set_capability_sets(const CapabilityPlan& caps) noexcept {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  for (int half = 0; half < 2; ++half) {
    const int shift = 32 * half;
    data[half].effective = static_cast<std::uint32_t>(caps.effective >> shift);
    data[half].permitted = static_cast<std::uint32_t>(caps.permitted >> shift);
    data[half].inheritable = static_cast<std::uint32_t>(caps.inheritable >> shift);
  }
  return ::syscall(SYS_capset, &header, data) == 0;
}

// The kernel raises only what is both permitted and inheritable; runc's spec lists ambient
// capabilities without inheritable ones and runc skips them silently, so a bundle written for
// runc must not fail here.
bool raise_ambient(const CapabilityPlan& caps, int last_cap) noexcept {
  const CapabilitySet raisable = caps.ambient & caps.permitted & caps.inheritable;
  for (int cap = 0; cap <= last_cap; ++cap) {
    if (!((raisable >> cap) & 1)) continue;
    if (::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) != 0) return false;
  }
  return true;
}

bool install_seccomp(const ProcessPlan& plan) noexcept {
  return !plan.seccomp || plan.seccomp->install();
}

}  // namespace

std::vector<std::string> exec_candidates(const std::string& program,
                                         const std::vector<std::string>& env) {
  if (program.find('/') != std::string::npos) return {program};
  std::vector<std::string> out;
  const std::string path = path_of(env);
  std::string_view rest = path;
  while (true) {
    const std::size_t colon = rest.find(':');
    const std::string_view dir = rest.substr(0, colon);
    if (dir.empty()) {
      out.push_back(program);  // the working directory
    } else {
      out.push_back(std::string(dir) + (dir.ends_with('/') ? "" : "/") + program);
    }
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return out;
}

std::string sysctl_path(const std::string& key) {
  std::string path = "/proc/sys/" + key;
  for (std::size_t i = 10; i < path.size(); ++i) {
    if (path[i] == '.') path[i] = '/';
  }
  return path;
}

PreparedProcess prepare_process(const ProcessPlan& plan) {
  if (plan.args.empty()) throw Error("the process has no args: nothing to run");
  PreparedProcess p;
  p.plan = &plan;
  p.argv = exec_strings(plan.args);
  p.envp = exec_strings(plan.env);
  p.candidates = exec_candidates(plan.args.front(), plan.env);
  for (const auto& c : p.candidates) p.candidate_paths.push_back(c.c_str());
  for (const auto& r : plan.rlimits) p.limits.push_back({as_rlim(r.soft), as_rlim(r.hard)});
  if (plan.oom_score_adj) p.oom_score_adj = std::to_string(*plan.oom_score_adj);
  p.last_capability = last_capability(all_known_capabilities());
  return p;
}

void apply_process_limits(const ChildReporter& report, const PreparedProcess& process) noexcept {
  const ProcessPlan& plan = *process.plan;
  for (std::size_t i = 0; i < process.limits.size(); ++i) {
    const auto resource = static_cast<__rlimit_resource>(plan.rlimits[i].resource);
    // EPERM: a hard limit above the one this process has, without CAP_SYS_RESOURCE.
    if (::setrlimit(resource, &process.limits[i]) != 0) {
      report.fail("set the rlimit", rlimit_name(plan.rlimits[i].resource));
    }
  }
  if (!process.oom_score_adj.empty() &&
      !write_file("/proc/self/oom_score_adj", process.oom_score_adj.c_str())) {
    report.fail("set oom_score_adj", "/proc/self/oom_score_adj");
  }
  ::umask(plan.umask.value_or(022));
}

void enter_working_directory(const ChildReporter& report, const PreparedProcess& process) noexcept {
  const char* cwd = process.plan->cwd.c_str();
  if (::chdir(cwd) != 0) report.fail(child_stage::workdir, cwd);
  // A working directory a symlink led out of the root would show up unreachable.
  char here[PATH_MAX];
  if (::getcwd(here, sizeof here) == nullptr || here[0] != '/') {
    report.fail_because(child_stage::workdir, cwd, "outside the container");
  }
}

void become_process_user(const ChildReporter& report, const PreparedProcess& process) noexcept {
  const ProcessPlan& plan = *process.plan;
  const CapabilityPlan& caps = plan.capabilities;
  if (!plan.no_new_privileges && !install_seccomp(plan)) {
    report.fail("install the seccomp filter");
  }
  if (!limit_bounding_set(caps.bounding, process.last_capability)) {
    report.fail("drop capabilities from the bounding set");
  }
  if (::prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0) report.fail("keep capabilities");
  if (!switch_user(plan.uid, plan.gid, plan.additional_gids.data(), plan.additional_gids.size())) {
    report.fail(child_stage::user);
  }
  if (::prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) != 0) report.fail("keep capabilities");
  if (!set_capability_sets(caps)) report.fail("set the capabilities");
  if (!raise_ambient(caps, process.last_capability)) {
    report.fail("raise the ambient capabilities");
  }
  if (plan.no_new_privileges && ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    report.fail("set no_new_privileges");
  }
}

void confine_process(const ChildReporter& report, const PreparedProcess& process) noexcept {
  if (process.plan->no_new_privileges && !install_seccomp(*process.plan)) {
    report.fail("install the seccomp filter");
  }
}

void exec_process(const ChildReporter& report, const PreparedProcess& process) noexcept {
  reset_signals();
  // execvp's rules: a missing file or directory moves on to the next entry, a denied one is
  // remembered, anything else (ENOEXEC, ELOOP...) is the answer.
  int error = ENOENT;
  for (const char* path : process.candidate_paths) {
    ::execve(path, process.argv.data(), process.envp.data());
    if (errno == EACCES) {
      error = EACCES;
    } else if (errno != ENOENT && errno != ENOTDIR) {
      error = errno;
      break;
    }
  }
  report.exec_failed(error);
}

}  // namespace mydocker::isolation
