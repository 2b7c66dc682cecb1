#include "chroot_rootfs.hpp"

#include <fcntl.h>
#include <sys/mount.h>

#include <cerrno>

namespace mydocker::chroot {

bool enter_chroot(const Syscalls& sys, const char* rootfs, bool own_mount,
                  const char** stage) noexcept {
  *stage = "make the root file system read-only";
  if (own_mount && sys.mount(rootfs, rootfs, nullptr, MS_BIND | MS_REC, nullptr) != 0) {
    return false;
  }
  *stage = "chroot into the rootfs";
  if (sys.chdir(rootfs) != 0 || sys.chroot(".") != 0 || sys.chdir("/") != 0) return false;
  // From here on every path resolves inside the container, symlinks included.
  *stage = "mount /proc";
  return (sys.mkdirat(AT_FDCWD, "/proc", 0555) == 0 || errno == EEXIST) &&
         sys.mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) == 0;
}

bool make_chroot_read_only(const Syscalls& sys) noexcept {
  return sys.mount(nullptr, "/", nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) == 0;
}

}  // namespace mydocker::chroot
