// The descriptor that makes this shared object the isolator "chroot".
#include "mydocker/plugin.hpp"
#include "chroot_isolator.hpp"

MYDOCKER_ISOLATOR_PLUGIN("chroot", "0.1.0", [](mydocker::IHost& host) -> mydocker::IIsolator* {
  return new mydocker::chroot::ChrootIsolator(host);
});
