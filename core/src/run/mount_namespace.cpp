#include "run/mount_namespace.hpp"

#include <sched.h>
#include <sys/mount.h>

#include "util/system_error.hpp"

namespace mydocker {

void enter_private_mount_namespace() {
  if (::unshare(CLONE_NEWNS) != 0) {
    throw_errno("cannot create a mount namespace (mydocker run needs root)");
  }
  // Without this, mounts would propagate back to the host through shared peer groups.
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    throw_errno("cannot make the mount namespace private");
  }
}

}  // namespace mydocker
