#include "plan_child.hpp"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "loopback.hpp"
#include "mydocker/container_child.hpp"
#include "mydocker/isolator_support.hpp"
#include "plan_rootfs.hpp"
#include "rootfs_mounts.hpp"

namespace mydocker::isolation {

namespace {

constexpr const char* kStartGate = "wait for start";

// Session first, before anything can fail; the parent-death signal only for a container
// that dies with its caller. A report written after the caller stopped reading (past the
// start gate) must fail with EPIPE, not kill the child with SIGPIPE; exec restores it.
void begin(const ChildReporter& report, const PlanChild& child) noexcept {
  if (!leave_caller_session()) report.fail(child_stage::session);
  if (child.die_with_caller && ::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
    report.fail(child_stage::start);
  }
  ::signal(SIGPIPE, SIG_IGN);
}

// The parent writes a byte once the id maps, the cgroup and its on_created hook are done; EOF
// means it gave up (and reports why itself), so the child goes without a word.
void wait_for_go(const PlanChild& child) noexcept {
  char byte;
  ssize_t n;
  while ((n = ::read(child.go_fd, &byte, 1)) < 0 && errno == EINTR) {
  }
  if (n != 1) ::_exit(kSetupFailedStatus);
  ::close(child.go_fd);
}

// In a new user namespace the child starts unmapped; uid and gid 0 are its root, mapped now.
void become_namespace_root(const ChildReporter& report, const PlanChild& child) noexcept {
  if (!child.new_user_namespace) return;
  const Syscalls& sys = real_syscalls();
  if (sys.setresgid(0, 0, 0) != 0 || sys.setresuid(0, 0, 0) != 0) {
    report.fail("become root in the user namespace");
  }
}

void set_names_and_network(const ChildReporter& report, const ContainerPlan& plan) noexcept {
  if (!plan.hostname.empty() &&
      real_syscalls().sethostname(plan.hostname.c_str(), plan.hostname.size()) != 0) {
    report.fail(child_stage::hostname);
  }
  if (!plan.domainname.empty() &&
      ::syscall(SYS_setdomainname, plan.domainname.c_str(), plan.domainname.size()) != 0) {
    report.fail("set the domainname");
  }
  if (plan.bring_up_loopback && !bring_up_loopback()) {
    report.fail("bring up the loopback interface");
  }
}

// Through the container's own /proc/sys, after pivot_root and before the read-only paths (which
// usually include /proc/sys), as runc.
void write_sysctls(const ChildReporter& report, const PlanChild& child) noexcept {
  for (const auto& [path, value] : child.sysctls) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0 || ::write(fd, value.data(), value.size()) != static_cast<ssize_t>(value.size())) {
      report.fail("write the sysctl", path.c_str());
    }
    ::close(fd);
  }
}

void take_terminal(const ChildReporter& report, const PlanChild& child) noexcept {
  if (!child.process.plan->terminal) return;
  // The container's own /dev/ptmx, so the pty is from its devpts and `tty` names /dev/pts/N.
  if (!open_container_terminal("/dev/ptmx", child.console_socket_fd, 0, 0,
                               child.process.plan->uid)) {
    report.fail(child_stage::terminal, "/dev/ptmx");
  }
  ::close(child.console_socket_fd);
}

void build_filesystem(const ChildReporter& report, const PlanChild& child) noexcept {
  const ContainerPlan& plan = *child.plan;
  const Syscalls& sys = real_syscalls();
  const char* failed = nullptr;
  if (!mount_planned_rootfs(sys, plan, &failed)) report.fail("mount", failed);
  // createContainer hooks: in the container's namespaces, before pivot_root.
  run_hooks(report, child.create_container_hooks, "run the createContainer hook");
  if (!enter_rootfs(sys, plan.rootfs.c_str())) report.fail("pivot_root into", plan.rootfs.c_str());
  take_terminal(report, child);
  const char* cwd = plan.process.cwd.c_str();
  if (!make_directories(cwd, true)) report.fail(child_stage::workdir, cwd);
  write_sysctls(report, child);
  if (!finish_planned_rootfs(sys, plan, &failed)) report.fail("mount", failed);
}

// runc's exec fifo: tell the parent (whose create then returns), then block opening the fifo
// for writing until `start` opens it for reading. The report pipe stays open until exec, so a
// failure after this still reaches a reader if there is one (and is an exit status if not).
void pass_start_gate(const ChildReporter& report, const PlanChild& child) noexcept {
  if (child.start_fifo_fd < 0) return;
  report.waiting(kStartGate);
  int fd;
  while ((fd = ::open(child.start_fifo_reopen.c_str(), O_WRONLY | O_CLOEXEC)) < 0 &&
         errno == EINTR) {
  }
  if (fd < 0) report.fail(kStartGate, child.start_fifo_reopen.c_str());
  const char byte = '0';
  if (::write(fd, &byte, 1) != 1) report.fail(kStartGate);
  ::close(fd);
  ::close(child.start_fifo_fd);
}

}  // namespace

void run_container_child(PlanChild& child) noexcept {
  const ChildReporter report(child.report_fd);
  begin(report, child);
  wait_for_go(child);
  become_namespace_root(report, child);
  // Now in its cgroup: a cgroup namespace made now is rooted there.
  if (child.new_cgroup_namespace && ::unshare(CLONE_NEWCGROUP) != 0) {
    report.fail("create a cgroup namespace");
  }
  take_arranged_fds(report, child.fds);
  set_names_and_network(report, *child.plan);
  build_filesystem(report, child);
  enter_working_directory(report, child.process);
  apply_process_limits(report, child.process);
  // Before the user switch: without no_new_privileges the seccomp filter goes on there, and
  // an older profile may not allow close_range.
  close_inherited_fds(report, child.fds.first_unpassed());
  become_process_user(report, child.process);
  pass_start_gate(report, child);
  run_hooks(report, child.start_container_hooks, "run the startContainer hook");
  confine_process(report, child.process);
  exec_process(report, child.process);
}

void run_joining_child(PlanChild& child) noexcept {
  const ChildReporter report(child.report_fd);
  begin(report, child);
  wait_for_go(child);
  take_arranged_fds(report, child.fds);
  take_terminal(report, child);
  enter_working_directory(report, child.process);
  apply_process_limits(report, child.process);
  // Before the user switch: without no_new_privileges the seccomp filter goes on there, and
  // an older profile may not allow close_range.
  close_inherited_fds(report, child.fds.first_unpassed());
  become_process_user(report, child.process);
  confine_process(report, child.process);
  exec_process(report, child.process);
}

}  // namespace mydocker::isolation
