#include "cgroup_layout.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "cgroup_files.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::isolation::cgroups {

namespace {

bool is_octal(char c) { return c >= '0' && c <= '7'; }

// mountinfo escapes space, tab, newline and backslash in paths as \ooo.
std::string unescape_mount_path(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && is_octal(s[i + 1]) && is_octal(s[i + 2]) &&
        is_octal(s[i + 3])) {
      out.push_back(static_cast<char>(std::strtol(s.substr(i + 1, 3).c_str(), nullptr, 8)));
      i += 3;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string read_whole(const std::string& path) {
  std::string text;
  if (!read_file(path, text)) {
    throw Error("cgroup: cannot read " + path + ": " + std::strerror(errno));
  }
  return text;
}

// `own`, a cgroup as /proc/self/cgroup names it, as a directory under `mount`; the mount's top
// when the mount does not show it.
std::string host_directory(const CgroupMount& mount, const std::string& own) {
  std::string dir = mount.mount_point;
  const std::string root = mount.root == "/" ? "" : mount.root;
  if (own.compare(0, root.size(), root) == 0 &&
      (own.size() == root.size() || own[root.size()] == '/')) {
    dir += own.substr(root.size());
  }
  if (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir;
}

}  // namespace

bool V1Hierarchy::has(const std::string& controller) const { return contains(options, controller); }

std::vector<CgroupMount> parse_cgroup_mounts(const std::string& mountinfo) {
  std::vector<CgroupMount> out;
  for (const auto& line : split(mountinfo, '\n')) {
    const auto fields = split(line, ' ');
    const auto dash = std::find(fields.begin(), fields.end(), "-");
    if (fields.size() < 6 || dash == fields.end() || fields.end() - dash < 4) continue;
    if (dash[1] != "cgroup" && dash[1] != "cgroup2") continue;
    out.push_back({dash[1], unescape_mount_path(fields[4]), unescape_mount_path(fields[3]),
                   split(dash[3], ',')});
  }
  return out;
}

std::vector<ProcessCgroup> parse_process_cgroups(const std::string& text) {
  std::vector<ProcessCgroup> out;
  for (const auto& line : split(text, '\n')) {
    const std::size_t first = line.find(':');
    const std::size_t second = first == std::string::npos ? first : line.find(':', first + 1);
    if (second == std::string::npos) continue;
    out.push_back(
        {split(line.substr(first + 1, second - first - 1), ','), line.substr(second + 1)});
  }
  return out;
}

const char* describe(CgroupVersion version) {
  switch (version) {
    case CgroupVersion::v1:
      return "v1";
    case CgroupVersion::v2:
      return "v2";
    case CgroupVersion::hybrid:
      return "hybrid (v1 and v2)";
  }
  return "unknown";
}

CgroupLayout::CgroupLayout(std::string cgroup_root, std::vector<CgroupMount> mounts,
                           std::vector<ProcessCgroup> own)
    : root_(std::move(cgroup_root)), mounts_(std::move(mounts)), own_(std::move(own)) {}

CgroupLayout CgroupLayout::read(const CgroupRoots& roots) {
  return CgroupLayout(roots.cgroup_root, parse_cgroup_mounts(read_whole(roots.mountinfo)),
                      parse_process_cgroups(read_whole(roots.process_cgroup)));
}

CgroupVersion CgroupLayout::version() const {
  bool v1 = false;
  bool v2 = false;
  for (const auto& m : mounts_) {
    if (m.type == "cgroup2" && m.mount_point == root_) return CgroupVersion::v2;
    if (!m.mount_point.starts_with(root_ + "/")) continue;
    (m.type == "cgroup2" ? v2 : v1) = true;
  }
  return v1 && v2 ? CgroupVersion::hybrid : CgroupVersion::v1;
}

std::string CgroupLayout::v1_parent(const std::string& controller) const {
  for (const auto& hierarchy : v1_hierarchies()) {
    if (hierarchy.has(controller)) return hierarchy.own;
  }
  return "";
}

std::vector<V1Hierarchy> CgroupLayout::v1_hierarchies() const {
  // Hierarchies may join controllers ("cpu,cpuacct") and live anywhere, so the super options
  // are the only reliable source. They describe the superblock: two mounts with the same ones
  // show one hierarchy.
  std::vector<V1Hierarchy> out;
  for (const auto& m : mounts_) {
    if (m.type != "cgroup") continue;
    const bool seen = std::any_of(out.begin(), out.end(),
                                  [&](const V1Hierarchy& h) { return h.options == m.options; });
    if (seen) continue;
    std::string own;
    for (const auto& line : own_) {
      const bool ours = std::any_of(line.controllers.begin(), line.controllers.end(),
                                    [&](const std::string& c) { return contains(m.options, c); });
      if (ours) own = line.path;
    }
    out.push_back({m.mount_point, m.options, host_directory(m, own)});
  }
  return out;
}

UnifiedHierarchy CgroupLayout::unified() const {
  // Under the root first: a cgroup2 mounted elsewhere (a container's view) is not the host's.
  const auto under_root = [&](const CgroupMount& m) {
    return m.type == "cgroup2" &&
           (m.mount_point == root_ || m.mount_point.starts_with(root_ + "/"));
  };
  auto mount = std::find_if(mounts_.begin(), mounts_.end(), under_root);
  if (mount == mounts_.end()) {
    mount = std::find_if(mounts_.begin(), mounts_.end(),
                         [](const CgroupMount& m) { return m.type == "cgroup2"; });
  }
  if (mount == mounts_.end()) return {};
  std::string own;
  for (const auto& line : own_) {
    if (line.controllers.empty()) own = line.path;
  }
  return {mount->mount_point, host_directory(*mount, own)};
}

std::vector<CgroupFilesystem> CgroupLayout::filesystems() const {
  std::vector<CgroupFilesystem> out;
  for (const auto& m : mounts_) {
    std::string name;
    if (m.mount_point != root_) {
      if (!m.mount_point.starts_with(root_ + "/")) continue;
      name = m.mount_point.substr(root_.size() + 1);
      if (name.find('/') != std::string::npos) continue;
    }
    std::string options;
    for (const auto& option : m.options) {
      if (option == "rw" || option == "ro") continue;
      options += (options.empty() ? "" : ",") + option;
    }
    const bool seen = std::any_of(out.begin(), out.end(),
                                  [&](const CgroupFilesystem& f) { return f.name == name; });
    if (!seen) out.push_back({name, m.type, options});
  }
  return out;
}

}  // namespace mydocker::isolation::cgroups
