#include "util/cgroup_layout.hpp"

#include <fstream>
#include <sstream>

namespace mydocker {

std::string_view to_string(CgroupLayout layout) {
  switch (layout) {
    case CgroupLayout::none:
      return "none";
    case CgroupLayout::v1:
      return "v1";
    case CgroupLayout::v2:
      return "v2";
    case CgroupLayout::hybrid:
      return "hybrid";
  }
  return "unknown";
}

CgroupLayout cgroup_layout_from_mountinfo(const std::string& mountinfo) {
  bool v1 = false;
  bool v2 = false;
  std::istringstream lines(mountinfo);
  for (std::string line; std::getline(lines, line);) {
    // The optional fields end with " - ", then come the file system type and source.
    const auto separator = line.find(" - ");
    if (separator == std::string::npos) continue;
    std::istringstream rest(line.substr(separator + 3));
    std::string type;
    rest >> type;
    v1 = v1 || type == "cgroup";
    v2 = v2 || type == "cgroup2";
  }
  if (v1 && v2) return CgroupLayout::hybrid;
  if (v2) return CgroupLayout::v2;
  return v1 ? CgroupLayout::v1 : CgroupLayout::none;
}

CgroupLayout detect_cgroup_layout() {
  std::ifstream file("/proc/self/mountinfo");
  std::ostringstream text;
  text << file.rdbuf();
  return cgroup_layout_from_mountinfo(text.str());
}

}  // namespace mydocker
