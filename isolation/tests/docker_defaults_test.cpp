// Docker's layout as a ContainerPlan (docker_defaults.hpp) builds the same mounts as the
// pivot_root isolator's own rootfs setup (rootfs_mounts.hpp): both run against the recording
// Syscalls table and their mount calls are compared.
#include "docker_defaults.hpp"

#include <gtest/gtest.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <string>
#include <vector>

#include "plan_rootfs.hpp"
#include "recording_syscalls.hpp"
#include "rootfs_mounts.hpp"

namespace mydocker::isolation {
namespace {

using Calls = std::vector<std::string>;

const std::vector<CgroupFilesystem> kUnified = {{"", "cgroup2", ""}};
const std::vector<CgroupFilesystem> kHybrid = {{"memory", "cgroup", "memory"},
                                               {"systemd", "cgroup", "name=systemd"},
                                               {"unified", "cgroup2", ""}};

// What the image has: a file at /proc/kcore, no /proc/scsi, nothing in /dev.
void describe_image(testing::RecordingSyscalls& sys, const std::string& root) {
  sys.add_file(root + "/proc/kcore");
  sys.add_missing(root + "/proc/scsi");
  for (const char* name : {"null", "zero", "full", "random", "urandom", "tty", "fd", "stdin",
                           "stdout", "stderr", "core", "ptmx"}) {
    sys.add_missing(root + "/dev/" + name);
  }
}

Calls mounts_only(const Calls& calls) {
  Calls out;
  std::copy_if(calls.begin(), calls.end(), std::back_inserter(out),
               [](const std::string& c) { return c.rfind("mount ", 0) == 0; });
  return out;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

// The existing setup's mounts as the plan makes them. The differences, each harmless:
// * "/" is made private by the isolator before prepare_rootfs; the plan does it itself.
// * /dev's nodes: the existing setup makes them on a tmpfs of its own (64k) that the nodev /dev
//   covers, and binds them from there; the plan binds the host's /dev nodes (same numbers).
// * Masked and read-only paths come after pivot_root, so they are named from the new root.
Calls existing_mounts(const std::vector<CgroupFilesystem>& cgroups) {
  testing::RecordingSyscalls sys;
  describe_image(sys, "/rootfs");
  const char* failed = nullptr;
  EXPECT_TRUE(prepare_rootfs(sys.table(), "/rootfs", cgroups, &failed));
  Calls out{"mount - / - rec,private -"};
  const auto hidden = [](const std::string& call) {
    for (const auto& p : docker_masked_paths()) {
      if (call.find(" /rootfs" + p + " ") != std::string::npos) return true;
    }
    for (const auto& p : docker_readonly_paths()) {
      if (call.find(" /rootfs" + p + " ") != std::string::npos) return true;
    }
    return false;
  };
  for (std::string call : mounts_only(sys.calls())) {
    if (call == "mount tmpfs /rootfs/dev tmpfs nosuid mode=755,size=64k") continue;
    if (hidden(call)) {
      replace_all(call, "/rootfs/", "/");
    } else if (call.rfind("mount /rootfs/dev/", 0) == 0) {
      call.replace(0, std::string("mount /rootfs").size(), "mount ");
    }
    out.push_back(call);
  }
  return out;
}

Calls planned_mounts(const std::vector<CgroupFilesystem>& cgroups) {
  testing::RecordingSyscalls sys;
  describe_image(sys, "/rootfs");
  describe_image(sys, "");
  // What the kernel reports for a path on /proc, mounted nosuid,nodev,noexec.
  for (const auto& p : docker_readonly_paths()) {
    sys.set_statfs_flags(p, ST_NOSUID | ST_NODEV | ST_NOEXEC);
  }
  ContainerPlan plan;
  plan.rootfs = "/rootfs";
  apply_docker_defaults(plan, cgroups);
  const char* failed = nullptr;
  EXPECT_TRUE(mount_planned_rootfs(sys.table(), plan, &failed)) << failed;
  EXPECT_TRUE(enter_rootfs(sys.table(), "/rootfs"));
  EXPECT_TRUE(finish_planned_rootfs(sys.table(), plan, &failed)) << failed;
  EXPECT_EQ(sys.open_fds(), 0u);
  return mounts_only(sys.calls());
}

std::string listing(const Calls& calls) {
  std::string out;
  for (const auto& c : calls) out += "  " + c + "\n";
  return out;
}

void expect_same_mounts(const std::vector<CgroupFilesystem>& cgroups) {
  Calls existing = existing_mounts(cgroups);
  Calls planned = planned_mounts(cgroups);
  ASSERT_GT(existing.size(), 20u);
  // Order differs only where harmless: the plan binds /dev's nodes after all its mounts (after
  // /dev/pts, /dev/shm, /dev/mqueue, /sys and the cgroups); the existing setup before /dev/pts.
  auto is_node = [](const std::string& c) { return c.rfind("mount /dev/", 0) == 0; };
  Calls existing_rest, planned_rest;
  std::copy_if(existing.begin(), existing.end(), std::back_inserter(existing_rest),
               [&](const std::string& c) { return !is_node(c); });
  std::copy_if(planned.begin(), planned.end(), std::back_inserter(planned_rest),
               [&](const std::string& c) { return !is_node(c); });
  EXPECT_EQ(existing_rest, planned_rest) << "existing:\n"
                                         << listing(existing) << "planned:\n"
                                         << listing(planned);
  std::sort(existing.begin(), existing.end());
  std::sort(planned.begin(), planned.end());
  EXPECT_EQ(existing, planned);
}

TEST(DockerDefaults, PlanMountsWhatTheIsolatorMountsOnCgroupV2) { expect_same_mounts(kUnified); }

TEST(DockerDefaults, PlanMountsWhatTheIsolatorMountsOnTheHybrid) { expect_same_mounts(kHybrid); }

TEST(DockerDefaults, PlanMountsWhatTheIsolatorMountsWithoutCgroups) { expect_same_mounts({}); }

TEST(DockerDefaults, RootfsIsNodevSoOnlyDevsNodesOpen) {
  ContainerPlan plan;
  apply_docker_defaults(plan, kUnified);
  EXPECT_EQ(plan.rootfs_flags, static_cast<unsigned long>(MS_NODEV));
  const auto dev = std::find_if(plan.mounts.begin(), plan.mounts.end(),
                                [](const MountPlan& m) { return m.destination == "/dev"; });
  ASSERT_NE(dev, plan.mounts.end());
  EXPECT_NE(dev->flags & MS_NODEV, 0u);
}

}  // namespace
}  // namespace mydocker::isolation
