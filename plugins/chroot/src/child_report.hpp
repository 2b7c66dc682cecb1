// What the container's child process tells the parent before it execs, through a
// close-on-exec pipe: EOF means the exec succeeded; a record means a notice or a failure.
#pragma once

namespace mydocker::chroot {

enum class Stage : int {
  session,
  stdio,
  terminal,
  chroot,
  mount_proc,
  copy_host_executable,
  hostname,
  workdir,
  read_only,
  user,
  init,
  exec
};

enum class ReportKind : int { copied_host_executable, failed };

struct ChildReport {
  ReportKind kind;
  Stage stage;
  int error;  // errno of the failed call
};

const char* describe(Stage stage);

}  // namespace mydocker::chroot
