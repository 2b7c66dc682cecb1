#include "cgroup_resources.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "cgroup_files.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::isolation::cgroups {

namespace {

// v2 spells "unlimited" as max where v1 takes -1.
std::string v2_value(std::int64_t value) { return value < 0 ? "max" : std::to_string(value); }

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string parent_of(const std::string& dir) { return dir.substr(0, dir.find_last_of('/')); }

// memory.swap.max from memory + swap, as runc converts it.
std::string v2_swap(const std::string& dir, std::int64_t limit, std::int64_t swap) {
  if (swap < 0) return "max";
  const std::string file = dir + "/memory.swap.max";
  if (limit <= 0) {
    throw Error("cgroup: cannot set swap limit " + std::to_string(swap) + " in " + file +
                ": memory+swap needs a memory limit too");
  }
  if (swap < limit) {
    throw Error("cgroup: cannot set swap limit in " + file + ": memory+swap " +
                std::to_string(swap) + " is below the memory limit " + std::to_string(limit));
  }
  return std::to_string(swap - limit);
}

}  // namespace

void write_memory_v1(const std::string& dir, const MemoryValues& values) {
  if (is_set(values.limit)) {
    write_file("set memory limit", dir + "/memory.limit_in_bytes", std::to_string(*values.limit));
  }
  if (is_set(values.reservation)) {
    write_file("set memory reservation", dir + "/memory.soft_limit_in_bytes",
               std::to_string(*values.reservation));
  }
  if (is_set(values.swap)) {
    write_file_if_present("set memory+swap limit", dir + "/memory.memsw.limit_in_bytes",
                          std::to_string(*values.swap));
  }
}

void write_memory_v2(const std::string& dir, const MemoryValues& values) {
  if (is_set(values.limit)) {
    write_file("set memory limit", dir + "/memory.max", v2_value(*values.limit));
  }
  if (is_set(values.reservation)) {
    write_file("set memory reservation", dir + "/memory.low", v2_value(*values.reservation));
  }
  if (is_set(values.swap)) {
    write_file_if_present("set swap limit", dir + "/memory.swap.max",
                          v2_swap(dir, values.limit.value_or(0), *values.swap));
  }
}

void write_cpu_v1(const std::string& dir, const CpuValues& values) {
  if (is_set(values.shares)) {
    write_file("set CPU shares", dir + "/cpu.shares", std::to_string(*values.shares));
  }
  // The period first: the kernel checks the quota against it.
  if (is_set(values.period)) {
    write_file("set CPU period", dir + "/cpu.cfs_period_us", std::to_string(*values.period));
  }
  if (is_set(values.quota)) {
    write_file("set CPU quota", dir + "/cpu.cfs_quota_us", std::to_string(*values.quota));
  }
}

void write_cpu_v2(const std::string& dir, const CpuValues& values) {
  if (is_set(values.shares)) {
    write_file("set CPU weight", dir + "/cpu.weight", std::to_string(cpu_weight(*values.shares)));
  }
  if (is_set(values.quota) || is_set(values.period)) {
    std::string value = is_set(values.quota) && *values.quota > 0 ? std::to_string(*values.quota)
                                                                  : std::string("max");
    if (is_set(values.period)) value += " " + std::to_string(*values.period);
    write_file("set CPU quota", dir + "/cpu.max", value);
  }
}

std::uint64_t cpu_weight(std::uint64_t shares) {
  // The kernel's range of shares, so the arithmetic stays in 1..10000.
  shares = std::clamp<std::uint64_t>(shares, 2, 262144);
  return 1 + ((shares - 2) * 9999) / 262142;
}

void write_cpuset(const std::string& dir, const std::string& cpus, const std::string& mems) {
  if (!cpus.empty()) write_file("set the CPU set", dir + "/cpuset.cpus", cpus);
  if (!mems.empty()) write_file("set the memory nodes", dir + "/cpuset.mems", mems);
}

void inherit_cpuset_v1(const std::string& dir) {
  for (const char* name : {"/cpuset.cpus", "/cpuset.mems"}) {
    std::string own;
    if (!read_file(dir + name, own)) {
      if (errno == ENOENT) return;
      throw Error("cgroup: cannot read " + dir + name + ": " + std::strerror(errno));
    }
    if (!trimmed(own).empty()) continue;
    const std::string parent = parent_of(dir) + name;
    std::string value;
    if (!read_file(parent, value)) {
      throw Error("cgroup: cannot read " + parent + ": " + std::strerror(errno));
    }
    write_file("inherit the parent's cpuset", dir + name, trimmed(value));
  }
}

}  // namespace mydocker::isolation::cgroups
