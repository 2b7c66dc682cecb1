#include "capabilities.hpp"

#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <string_view>

#include "mydocker/errors.hpp"

namespace mydocker::isolation {

namespace {

// Indexed by capability number.
constexpr std::array<std::string_view, 41> kNames = {
    "CHOWN",
    "DAC_OVERRIDE",
    "DAC_READ_SEARCH",
    "FOWNER",
    "FSETID",
    "KILL",
    "SETGID",
    "SETUID",
    "SETPCAP",
    "LINUX_IMMUTABLE",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_ADMIN",
    "NET_RAW",
    "IPC_LOCK",
    "IPC_OWNER",
    "SYS_MODULE",
    "SYS_RAWIO",
    "SYS_CHROOT",
    "SYS_PTRACE",
    "SYS_PACCT",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_NICE",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "MKNOD",
    "LEASE",
    "AUDIT_WRITE",
    "AUDIT_CONTROL",
    "SETFCAP",
    "MAC_OVERRIDE",
    "MAC_ADMIN",
    "SYSLOG",
    "WAKE_ALARM",
    "BLOCK_SUSPEND",
    "AUDIT_READ",
    "PERFMON",
    "BPF",
    "CHECKPOINT_RESTORE",
};

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

bool is_all(const std::string& name) { return upper(name) == "ALL"; }

}  // namespace

CapabilitySet all_known_capabilities() {
  int last = static_cast<int>(kNames.size()) - 1;
  std::ifstream in("/proc/sys/kernel/cap_last_cap");
  if (int from_kernel; in >> from_kernel && from_kernel >= 0 && from_kernel < 64) {
    last = from_kernel;
  }
  return last == 63 ? ~CapabilitySet{0} : (CapabilitySet{1} << (last + 1)) - 1;
}

int capability_number(const std::string& name) {
  std::string bare = upper(name);
  if (bare.starts_with("CAP_")) bare.erase(0, 4);
  const auto it = std::find(kNames.begin(), kNames.end(), bare);
  if (it == kNames.end()) throw Error("unknown capability \"" + name + "\"");
  return static_cast<int>(it - kNames.begin());
}

namespace {

// The named capabilities as a set, and whether "ALL" was among the names.
CapabilitySet named_set(const std::vector<std::string>& names, bool& all) {
  CapabilitySet set = 0;
  for (const auto& name : names) {
    if (is_all(name)) {
      all = true;
    } else {
      set |= CapabilitySet{1} << capability_number(name);
    }
  }
  return set;
}

}  // namespace

CapabilitySet container_capabilities(const std::vector<std::string>& add,
                                     const std::vector<std::string>& drop, CapabilitySet all) {
  bool drop_all = false;
  bool add_all = false;
  const CapabilitySet dropped = named_set(drop, drop_all);
  const CapabilitySet added = named_set(add, add_all);
  if (add_all) return all & ~dropped;
  const CapabilitySet base = drop_all ? 0 : kDockerDefaultCapabilities & ~dropped;
  return (base | added) & all;
}

bool limit_bounding_set(CapabilitySet keep, int last_cap) noexcept {
  for (int cap = 0; cap <= last_cap; ++cap) {
    if (keep & (CapabilitySet{1} << cap)) continue;
    // EINVAL: a capability this kernel does not have, nothing to drop.
    if (::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) return false;
  }
  return ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == 0;
}

ProcessCapabilities caller_capabilities() noexcept {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  if (::syscall(SYS_capget, &header, data) != 0) return {};
  const auto join = [](std::uint32_t low, std::uint32_t high) {
    return CapabilitySet{low} | (CapabilitySet{high} << 32);
  };
  return {join(data[0].permitted, data[1].permitted), join(data[0].effective, data[1].effective)};
}

void require_capabilities(CapabilitySet wanted, CapabilitySet held) {
  const CapabilitySet missing = wanted & ~held;
  if (missing == 0) return;
  int cap = 0;
  while (!((missing >> cap) & 1)) ++cap;
  const std::string name = cap < static_cast<int>(kNames.size()) ? "CAP_" + std::string(kNames[cap])
                                                                 : std::to_string(cap);
  throw Error("cannot give the container " + name + ": mydocker itself does not have it");
}

bool set_process_capabilities(CapabilitySet caps, bool is_root) noexcept {
  const CapabilitySet granted = is_root ? caps : 0;
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  data[0].effective = data[0].permitted = static_cast<std::uint32_t>(granted);
  data[1].effective = data[1].permitted = static_cast<std::uint32_t>(granted >> 32);
  return ::syscall(SYS_capset, &header, data) == 0;
}

}  // namespace mydocker::isolation
