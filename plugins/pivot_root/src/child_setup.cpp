#include "child_setup.hpp"

#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "mydocker/container_child.hpp"
#include "rootfs_mounts.hpp"

namespace mydocker::pivot_root {

using namespace isolation;  // NOLINT: the shared isolation pieces are this plugin's vocabulary

namespace {

bool bring_up_loopback() {
  const int s = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s < 0) return false;
  ifreq ifr{};
  std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
  bool ok = ::ioctl(s, SIOCGIFFLAGS, &ifr) == 0;
  ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
  ok = ok && ::ioctl(s, SIOCSIFFLAGS, &ifr) == 0;
  const int saved = errno;
  ::close(s);
  errno = saved;
  return ok;
}

// The parent writes a byte once the process is in its cgroup: the cgroup namespace made next
// must be rooted there.
void enter_own_cgroup_namespace(const ChildPlan& plan, const ChildReporter& report) {
  char byte;
  ssize_t n;
  while ((n = ::read(plan.go_fd, &byte, 1)) < 0 && errno == EINTR) {
  }
  if (n != 1) report.fail("wait for the cgroup", nullptr, n < 0 ? errno : EPIPE);
  ::close(plan.go_fd);
  if (::unshare(CLONE_NEWCGROUP) != 0) report.fail("create a cgroup namespace");
}

// Mounts, pivot_root, the terminal from the container's own devpts.
void enter_container_filesystem(const ChildPlan& plan, const ChildReporter& report) {
  const ContainerSpec& spec = *plan.child.spec;
  const Syscalls& sys = real_syscalls();
  ::umask(0);
  const char* failed = nullptr;
  if (sys.mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
    report.fail("mount", "/");
  if (!prepare_rootfs(sys, spec.rootfs.c_str(), plan.cgroups, &failed)) {
    report.fail("mount", failed);
  }
  if (!enter_rootfs(sys, spec.rootfs.c_str())) report.fail("pivot_root into the rootfs");
  // The terminal comes from the container's own devpts, so `tty` names it as /dev/pts/N.
  if (spec.tty && !open_container_terminal("/dev/ptmx", spec.console_socket_fd, spec.tty_rows,
                                           spec.tty_cols, spec.uid)) {
    report.fail(child_stage::terminal);
  }
  ::umask(022);
}

void enter_workdir(const ContainerSpec& spec, const ChildReporter& report) {
  const char* cwd = spec.cwd.c_str();
  if (!make_directories(cwd, true)) report.fail(child_stage::workdir, cwd);
  if (spec.read_only_rootfs && !make_root_read_only(real_syscalls()))
    report.fail(child_stage::read_only);
  // A working directory that a symlink led out of the root would show up unreachable.
  char here[4096];
  if (::chdir(cwd) != 0) report.fail(child_stage::workdir, cwd);
  if (::getcwd(here, sizeof here) == nullptr || here[0] != '/') {
    report.fail_because(child_stage::workdir, cwd, "outside the container");
  }
}

void reduce_privileges(const ChildPlan& plan, const ChildReporter& report) {
  const ContainerSpec& spec = *plan.child.spec;
  if (!limit_bounding_set(plan.capabilities, plan.last_capability)) {
    report.fail("drop capabilities");
  }
  if (!switch_user(spec.uid, spec.gid, spec.additional_gids.data(), spec.additional_gids.size())) {
    report.fail(child_stage::user);
  }
  if (!set_process_capabilities(plan.capabilities, spec.uid == 0)) {
    report.fail("drop capabilities");
  }
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) report.fail("set no_new_privs");
  if (plan.seccomp != nullptr && !plan.seccomp->install())
    report.fail("install the seccomp filter");
}

}  // namespace

void run_child(const ChildPlan& plan) {
  const ContainerSpec& spec = *plan.child.spec;
  const ChildReporter report(plan.child.report_fd);
  begin_container_child(report);
  enter_own_cgroup_namespace(plan, report);
  if (!spec.tty) take_stdio(report, spec);
  enter_container_filesystem(plan, report);
  if (real_syscalls().sethostname(plan.hostname, std::strlen(plan.hostname)) != 0) {
    report.fail(child_stage::hostname);
  }
  if (plan.bring_up_loopback && !bring_up_loopback())
    report.fail("bring up the loopback interface");
  enter_workdir(spec, report);
  close_inherited_fds(report);
  reduce_privileges(plan, report);
  exec_container_command(report, plan.child);
}

}  // namespace mydocker::pivot_root
