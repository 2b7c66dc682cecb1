#include "child_setup.hpp"

#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "chroot_rootfs.hpp"
#include "mydocker/container_child.hpp"

namespace mydocker::chroot {

namespace {

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

// The host's executable, when the image lacks the absolute command (see chroot_isolator.hpp).
void copy_host_executable(const ChildPlan& plan, const ChildReporter& report) {
  const char* executable = plan.child.spec->executable.c_str();
  struct stat st {};
  if (plan.host_executable_fd < 0 || ::stat(executable, &st) == 0 || errno != ENOENT) return;
  if (!copy_file(plan.host_executable_fd, executable)) report.fail(kCopyHostExecutable, executable);
  report.notice(kCopyHostExecutable, executable);
}

}  // namespace

void run_child(const ChildPlan& plan) {
  const ContainerSpec& spec = *plan.child.spec;
  const ChildReporter report(plan.child.report_fd);
  begin_container_child(report);
  if (spec.tty) {
    // The host's /dev/ptmx: the image's /dev is all the chroot has, and it may have none.
    if (!open_container_terminal("/dev/ptmx", spec.console_socket_fd, spec.tty_rows, spec.tty_cols,
                                 spec.uid)) {
      report.fail(child_stage::terminal);
    }
  } else {
    take_stdio(report, spec);
  }

  const Syscalls& sys = real_syscalls();
  if (!spec.hostname.empty() && sys.sethostname(spec.hostname.data(), spec.hostname.size()) != 0) {
    report.fail(child_stage::hostname);
  }
  const char* stage = nullptr;
  if (!enter_chroot(sys, spec.rootfs.c_str(), spec.read_only_rootfs, &stage)) report.fail(stage);
  copy_host_executable(plan, report);

  if (!make_directories(spec.cwd.c_str(), true))
    report.fail(child_stage::workdir, spec.cwd.c_str());
  if (spec.read_only_rootfs && !make_chroot_read_only(sys)) report.fail(child_stage::read_only);
  if (::chdir(spec.cwd.c_str()) != 0) report.fail(child_stage::workdir, spec.cwd.c_str());

  if (spec.uid != 0 || spec.gid != 0 || !spec.additional_gids.empty()) {
    if (!switch_user(spec.uid, spec.gid, spec.additional_gids.data(),
                     spec.additional_gids.size())) {
      report.fail(child_stage::user);
    }
  }
  close_inherited_fds(report);
  exec_container_command(report, plan.child);
}

}  // namespace mydocker::chroot
