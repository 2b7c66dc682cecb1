// Bringing up "lo" in a new network namespace (it starts down), between clone and exec: one
// socket and two ioctls, no allocation. The pivot_root isolator's child has its own copy of
// this still; it can call this one instead.
#pragma once

namespace mydocker::isolation {

// False with errno set (EPERM without CAP_NET_ADMIN over the namespace).
bool bring_up_loopback() noexcept;

}  // namespace mydocker::isolation
