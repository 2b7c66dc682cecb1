#include "pivot_root_isolator.hpp"

#include <linux/capability.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>

#include "cgroup.hpp"
#include "cgroup_limits.hpp"
#include "child_setup.hpp"
#include "default_seccomp_program.hpp"
#include "mydocker/child_process.hpp"
#include "mydocker/errors.hpp"
#include "mydocker/isolator_support.hpp"

namespace mydocker::pivot_root {

using namespace isolation;  // NOLINT: the shared isolation pieces are this plugin's vocabulary

namespace {

constexpr const char* kWho = "pivot_root isolator";

// The process and the cgroup it lives in; the cgroup goes when the core drops the handle,
// after it has reaped the process.
class PivotRootContainer : public ContainerProcess {
 public:
  PivotRootContainer(ChildProcess&& child, std::unique_ptr<ContainerCgroup> cgroup)
      : ContainerProcess(std::move(child)), cgroup_(std::move(cgroup)) {}

 private:
  std::unique_ptr<ContainerCgroup> cgroup_;
};

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

  ChildPipe report(kWho);
  ChildPipe go(kWho);
  const ChildPlan plan{ContainerChild(spec, report.write_end.get()),
                       hostname.c_str(),
                       loopback,
                       capabilities,
                       last_capability(all),
                       seccomp ? &*seccomp : nullptr,
                       host_cgroup_filesystems(),
                       go.read_end.get()};

  ChildProcess child = start_child(
      CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | (own_network ? CLONE_NEWNET : 0),
      kWho, [&plan] { run_child(plan); });
  report.write_end.reset();
  go.read_end.reset();
  // Until the go byte the child waits: if this throws, nothing of the container ran yet, and
  // `child` kills it.
  if (cgroup) cgroup->add(child.pid());
  const char byte = 1;
  if (::write(go.write_end.get(), &byte, 1) != 1) {
    throw Error(std::string(kWho) +
                ": cannot start the container process: " + std::strerror(errno));
  }
  await_exec(report.read_end, kWho, spec.args.front());
  host_.log(LogLevel::debug, "container " + id + " started as pid " + std::to_string(child.pid()));
  return std::make_unique<PivotRootContainer>(std::move(child), std::move(cgroup));
}

}  // namespace mydocker::pivot_root
