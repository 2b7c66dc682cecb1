// The cgroup library on fixture trees (cgroup_fixture.hpp): v1, v2 and the v1/v2 hybrid of
// this project's own test machine, without root and without touching the host's cgroups.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cgroup.hpp"
#include "cgroup_files.hpp"
#include "cgroup_fixture.hpp"
#include "cgroup_layout.hpp"
#include "cgroup_lease.hpp"
#include "cgroup_limits.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::isolation::cgroups {
namespace {

ResourceLimits memory_limit(std::int64_t bytes) {
  ResourceLimits limits;
  limits.memory_bytes = bytes;
  return limits;
}

// ---- layout ----

TEST(CgroupLayout, ParsesCgroupLinesOfMountinfoAndUnescapesPaths) {
  const auto mounts = parse_cgroup_mounts(
      "30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
      "31 30 0:28 /deep /sys/fs/cgroup/cpu\\040x rw,relatime shared:9 - cgroup cgroup "
      "rw,cpu,cpuacct\n"
      "40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw,nsdelegate\n"
      "garbage line\n");
  ASSERT_EQ(mounts.size(), 2u);
  EXPECT_EQ(mounts[0].type, "cgroup");
  EXPECT_EQ(mounts[0].mount_point, "/sys/fs/cgroup/cpu x");
  EXPECT_EQ(mounts[0].root, "/deep");
  EXPECT_EQ(mounts[0].options, (std::vector<std::string>{"rw", "cpu", "cpuacct"}));
  EXPECT_EQ(mounts[1].type, "cgroup2");
  EXPECT_EQ(mounts[1].mount_point, "/sys/fs/cgroup/unified");
}

TEST(CgroupLayout, ParsesProcSelfCgroup) {
  const auto lines = parse_process_cgroups("4:memory:/a/b\n1:cpu,cpuacct:/\n0::/user.slice\n");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].controllers, std::vector<std::string>{"memory"});
  EXPECT_EQ(lines[0].path, "/a/b");
  EXPECT_EQ(lines[1].controllers, (std::vector<std::string>{"cpu", "cpuacct"}));
  EXPECT_TRUE(lines[2].controllers.empty());
  EXPECT_EQ(lines[2].path, "/user.slice");
}

TEST(CgroupLayout, TellsV1V2AndHybridApart) {
  FixtureTree hybrid;
  hybrid.hybrid();
  EXPECT_EQ(CgroupLayout::read(hybrid.roots()).version(), CgroupVersion::hybrid);

  FixtureTree unified;
  unified.unified();
  EXPECT_EQ(CgroupLayout::read(unified.roots()).version(), CgroupVersion::v2);

  FixtureTree v1;
  v1.v1("memory", "rw,memory");
  v1.finish("4:memory:/\n");
  EXPECT_EQ(CgroupLayout::read(v1.roots()).version(), CgroupVersion::v1);
  EXPECT_STREQ(describe(CgroupVersion::hybrid), "hybrid (v1 and v2)");
}

TEST(CgroupLayout, V1ParentIsTheCallersCgroupInTheControllersHierarchy) {
  FixtureTree tree;
  tree.hybrid();
  const auto layout = CgroupLayout::read(tree.roots());
  EXPECT_EQ(layout.v1_parent("memory"), tree.cg("/memory/session/run"));
  EXPECT_EQ(layout.v1_parent("pids"), tree.cg("/pids"));
  EXPECT_EQ(layout.v1_parent("cpu"), tree.cg("/cpu,cpuacct")) << "joined hierarchies";
  EXPECT_EQ(layout.v1_parent("cpuacct"), tree.cg("/cpu,cpuacct"));
  EXPECT_EQ(layout.v1_parent("devices"), "") << "not mounted";
}

TEST(CgroupLayout, V1ParentHonoursAMountOfADeeperCgroup) {
  const std::vector<CgroupMount> mounts{{"cgroup", "/c/memory", "/docker/abc", {"rw", "memory"}}};
  EXPECT_EQ(CgroupLayout("/c", mounts, parse_process_cgroups("4:memory:/docker/abc/x\n"))
                .v1_parent("memory"),
            "/c/memory/x");
  EXPECT_EQ(
      CgroupLayout("/c", mounts, parse_process_cgroups("4:memory:/other\n")).v1_parent("memory"),
      "/c/memory")
      << "a caller outside the mount's view gets the mount's top";
  EXPECT_EQ(CgroupLayout("/c", mounts, parse_process_cgroups("4:memory:/docker/abcdef\n"))
                .v1_parent("memory"),
            "/c/memory")
      << "a prefix of a name is not a parent";
}

TEST(CgroupLayout, FilesystemsAreThoseRightUnderTheRootWithoutRw) {
  FixtureTree tree;
  tree.hybrid();
  const auto filesystems = CgroupLayout::read(tree.roots()).filesystems();
  ASSERT_EQ(filesystems.size(), 5u);
  EXPECT_EQ(filesystems[0].name, "cpu,cpuacct");
  EXPECT_EQ(filesystems[0].type, "cgroup");
  EXPECT_EQ(filesystems[0].options, "cpu,cpuacct");
  EXPECT_EQ(filesystems[3].options, "name=systemd");
  EXPECT_EQ(filesystems[4].name, "unified");
  EXPECT_EQ(filesystems[4].type, "cgroup2");
  EXPECT_EQ(filesystems[4].options, "");

  FixtureTree unified;
  unified.unified();
  const auto v2 = host_cgroup_filesystems(unified.roots());
  ASSERT_EQ(v2.size(), 1u);
  EXPECT_EQ(v2[0].name, "") << "cgroup2 at the root itself";
}

// ---- a container's cgroup ----

TEST(ContainerCgroup, HybridMakesMemoryAndPidsUnderTheCallerAndRemovesThem) {
  FixtureTree tree;
  tree.hybrid();
  const std::vector<std::string> expected{tree.cg("/memory/session/run/mydocker-c1"),
                                          tree.cg("/pids/mydocker-c1")};
  {
    ContainerCgroup cgroup("c1", ResourceLimits{}, tree.roots());
    EXPECT_EQ(cgroup.paths(), expected);
    for (const auto& dir : expected) EXPECT_TRUE(fs::is_directory(dir)) << dir;
    EXPECT_EQ(tree.leases(), std::vector<std::string>{"c1.lock"});
    EXPECT_EQ(slurp(tree.roots().lease_dir + "/c1.lock"), expected[0] + "\n" + expected[1] + "\n");
  }
  for (const auto& dir : expected) EXPECT_FALSE(fs::exists(dir)) << dir;
  EXPECT_TRUE(tree.leases().empty());
}

TEST(ContainerCgroup, UnifiedMakesOneDirectoryUnderMydocker) {
  FixtureTree tree;
  tree.unified();
  {
    ContainerCgroup cgroup("c2", ResourceLimits{}, tree.roots());
    EXPECT_EQ(cgroup.paths(), std::vector<std::string>{tree.cg("/mydocker/c2")});
    // add() writes the pid to cgroup.procs, which the kernel would have made.
    tree.write(tree.cg("/mydocker/c2/cgroup.procs"), "");
    cgroup.add(::getpid());
    EXPECT_EQ(slurp(tree.cg("/mydocker/c2/cgroup.procs")), std::to_string(::getpid()));
    fs::remove(tree.cg("/mydocker/c2/cgroup.procs"));
  }
  EXPECT_FALSE(fs::exists(tree.cg("/mydocker/c2")));
  EXPECT_TRUE(fs::exists(tree.cg("/mydocker"))) << "the base stays for the next container";
}

TEST(ContainerCgroup, UnifiedEnablesMissingControllersOneByOne) {
  FixtureTree tree;
  tree.unified("");
  ContainerCgroup cgroup("c3", ResourceLimits{}, tree.roots());
  // A regular file, so each write lands at offset 0: the last one written shows.
  EXPECT_EQ(slurp(tree.cg("/cgroup.subtree_control")), "+pidsry");
  EXPECT_EQ(slurp(tree.cg("/mydocker/cgroup.subtree_control")), "+pidsry");
}

TEST(ContainerCgroup, ALimitWithoutItsControllerFailsAndLeavesNothing) {
  FixtureTree v1;
  v1.v1("pids", "rw,pids");
  v1.finish("8:pids:/\n");
  try {
    ContainerCgroup cgroup("c4", memory_limit(64 << 20), v1.roots());
    FAIL() << "no memory hierarchy";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "cgroup: cannot set memory limit: no cgroup v1 hierarchy with the memory "
                 "controller is mounted (see /proc/self/mountinfo)");
  }
  EXPECT_FALSE(fs::exists(v1.cg("/pids/mydocker-c4")));
  EXPECT_TRUE(v1.leases().empty());

  FixtureTree v2;
  v2.unified();
  v2.write(v2.cg("/cgroup.controllers"), "memory pids\n");
  ResourceLimits cpus;
  cpus.cpus = 0.5;
  try {
    ContainerCgroup cgroup("c5", cpus, v2.roots());
    FAIL() << "no cpu controller";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "cgroup: cannot set CPU limit: the cpu controller is not "
              "available (not listed in " +
                  v2.cg("/cgroup.controllers") + ")");
  }
  EXPECT_TRUE(v2.leases().empty());
}

TEST(ContainerCgroup, AFailedLimitWriteRemovesWhatWasMade) {
  FixtureTree tree;
  tree.unified();
  // The directory is empty (no kernel), so memory.max cannot be opened.
  try {
    ContainerCgroup cgroup("c6", memory_limit(64 << 20), tree.roots());
    FAIL() << "memory.max is missing";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "cgroup: cannot set memory limit: write 67108864 to " +
                                         tree.cg("/mydocker/c6/memory.max") +
                                         ": No such file or directory");
  }
  EXPECT_FALSE(fs::exists(tree.cg("/mydocker/c6")));
  EXPECT_TRUE(tree.leases().empty());
}

TEST(ContainerCgroup, AnExistingDirectoryIsNotTakenOver) {
  FixtureTree tree;
  tree.unified();
  tree.mkdir("/mydocker/c7");
  EXPECT_THROW(ContainerCgroup("c7", ResourceLimits{}, tree.roots()), Error);
  EXPECT_TRUE(fs::exists(tree.cg("/mydocker/c7"))) << "not ours, left alone";
}

TEST(ContainerCgroup, RefusesBadIdsAndLimitsBeforeTouchingAnything) {
  FixtureTree tree;
  tree.unified();
  EXPECT_THROW(ContainerCgroup("../x", ResourceLimits{}, tree.roots()), Error);
  EXPECT_THROW(ContainerCgroup("c8", memory_limit(5 << 20), tree.roots()), Error);
  EXPECT_TRUE(tree.leases().empty());
  EXPECT_FALSE(fs::exists(tree.roots().lease_dir));
}

TEST(ContainerCgroup, RefusalsByTheFileSystemAreCgroupUnavailable) {
  // What the isolator degrades on when no limit is asked for: a read-only cgroup mount, as
  // inside a docker container, or one not ours to write.
  for (const int error : {EROFS, EACCES, EPERM}) {
    EXPECT_THROW(throw_cgroup_error("cgroup: cannot create x", error), CgroupUnavailable);
  }
  EXPECT_THROW(
      try {
        throw_cgroup_error("cgroup: cannot create x", ENOSPC);
      } catch (const CgroupUnavailable&) {} catch (const Error& e) {
        EXPECT_STREQ(e.what(), "cgroup: cannot create x: No space left on device");
        throw;
      },
      Error);
}

// ---- resource-limit writers ----

class LimitWriters : public ::testing::Test {
 protected:
  // The control files a fresh cgroup directory has, empty.
  void files(std::initializer_list<const char*> names) {
    for (const char* name : names) tree.write(dir + "/" + name, "");
  }
  std::string read(const std::string& name) { return slurp(dir + "/" + name); }

  FixtureTree tree;
  std::string dir = tree.cg("/memory/mydocker-x");
};

TEST_F(LimitWriters, V1MemoryLimitsSwapToo) {
  files({"memory.limit_in_bytes", "memory.memsw.limit_in_bytes"});
  write_memory_limit_v1(dir, 67108864);
  EXPECT_EQ(read("memory.limit_in_bytes"), "67108864");
  EXPECT_EQ(read("memory.memsw.limit_in_bytes"), "67108864");
}

TEST_F(LimitWriters, V1MemoryWithoutSwapAccounting) {
  files({"memory.limit_in_bytes"});
  write_memory_limit_v1(dir, 67108864);
  EXPECT_EQ(read("memory.limit_in_bytes"), "67108864");
  EXPECT_FALSE(fs::exists(dir + "/memory.memsw.limit_in_bytes"));
}

TEST_F(LimitWriters, V2MemoryForbidsSwap) {
  files({"memory.max", "memory.swap.max"});
  write_memory_limit_v2(dir, 8388608);
  EXPECT_EQ(read("memory.max"), "8388608");
  EXPECT_EQ(read("memory.swap.max"), "0");
}

TEST_F(LimitWriters, PidsAndCpu) {
  files({"pids.max", "cpu.cfs_period_us", "cpu.cfs_quota_us", "cpu.max"});
  write_pids_limit(dir, 10);
  write_cpu_limit_v1(dir, 1.5);
  EXPECT_EQ(read("pids.max"), "10");
  EXPECT_EQ(read("cpu.cfs_period_us"), "100000");
  EXPECT_EQ(read("cpu.cfs_quota_us"), "150000");
  write_cpu_limit_v2(dir, 0.25);
  EXPECT_EQ(read("cpu.max"), "25000 100000");
}

TEST_F(LimitWriters, DockersDeviceRulesDenyAllThenAllowTheUsualDevices) {
  files({"devices.allow", "devices.deny"});
  const auto rules = docker_default_device_rules();
  write_device_rules_v1(dir, rules);
  // One write(2) per rule through one descriptor: a regular file shows them back to back.
  EXPECT_EQ(read("devices.deny"), "a *:* rwm");
  EXPECT_EQ(read("devices.allow"),
            "c *:* mb *:* mc 1:3 rwmc 1:5 rwmc 1:7 rwmc 1:8 rwmc 1:9 rwmc 5:0 rwmc 5:1 rwmc 5:2 "
            "rwmc 136:* rwmc 10:200 rwm");
}

TEST_F(LimitWriters, AMissingFileIsNamedWithTheValue) {
  try {
    write_pids_limit(dir, 10);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "cgroup: cannot set process limit: write 10 to " + dir +
                                         "/pids.max: No such file or directory");
  }
  try {
    write_device_rules_v1(dir, docker_default_device_rules());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "cgroup: cannot restrict devices: write a *:* rwm to " + dir +
                                         "/devices.deny: No such file or directory");
  }
}

TEST(CgroupLimits, ValuesTheKernelWouldTakeButNoContainerSurvivesAreRefused) {
  EXPECT_THROW(validate_limits(memory_limit(6 * 1024 * 1024 - 1)), Error);
  EXPECT_NO_THROW(validate_limits(memory_limit(6 * 1024 * 1024)));
  ResourceLimits limits;
  limits.cpus = 0.001;
  EXPECT_THROW(validate_limits(limits), Error);
  limits.cpus = 0.01;
  EXPECT_NO_THROW(validate_limits(limits));
  limits.pids = -1;
  EXPECT_THROW(validate_limits(limits), Error);
  EXPECT_FALSE(any_limit(ResourceLimits{}));
  EXPECT_TRUE(any_limit(memory_limit(6 << 20)));
}

// ---- leases and sweeping ----

TEST(CgroupSweep, RemovesWhatADeadRunListedAndNothingElse) {
  FixtureTree tree;
  tree.hybrid();
  tree.mkdir("/pids/mydocker-dead");
  tree.mkdir("/memory/mydocker-dead");
  tree.mkdir("/pids/not-ours");
  tree.mkdir("/pids/mydocker-unlisted");
  const std::string outside = tree.roots().lease_dir + "/../mydocker-outside";
  fs::create_directories(outside);
  tree.write(tree.roots().lease_dir + "/dead.lock",
             tree.cg("/pids/mydocker-dead") + "\n" + tree.cg("/memory/mydocker-dead") + "\n" +
                 tree.cg("/pids/not-ours") + "\n" + tree.cg("/pids/.hidden/mydocker-x") + "\n" +
                 outside + "\n");

  EXPECT_EQ(sweep_stale_cgroups(tree.roots()), 2u);
  EXPECT_FALSE(fs::exists(tree.cg("/pids/mydocker-dead")));
  EXPECT_FALSE(fs::exists(tree.cg("/memory/mydocker-dead")));
  EXPECT_TRUE(fs::exists(tree.cg("/pids/not-ours"))) << "not a container's name";
  EXPECT_TRUE(fs::exists(tree.cg("/pids/mydocker-unlisted"))) << "no lease lists it";
  EXPECT_TRUE(fs::exists(outside)) << "outside the cgroup root";
  EXPECT_TRUE(tree.leases().empty());
}

TEST(CgroupSweep, ALiveRunsCgroupIsNeverTouched) {
  FixtureTree tree;
  tree.unified();
  ContainerCgroup live("alive", ResourceLimits{}, tree.roots());
  // Another run starting sweeps first: the live one's lease is locked.
  ContainerCgroup other("other", ResourceLimits{}, tree.roots());
  EXPECT_EQ(sweep_stale_cgroups(tree.roots()), 0u);
  EXPECT_TRUE(fs::exists(tree.cg("/mydocker/alive")));
  EXPECT_TRUE(fs::exists(tree.cg("/mydocker/other")));
  EXPECT_EQ(tree.leases().size(), 2u);
}

TEST(CgroupSweep, AKilledRunsLeaseIsTakenByTheNextStart) {
  FixtureTree tree;
  tree.unified();
  // A run killed after its mkdir: the lease lists the directory, and nobody holds its lock.
  {
    CgroupLease lease(tree.roots().lease_dir, "killed");
    std::vector<std::string> created;
    lease.make_directory(tree.cg("/mydocker/killed"), created);
  }
  ASSERT_TRUE(fs::exists(tree.cg("/mydocker/killed")));
  ContainerCgroup next("next", ResourceLimits{}, tree.roots());
  EXPECT_FALSE(fs::exists(tree.cg("/mydocker/killed")));
  EXPECT_EQ(tree.leases(), std::vector<std::string>{"next.lock"});
}

}  // namespace
}  // namespace mydocker::isolation::cgroups
