// What the container's child process tells the parent if it fails before exec, through a
// close-on-exec pipe: EOF means the exec succeeded.
#pragma once

namespace mydocker::pivot_root {

enum class Stage : int {
  sync,
  session,
  stdio,
  terminal,
  cgroup_namespace,
  mounts,
  pivot_root,
  hostname,
  network,
  workdir,
  read_only,
  capabilities,
  user,
  no_new_privs,
  seccomp,
  init,
  exec
};

struct ChildReport {
  Stage stage;
  int error;       // errno of the failed call
  char path[128];  // the path involved, when there is one
};

const char* describe(Stage stage);

}  // namespace mydocker::pivot_root
