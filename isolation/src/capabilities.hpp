// Linux capabilities of the container's process: which ones (Docker's default set adjusted by
// --cap-add/--cap-drop, computed in the parent) and applying them in the child.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mydocker::isolation {

// Bit N is capability number N, as in linux/capability.h.
using CapabilitySet = std::uint64_t;

// CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE NET_RAW
// SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP: what `docker run` grants by default.
inline constexpr CapabilitySet kDockerDefaultCapabilities = 0xa80425fb;

// Every capability this kernel knows (from /proc/sys/kernel/cap_last_cap).
CapabilitySet all_known_capabilities();

// The number of a capability named as docker accepts it: "NET_ADMIN", "cap_net_admin".
// Throws mydocker::Error for a name it does not know.
int capability_number(const std::string& name);

// Docker's rules: drop "ALL" starts from nothing, add "ALL" grants everything the kernel knows
// except what is dropped by name; otherwise the default set minus drops plus adds.
CapabilitySet container_capabilities(const std::vector<std::string>& add,
                                     const std::vector<std::string>& drop, CapabilitySet all);

// The calling process's own sets (capget); zero where it cannot tell.
struct ProcessCapabilities {
  CapabilitySet permitted = 0;
  CapabilitySet effective = 0;
};
ProcessCapabilities caller_capabilities() noexcept;

// A process can give its child no capability it does not hold (capset refuses with EPERM):
// throws mydocker::Error naming the first of `wanted` that `held` lacks.
void require_capabilities(CapabilitySet wanted, CapabilitySet held);

// In the child, before switching user: removes every capability outside `keep` from the
// bounding set and clears the ambient set. Returns false with errno set.
bool limit_bounding_set(CapabilitySet keep, int last_cap) noexcept;

// In the child, after switching user: effective and permitted become `caps` for root and empty
// for anyone else (as in Docker); inheritable is always empty.
bool set_process_capabilities(CapabilitySet caps, bool is_root) noexcept;

}  // namespace mydocker::isolation
