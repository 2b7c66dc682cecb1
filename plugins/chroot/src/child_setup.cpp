#include "child_setup.hpp"

#include <fcntl.h>
#include <grp.h>
#include <linux/close_range.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "mydocker/container_init.hpp"
#include "mydocker/isolator_support.hpp"

namespace mydocker::chroot {

const char* describe(Stage stage) {
  switch (stage) {
    case Stage::session:
      return "start a session of its own";
    case Stage::stdio:
      return "set up stdio";
    case Stage::terminal:
      return "take the terminal";
    case Stage::hostname:
      return "set the hostname";
    case Stage::read_only:
      return "make the root file system read-only";
    case Stage::init:
      return "start the init process";
    case Stage::chroot:
      return "chroot into the rootfs";
    case Stage::mount_proc:
      return "mount /proc";
    case Stage::copy_host_executable:
      return "copy the host executable into the container";
    case Stage::workdir:
      return "enter the working directory";
    case Stage::user:
      return "switch user";
    case Stage::exec:
      return "exec";
  }
  return "start";
}

namespace {

void report(int fd, ReportKind kind, Stage stage, int error) {
  const ChildReport r{kind, stage, error};
  // A short or failed write only loses the detail; the parent still sees the exit status.
  [[maybe_unused]] auto n = ::write(fd, &r, sizeof r);
}

[[noreturn]] void fail(const ChildPlan& plan, Stage stage, int error = errno) {
  report(plan.report_fd, ReportKind::failed, stage, error);
  _exit(stage == Stage::exec ? (error == ENOENT ? 127 : 126) : 125);
}

bool copy_file(int from, const char* to) {
  if (!make_directories(to, false)) return false;
  const int out = ::open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0755);
  if (out < 0) return false;
  while (true) {
    const ssize_t n = ::sendfile(out, from, nullptr, 1 << 30);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(out);
      return false;
    }
  }
  return ::close(out) == 0;
}

void move_fd(const ChildPlan& plan, int from, int to) {
  if (from != to && ::dup2(from, to) < 0) fail(plan, Stage::stdio);
}

}  // namespace

void run_child(const ChildPlan& plan) {
  const ContainerSpec& spec = *plan.spec;
  // No daemon keeps the container: if mydocker dies (even by SIGKILL), so does the container.
  // The parent is outside our PID namespace (getppid() is 0), so the usual re-check of the
  // parent after prctl is not possible; the window is the few instructions since clone3.
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fail(plan, Stage::stdio);
  if (!leave_caller_session()) fail(plan, Stage::session);
  if (spec.tty) {
    // The host's /dev/ptmx: the image's /dev is all the chroot has, and it may have none.
    if (!open_container_terminal("/dev/ptmx", spec.console_socket_fd, spec.tty_rows, spec.tty_cols,
                                 spec.uid)) {
      fail(plan, Stage::terminal);
    }
  } else {
    move_fd(plan, spec.stdin_fd, 0);
    move_fd(plan, spec.stdout_fd, 1);
    move_fd(plan, spec.stderr_fd, 2);
  }

  if (!spec.hostname.empty() && ::sethostname(spec.hostname.data(), spec.hostname.size()) != 0) {
    fail(plan, Stage::hostname);
  }

  // A mount of its own, so --read-only can remount just the container's root.
  if (spec.read_only_rootfs &&
      ::mount(spec.rootfs.c_str(), spec.rootfs.c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0) {
    fail(plan, Stage::read_only);
  }
  if (::chdir(spec.rootfs.c_str()) != 0 || ::chroot(".") != 0 || ::chdir("/") != 0) {
    fail(plan, Stage::chroot);
  }
  // From here on every path resolves inside the container, symlinks included.
  if ((::mkdir("/proc", 0555) != 0 && errno != EEXIST) ||
      ::mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0) {
    fail(plan, Stage::mount_proc);
  }

  struct stat st {};
  if (plan.host_executable_fd >= 0 && ::stat(spec.executable.c_str(), &st) != 0 &&
      errno == ENOENT) {
    if (!copy_file(plan.host_executable_fd, spec.executable.c_str())) {
      fail(plan, Stage::copy_host_executable);
    }
    report(plan.report_fd, ReportKind::copied_host_executable, Stage::copy_host_executable, 0);
  }

  if (!make_directories(spec.cwd.c_str(), true)) fail(plan, Stage::workdir);
  if (spec.read_only_rootfs &&
      ::mount(nullptr, "/", nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0) {
    fail(plan, Stage::read_only);
  }
  if (::chdir(spec.cwd.c_str()) != 0) fail(plan, Stage::workdir);

  if (spec.uid != 0 || spec.gid != 0 || !spec.additional_gids.empty()) {
    if (!switch_user(spec.uid, spec.gid, spec.additional_gids.data(),
                     spec.additional_gids.size())) {
      fail(plan, Stage::user);
    }
  }

  // Every descriptor but stdio is closed at exec, whatever the caller forgot to mark.
  if (::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) != 0) fail(plan, Stage::stdio);
  if (spec.init) {
    if (fork_under_init() != 0) fail(plan, Stage::init);
    ::setpgid(0, 0);
    if (spec.tty) ::tcsetpgrp(0, ::getpid());
  }
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::execve(spec.executable.c_str(), plan.argv.data(), plan.envp.data());
  fail(plan, Stage::exec);
}

}  // namespace mydocker::chroot
