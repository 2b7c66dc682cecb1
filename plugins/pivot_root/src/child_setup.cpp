#include "child_setup.hpp"

#include <fcntl.h>
#include <grp.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "mydocker/container_init.hpp"
#include "mydocker/isolator_support.hpp"
#include "rootfs_mounts.hpp"

namespace mydocker::pivot_root {

const char* describe(Stage stage) {
  switch (stage) {
    case Stage::sync:
      return "wait for the cgroup";
    case Stage::session:
      return "start a session of its own";
    case Stage::stdio:
      return "set up stdio";
    case Stage::terminal:
      return "take the terminal";
    case Stage::cgroup_namespace:
      return "create a cgroup namespace";
    case Stage::mounts:
      return "mount";
    case Stage::pivot_root:
      return "pivot_root into the rootfs";
    case Stage::hostname:
      return "set the hostname";
    case Stage::network:
      return "bring up the loopback interface";
    case Stage::workdir:
      return "enter the working directory";
    case Stage::read_only:
      return "make the root file system read-only";
    case Stage::capabilities:
      return "drop capabilities";
    case Stage::user:
      return "switch user";
    case Stage::no_new_privs:
      return "set no_new_privs";
    case Stage::seccomp:
      return "install the seccomp filter";
    case Stage::init:
      return "start the init process";
    case Stage::exec:
      return "exec";
  }
  return "start";
}

namespace {

[[noreturn]] void fail(const ChildPlan& plan, Stage stage, const char* path = nullptr,
                       int error = errno) {
  ChildReport r{};
  r.stage = stage;
  r.error = error;
  if (path != nullptr) std::strncpy(r.path, path, sizeof r.path - 1);
  // A short or failed write only loses the detail; the parent still sees the exit status.
  [[maybe_unused]] auto n = ::write(plan.report_fd, &r, sizeof r);
  _exit(stage == Stage::exec ? (error == ENOENT ? 127 : 126) : 125);
}

void move_fd(const ChildPlan& plan, int from, int to) {
  if (from != to && ::dup2(from, to) < 0) fail(plan, Stage::stdio);
}

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

void reset_signals() {
  for (int sig = 1; sig < NSIG; ++sig) ::signal(sig, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

}  // namespace

void run_child(const ChildPlan& plan) {
  const ContainerSpec& spec = *plan.spec;
  // No daemon keeps the container: if mydocker dies (even by SIGKILL), so does the container.
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fail(plan, Stage::sync);
  if (!leave_caller_session()) fail(plan, Stage::session);
  // The parent writes a byte once the process is in its cgroup: the cgroup namespace made
  // below must be rooted there.
  char byte;
  ssize_t n;
  while ((n = ::read(plan.go_fd, &byte, 1)) < 0 && errno == EINTR) {
  }
  if (n != 1) fail(plan, Stage::sync, nullptr, n < 0 ? errno : EPIPE);
  ::close(plan.go_fd);
  if (::unshare(CLONE_NEWCGROUP) != 0) fail(plan, Stage::cgroup_namespace);

  if (!spec.tty) {
    move_fd(plan, spec.stdin_fd, 0);
    move_fd(plan, spec.stdout_fd, 1);
    move_fd(plan, spec.stderr_fd, 2);
  }

  ::umask(0);
  const char* failed = nullptr;
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    fail(plan, Stage::mounts, "/");
  }
  if (!prepare_rootfs(spec.rootfs.c_str(), plan.cgroups, &failed))
    fail(plan, Stage::mounts, failed);
  if (!enter_rootfs(spec.rootfs.c_str())) fail(plan, Stage::pivot_root);
  // The terminal comes from the container's own devpts, so `tty` names it as /dev/pts/N.
  if (spec.tty && !open_container_terminal("/dev/ptmx", spec.console_socket_fd, spec.tty_rows,
                                           spec.tty_cols, spec.uid)) {
    fail(plan, Stage::terminal);
  }
  ::umask(022);

  if (::sethostname(plan.hostname, std::strlen(plan.hostname)) != 0) fail(plan, Stage::hostname);
  if (plan.bring_up_loopback && !bring_up_loopback()) fail(plan, Stage::network);

  if (!make_directories(spec.cwd.c_str(), true)) fail(plan, Stage::workdir, spec.cwd.c_str());
  if (spec.read_only_rootfs && !make_root_read_only()) fail(plan, Stage::read_only);
  // A working directory that a symlink led out of the root would show up unreachable.
  char cwd[4096];
  if (::chdir(spec.cwd.c_str()) != 0) fail(plan, Stage::workdir, spec.cwd.c_str());
  if (::getcwd(cwd, sizeof cwd) == nullptr || cwd[0] != '/') {
    fail(plan, Stage::workdir, spec.cwd.c_str(), EXDEV);
  }

  // Every descriptor but stdio is closed at exec, whatever the caller forgot to mark.
  if (::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) != 0) fail(plan, Stage::stdio);

  if (!limit_bounding_set(plan.capabilities, plan.last_capability)) {
    fail(plan, Stage::capabilities);
  }
  if (!switch_user(spec.uid, spec.gid, spec.additional_gids.data(), spec.additional_gids.size())) {
    fail(plan, Stage::user);
  }
  if (!set_process_capabilities(plan.capabilities, spec.uid == 0)) {
    fail(plan, Stage::capabilities);
  }
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail(plan, Stage::no_new_privs);
  if (plan.seccomp != nullptr && !plan.seccomp->install()) fail(plan, Stage::seccomp);

  if (spec.init) {
    if (fork_under_init() != 0) fail(plan, Stage::init);
    // The command leads its own process group, in the foreground of the terminal, so a shell
    // and its job control behave as without --init.
    ::setpgid(0, 0);
    if (spec.tty) ::tcsetpgrp(0, ::getpid());
  }
  reset_signals();
  ::execve(spec.executable.c_str(), plan.argv.data(), plan.envp.data());
  fail(plan, Stage::exec);
}

}  // namespace mydocker::pivot_root
