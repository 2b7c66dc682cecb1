// A cgroup tree for unit tests, built in a temporary directory: a cgroup root with the v1,
// v2 or hybrid mounts a test describes, fixture mountinfo and /proc/self/cgroup text, and a
// lease directory. No root needed, the host's cgroups untouched. Directories the kernel would
// fill with control files are filled by the test.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cgroup_layout.hpp"

namespace mydocker::isolation::cgroups {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A temporary tree with a cgroup root, fixture mountinfo and /proc/self/cgroup files and a
// lease directory, removed afterwards.
class FixtureTree {
 public:
  FixtureTree() {
    std::string pattern = (fs::temp_directory_path() / "cgroup-test.XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    top_ = pattern;
    roots_.cgroup_root = (top_ / "sys/fs/cgroup").string();
    roots_.mountinfo = (top_ / "mountinfo").string();
    roots_.process_cgroup = (top_ / "cgroup").string();
    roots_.lease_dir = (top_ / "run/mydocker/cgroups").string();
    fs::create_directories(roots_.cgroup_root);
    fs::create_directories(top_ / "run");  // as on a host; the library makes what is below
  }
  ~FixtureTree() {
    std::error_code ignored;
    fs::remove_all(top_, ignored);
  }
  FixtureTree(const FixtureTree&) = delete;
  FixtureTree& operator=(const FixtureTree&) = delete;

  const CgroupRoots& roots() const { return roots_; }
  std::string cg(const std::string& relative) const { return roots_.cgroup_root + relative; }

  void mkdir(const std::string& relative) const { fs::create_directories(cg(relative)); }
  void write(const std::string& path, const std::string& text) const {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path) << text;
  }

  // A v1 hierarchy mounted at <root>/<dir> with `options` ("rw,memory").
  void v1(const std::string& dir, const std::string& options) {
    mkdir("/" + dir);
    mounts_ += std::to_string(31 + mount_count_++) + " 30 0:28 / " + cg("/" + dir) +
               " rw,relatime - cgroup cgroup " + options + "\n";
  }
  void v2_at(const std::string& relative) {
    mkdir(relative);
    mounts_ += std::to_string(31 + mount_count_++) + " 22 0:37 / " + cg(relative) +
               " rw,relatime - cgroup2 cgroup2 rw\n";
  }
  // Writes mountinfo (a tmpfs under the cgroups, as systemd mounts it, and an unrelated
  // file system around them) and /proc/self/cgroup.
  void finish(const std::string& process_cgroup) const {
    write(roots_.mountinfo,
          "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n"
          "30 22 0:27 / " +
              roots_.cgroup_root + " rw,relatime - tmpfs tmpfs rw,mode=755\n" + mounts_);
    write(roots_.process_cgroup, process_cgroup);
  }

  // This machine's layout: v1 controllers under the root, cgroup2 at <root>/unified, the
  // caller in a nested memory cgroup. No devices hierarchy: its rules need kernel files.
  void hybrid() {
    v1("cpu,cpuacct", "rw,cpu,cpuacct");
    v1("memory", "rw,memory");
    v1("pids", "rw,pids");
    v1("systemd", "rw,name=systemd");
    v2_at("/unified");
    mkdir("/memory/session/run");
    finish("9:name=systemd:/\n8:pids:/\n4:memory:/session/run\n1:cpu,cpuacct:/\n0::/user.slice\n");
  }
  // cgroup2 alone, at the root, with every controller delegated already.
  void unified(const std::string& subtree_control = "cpu memory pids\n") {
    v2_at("");
    write(cg("/cgroup.controllers"), "cpuset cpu io memory pids\n");
    write(cg("/cgroup.subtree_control"), subtree_control);
    write(cg("/mydocker/cgroup.subtree_control"), subtree_control);
    finish("0::/user.slice/session-1.scope\n");
  }

  std::vector<std::string> leases() const {
    std::vector<std::string> out;
    if (!fs::exists(roots_.lease_dir)) return out;
    for (const auto& entry : fs::directory_iterator(roots_.lease_dir)) {
      out.push_back(entry.path().filename().string());
    }
    return out;
  }

 private:
  fs::path top_;
  CgroupRoots roots_;
  std::string mounts_;
  int mount_count_ = 0;
};

}  // namespace mydocker::isolation::cgroups
