#include "cli/systemd_cgroup.hpp"

#include "mydocker/errors.hpp"

namespace mydocker::runtime {

namespace {

constexpr std::string_view kSliceSuffix = ".slice";

// systemd nests a slice under each of its dash-separated prefixes: a-b.slice is in a.slice.
std::string expand_slice(const std::string& slice) {
  if (slice == "-.slice") return "";
  if (!slice.ends_with(kSliceSuffix) || slice.find('/') != std::string::npos) {
    throw Error("invalid systemd slice \"" + slice + "\": expected a name ending in .slice");
  }
  const std::string stem = slice.substr(0, slice.size() - kSliceSuffix.size());
  if (stem.empty() || stem.front() == '-' || stem.back() == '-' ||
      stem.find("--") != std::string::npos) {
    throw Error("invalid systemd slice \"" + slice + "\"");
  }
  std::string path;
  for (std::size_t dash = stem.find('-'); dash != std::string::npos;
       dash = stem.find('-', dash + 1)) {
    path += "/" + stem.substr(0, dash) + std::string(kSliceSuffix);
  }
  return path + "/" + slice;
}

}  // namespace

std::string systemd_cgroup_path(const std::string& cgroups_path, const std::string& id) {
  std::string slice = "system.slice", prefix = "mydocker-runtime", name = id;
  if (!cgroups_path.empty()) {
    const auto first = cgroups_path.find(':');
    const auto second = first == std::string::npos ? first : cgroups_path.find(':', first + 1);
    if (second == std::string::npos || cgroups_path.find(':', second + 1) != std::string::npos) {
      throw Error("with --systemd-cgroup, cgroupsPath must be slice:prefix:name, not \"" +
                  cgroups_path + "\"");
    }
    slice = cgroups_path.substr(0, first);
    prefix = cgroups_path.substr(first + 1, second - first - 1);
    name = cgroups_path.substr(second + 1);
    if (slice.empty()) slice = "system.slice";
    if (name.empty() || name.find('/') != std::string::npos ||
        prefix.find('/') != std::string::npos) {
      throw Error("invalid systemd unit name in cgroupsPath \"" + cgroups_path + "\"");
    }
  }
  if (name.ends_with(kSliceSuffix)) return expand_slice(slice) + "/" + name;
  return expand_slice(slice) + "/" + (prefix.empty() ? name : prefix + "-" + name) + ".scope";
}

}  // namespace mydocker::runtime
