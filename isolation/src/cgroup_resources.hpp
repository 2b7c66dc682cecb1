// The resource writers in OCI's terms (runtime-spec linux.resources), shared by the limits of
// `mydocker run` (cgroup_limits) and a ContainerPlan's (planned_cgroup): what each value
// becomes in the cgroup files of v1 and v2. Unset values leave the kernel's default. Each
// writer throws mydocker::Error naming the file and the value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mydocker::isolation::cgroups {

// As runc reads linux.resources.memory: 0 is unset, -1 unlimited.
struct MemoryValues {
  std::optional<std::int64_t> limit;        // bytes
  std::optional<std::int64_t> reservation;  // bytes; a soft limit
  std::optional<std::int64_t> swap;         // memory + swap, bytes
};

// As runc reads linux.resources.cpu: 0 is unset; a quota of -1 is unlimited.
struct CpuValues {
  std::optional<std::uint64_t> shares;
  std::optional<std::int64_t> quota;  // microseconds per period
  std::optional<std::uint64_t> period;
};

// Whether a value is set: OCI's (and runc's) 0 is unset.
inline bool is_set(const std::optional<std::int64_t>& value) { return value && *value != 0; }
inline bool is_set(const std::optional<std::uint64_t>& value) { return value && *value != 0; }

// memory.limit_in_bytes, memory.soft_limit_in_bytes, then memory.memsw.limit_in_bytes (a new
// cgroup's memsw is unlimited, so it can only follow the limit down). A kernel without swap
// accounting has no memsw file: swap is then left as it is.
void write_memory_v1(const std::string& dir, const MemoryValues& values);
// memory.max, memory.low and memory.swap.max = swap - limit (v2 limits swap alone). Throws when
// swap is set without a limit or below it, as runc does. No memory.swap.max: as v1's memsw.
void write_memory_v2(const std::string& dir, const MemoryValues& values);

// cpu.shares, cpu.cfs_period_us, cpu.cfs_quota_us.
void write_cpu_v1(const std::string& dir, const CpuValues& values);
// cpu.weight from the shares (cpu_weight), cpu.max "QUOTA PERIOD" ("max" for no quota).
void write_cpu_v2(const std::string& dir, const CpuValues& values);

// The v1 shares on v2's weight scale, as crun and runc convert: 2..262144 onto 1..10000.
std::uint64_t cpu_weight(std::uint64_t shares);

// cpuset.cpus and cpuset.mems (same files in v1 and v2); an empty value is left alone.
void write_cpuset(const std::string& dir, const std::string& cpus, const std::string& mems);

// A new v1 cpuset directory has empty cpuset.cpus and cpuset.mems, and the kernel refuses a
// process in it (ENOSPC): copies each from the parent directory when empty. A directory
// without the files (not a cpuset hierarchy) is left alone.
void inherit_cpuset_v1(const std::string& dir);

}  // namespace mydocker::isolation::cgroups
