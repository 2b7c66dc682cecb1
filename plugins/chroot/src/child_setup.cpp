#include "child_setup.hpp"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mydocker::chroot {

const char* describe(Stage stage) {
  switch (stage) {
    case Stage::stdio:
      return "set up stdio";
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

// mkdir -p for an absolute path inside the (already chrooted) root; a path component that
// exists is fine, whatever it is: the final open or chdir reports what is wrong.
bool make_parents(const char* path, bool include_last) {
  char buf[4096];
  const std::size_t len = std::strlen(path);
  if (len >= sizeof buf) {
    errno = ENAMETOOLONG;
    return false;
  }
  std::memcpy(buf, path, len + 1);
  for (std::size_t i = 1; i <= len; ++i) {
    if (buf[i] != '/' && buf[i] != '\0') continue;
    if (buf[i] == '\0' && !include_last) break;
    const char saved = buf[i];
    buf[i] = '\0';
    if (::mkdir(buf, 0755) != 0 && errno != EEXIST) return false;
    buf[i] = saved;
  }
  return true;
}

bool copy_file(int from, const char* to) {
  if (!make_parents(to, false)) return false;
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
  move_fd(plan, spec.stdin_fd, 0);
  move_fd(plan, spec.stdout_fd, 1);
  move_fd(plan, spec.stderr_fd, 2);

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

  if (!make_parents(spec.cwd.c_str(), true) || ::chdir(spec.cwd.c_str()) != 0) {
    fail(plan, Stage::workdir);
  }

  if (spec.uid != 0 || spec.gid != 0 || !spec.additional_gids.empty()) {
    std::vector<gid_t> groups(spec.additional_gids.begin(), spec.additional_gids.end());
    if (::setgroups(groups.size(), groups.data()) != 0 || ::setgid(spec.gid) != 0 ||
        ::setuid(spec.uid) != 0) {
      fail(plan, Stage::user);
    }
  }

  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::execve(spec.executable.c_str(), plan.argv.data(), plan.envp.data());
  fail(plan, Stage::exec);
}

}  // namespace mydocker::chroot
