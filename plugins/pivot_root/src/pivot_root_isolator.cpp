#include "pivot_root_isolator.hpp"

#include <fcntl.h>
#include <linux/capability.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include "cgroup.hpp"
#include "cgroup_limits.hpp"
#include "child_setup.hpp"
#include "default_seccomp_program.hpp"
#include "mydocker/errors.hpp"
#include "mydocker/isolator_support.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker::pivot_root {

namespace {

// The process and the cgroup it lives in; the cgroup goes when the core drops the handle,
// after it has reaped the process.
class PivotRootContainer : public IContainer {
 public:
  PivotRootContainer(pid_t pid, UniqueFd pidfd, std::unique_ptr<ContainerCgroup> cgroup)
      : pid_(pid), pidfd_(std::move(pidfd)), cgroup_(std::move(cgroup)) {}
  int pid() const override { return pid_; }
  int pidfd() const override { return pidfd_.get(); }

 private:
  pid_t pid_;
  UniqueFd pidfd_;
  std::unique_ptr<ContainerCgroup> cgroup_;
};

[[noreturn]] void throw_errno(const std::string& what) {
  throw Error("pivot_root isolator: " + what + ": " + std::strerror(errno));
}

int last_capability(CapabilitySet all) {
  int last = 0;
  while (last < 63 && (all >> (last + 1)) & 1) ++last;
  return last;
}

bool wants_own_network(const std::string& network) {
  if (network.empty() || network == "none") return true;
  if (network == "host") return false;
  throw Error("--network must be none or host, not \"" + network + "\"");
}

SeccompFilter container_seccomp(CapabilitySet capabilities) {
  if (capabilities != kDockerDefaultCapabilities)
    return SeccompFilter::docker_default(capabilities);
  return SeccompFilter::from_program(std::vector<sock_filter>(
      kDefaultSeccompProgram, kDefaultSeccompProgram + kDefaultSeccompProgramSize));
}

[[noreturn]] void throw_child_failure(const ChildReport& r, const ContainerSpec& spec) {
  if (r.stage == Stage::exec) throw exec_failure(spec.args.front(), r.error);
  std::string detail = std::strerror(r.error);
  if (r.stage == Stage::workdir && r.error == EXDEV) detail = "outside the container";
  const std::string path(r.path, strnlen(r.path, sizeof r.path));
  if (!path.empty()) detail = path + ": " + detail;
  throw Error(std::string("pivot_root isolator: cannot ") + describe(r.stage) + ": " + detail);
}

// Waits for the child's report: nothing (EOF) once it has exec'd the command.
void await_exec(int report_fd, pid_t pid, const ContainerSpec& spec) {
  ChildReport r{};
  ssize_t n;
  while ((n = ::read(report_fd, &r, sizeof r)) < 0 && errno == EINTR) {
  }
  if (n != static_cast<ssize_t>(sizeof r)) return;
  int status;
  ::waitpid(pid, &status, 0);
  throw_child_failure(r, spec);
}

// Inside `docker run --cap-add=SYS_ADMIN` the cgroup file systems are mounted read-only. A
// container that asked for no limit then runs in mydocker's own cgroup: it loses only the
// accounting, since the PID namespace ends every process with it. A limit it asked for fails.
std::unique_ptr<ContainerCgroup> container_cgroup(IHost& host, const std::string& id,
                                                  const ResourceLimits& limits) {
  try {
    return std::make_unique<ContainerCgroup>(id, limits);
  } catch (const CgroupUnavailable& e) {
    if (cgroups::any_limit(limits)) {
      throw Error(std::string("cannot apply the resource limits without a cgroup: ") + e.what());
    }
    host.log(LogLevel::warn,
             std::string("no cgroup of its own for the container, its usage is not accounted: ") +
                 e.what());
    return nullptr;
  }
}

// Bringing up loopback in a network namespace owned by the initial user namespace takes
// CAP_NET_ADMIN there, which Docker does not grant its containers by default. Without it the
// container still has its own, empty network namespace; only 127.0.0.1 is lost.
bool can_bring_up_loopback(IHost& host, const ProcessCapabilities& caller) {
  if ((caller.effective >> CAP_NET_ADMIN) & 1) return true;
  host.log(LogLevel::warn, "loopback interface left down: CAP_NET_ADMIN missing");
  return false;
}

}  // namespace

std::size_t PivotRootIsolator::prune() { return sweep_stale_cgroups(); }

std::unique_ptr<IContainer> PivotRootIsolator::start(const ContainerSpec& spec) {
  if (spec.args.empty() || spec.executable.empty()) {
    throw Error("pivot_root isolator: no command");
  }
  const bool own_network = wants_own_network(spec.network);
  const CapabilitySet all = all_known_capabilities();
  const CapabilitySet capabilities = container_capabilities(spec.cap_add, spec.cap_drop, all);
  const ProcessCapabilities caller = caller_capabilities();
  require_capabilities(capabilities, caller.permitted);
  std::optional<SeccompFilter> seccomp;
  if (spec.seccomp) seccomp = container_seccomp(capabilities);
  const std::string id = spec.id.empty() ? std::to_string(::getpid()) : spec.id;
  std::unique_ptr<ContainerCgroup> cgroup = container_cgroup(host_, id, spec.limits);
  const bool loopback = own_network && can_bring_up_loopback(host_, caller);
  const std::string hostname = !spec.hostname.empty() ? spec.hostname : id.substr(0, 12);

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw_errno("pipe");
  UniqueFd report_read(fds[0]);
  UniqueFd report_write(fds[1]);
  if (::pipe2(fds, O_CLOEXEC) != 0) throw_errno("pipe");
  UniqueFd go_read(fds[0]);
  UniqueFd go_write(fds[1]);

  ChildPlan plan{&spec,
                 exec_strings(spec.args),
                 exec_strings(spec.env),
                 hostname.c_str(),
                 loopback,
                 capabilities,
                 last_capability(all),
                 seccomp ? &*seccomp : nullptr,
                 host_cgroup_filesystems(),
                 report_write.get(),
                 go_read.get()};

  int pidfd = -1;
  clone_args args{};
  args.flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_PIDFD |
               (own_network ? CLONE_NEWNET : 0);
  args.pidfd = reinterpret_cast<std::uint64_t>(&pidfd);
  args.exit_signal = SIGCHLD;
  const long pid = ::syscall(SYS_clone3, &args, sizeof args);
  if (pid < 0) throw_errno("cannot create the container process");
  if (pid == 0) run_child(plan);

  UniqueFd pidfd_owner(pidfd);
  report_write.reset();
  go_read.reset();
  try {
    if (cgroup) cgroup->add(static_cast<pid_t>(pid));
    const char go = 1;
    if (::write(go_write.get(), &go, 1) != 1) throw_errno("cannot start the container process");
  } catch (...) {
    // The child waits for the go byte: nothing of the container ran yet.
    ::kill(static_cast<pid_t>(pid), SIGKILL);
    int status;
    ::waitpid(static_cast<pid_t>(pid), &status, 0);
    throw;
  }
  await_exec(report_read.get(), static_cast<pid_t>(pid), spec);
  host_.log(LogLevel::debug, "container " + id + " started as pid " + std::to_string(pid));
  return std::make_unique<PivotRootContainer>(static_cast<pid_t>(pid), std::move(pidfd_owner),
                                              std::move(cgroup));
}

}  // namespace mydocker::pivot_root
