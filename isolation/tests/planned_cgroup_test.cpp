// A ContainerPlan's cgroup: where cgroupsPath puts it on v1, v2 and the hybrid, what each
// resource writes, on fixture trees (cgroup_fixture.hpp); and, as root only, one real cgroup
// on this host that a child joins, is found in, is killed through and is removed with.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "cgroup_files.hpp"
#include "cgroup_fixture.hpp"
#include "cgroup_resources.hpp"
#include "mydocker/errors.hpp"
#include "planned_cgroup.hpp"

namespace mydocker::isolation::cgroups {
namespace {

// This machine's layout: each v1 controller in a hierarchy of its own but cpu and cpuacct
// joined, a named systemd hierarchy and cgroup2 at <root>/unified; the caller in a nested
// memory cgroup and in /user.slice of the unified one.
void host_hybrid(FixtureTree& tree) {
  tree.v1("cpu,cpuacct", "rw,cpu,cpuacct");
  tree.v1("cpuset", "rw,cpuset");
  tree.v1("memory", "rw,memory");
  tree.v1("devices", "rw,devices");
  tree.v1("pids", "rw,pids");
  tree.v1("systemd", "rw,name=systemd");
  tree.v2_at("/unified");
  tree.mkdir("/memory/session/run");
  tree.mkdir("/unified/user.slice");
  tree.finish(
      "9:name=systemd:/\n8:pids:/\n5:devices:/\n4:memory:/session/run\n3:cpuset:/\n"
      "1:cpu,cpuacct:/\n0::/user.slice\n");
}

CgroupPlan at(const std::string& path) {
  CgroupPlan plan;
  plan.path = path;
  return plan;
}

std::vector<std::string> under(const FixtureTree& tree, std::initializer_list<const char*> dirs) {
  std::vector<std::string> out;
  for (const char* dir : dirs) out.push_back(tree.cg(dir));
  return out;
}

void expect_directories(const std::vector<std::string>& paths) {
  for (const auto& dir : paths) EXPECT_TRUE(fs::is_directory(dir)) << dir;
}

// The message of the Error `make` throws, or a failure.
template <typename Make>
std::string error_of(Make make) {
  try {
    make();
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error";
  return "";
}

// ---- where the directories go ----

TEST(PlannedCgroupPaths, AbsoluteOnTheHybridIsBelowEveryHierarchysTopAndTheUnifiedOne) {
  FixtureTree tree;
  host_hybrid(tree);
  const auto paths = create_planned_cgroup(at("/libpod_parent/libpod-c1"), "c1", tree.roots());
  EXPECT_EQ(paths,
            under(tree, {"/cpu,cpuacct/libpod_parent/libpod-c1", "/cpuset/libpod_parent/libpod-c1",
                         "/memory/libpod_parent/libpod-c1", "/devices/libpod_parent/libpod-c1",
                         "/pids/libpod_parent/libpod-c1", "/systemd/libpod_parent/libpod-c1",
                         "/unified/libpod_parent/libpod-c1"}));
  expect_directories(paths);
}

TEST(PlannedCgroupPaths, RelativeOnTheHybridIsBelowTheCallersCgroupInEach) {
  FixtureTree tree;
  host_hybrid(tree);
  const auto paths = create_planned_cgroup(at("foo/bar"), "c2", tree.roots());
  EXPECT_EQ(paths, under(tree, {"/cpu,cpuacct/foo/bar", "/cpuset/foo/bar",
                                "/memory/session/run/foo/bar", "/devices/foo/bar", "/pids/foo/bar",
                                "/systemd/foo/bar", "/unified/user.slice/foo/bar"}));
  expect_directories(paths);
}

TEST(PlannedCgroupPaths, EmptyIsTheIdBelowTheCallersCgroupAsRuncDoes) {
  FixtureTree tree;
  host_hybrid(tree);
  const auto paths = create_planned_cgroup(CgroupPlan{}, "c3", tree.roots());
  EXPECT_EQ(paths[2], tree.cg("/memory/session/run/c3"));
  EXPECT_EQ(paths[4], tree.cg("/pids/c3"));
  EXPECT_EQ(paths.back(), tree.cg("/unified/user.slice/c3"));
  expect_directories(paths);
}

TEST(PlannedCgroupPaths, V1AloneHasNoUnifiedDirectory) {
  FixtureTree tree;
  tree.v1("memory", "rw,memory");
  tree.v1("pids", "rw,pids");
  tree.finish("4:memory:/a\n3:pids:/\n");
  tree.mkdir("/memory/a");
  EXPECT_EQ(create_planned_cgroup(at("/default/c4"), "c4", tree.roots()),
            under(tree, {"/memory/default/c4", "/pids/default/c4"}));
  EXPECT_EQ(create_planned_cgroup(at("x"), "c5", tree.roots()),
            under(tree, {"/memory/a/x", "/pids/x"}));
}

TEST(PlannedCgroupPaths, V2AbsoluteIsBelowTheRootAndRelativeBelowTheCallersParent) {
  FixtureTree tree;
  tree.unified();
  tree.mkdir("/user.slice/session-1.scope");
  EXPECT_EQ(create_planned_cgroup(at("/machine/c6"), "c6", tree.roots()),
            under(tree, {"/machine/c6"}));
  EXPECT_EQ(create_planned_cgroup(at("pod/c7"), "c7", tree.roots()),
            under(tree, {"/user.slice/pod/c7"}));
  EXPECT_EQ(create_planned_cgroup(CgroupPlan{}, "c8", tree.roots()),
            under(tree, {"/user.slice/c8"}));
  expect_directories(under(tree, {"/machine/c6", "/user.slice/pod/c7", "/user.slice/c8"}));
}

TEST(PlannedCgroupPaths, AnExistingDirectoryIsReused) {
  FixtureTree tree;
  tree.unified();
  tree.mkdir("/machine/c9");
  EXPECT_EQ(create_planned_cgroup(at("/machine/c9"), "c9", tree.roots()),
            under(tree, {"/machine/c9"}));
}

TEST(PlannedCgroupPaths, DotsAndBadIdsAreRefusedBeforeAnythingIsMade) {
  FixtureTree tree;
  host_hybrid(tree);
  EXPECT_EQ(error_of([&] { create_planned_cgroup(at("/a/../../etc"), "x", tree.roots()); }),
            "cgroup: invalid cgroupsPath \"/a/../../etc\": \"..\" is not allowed in it");
  EXPECT_EQ(error_of([&] { create_planned_cgroup(at("//"), "x", tree.roots()); }),
            "cgroup: invalid cgroupsPath \"//\": it names no cgroup");
  EXPECT_EQ(error_of([&] { create_planned_cgroup(CgroupPlan{}, "a/b", tree.roots()); }),
            "cgroup: invalid container id \"a/b\"");
  EXPECT_FALSE(fs::exists(tree.cg("/pids/a")));
}

// ---- what the resources write ----

// A plan setting every resource, and a v1 hybrid whose container directories exist already
// with the control files the kernel would have made, empty.
class PlannedResources : public ::testing::Test {
 protected:
  PlannedResources() {
    plan.path = "/ctr";
    plan.memory_limit = 67108864;
    plan.memory_reservation = 33554432;
    plan.memory_swap = 134217728;
    plan.pids_limit = 64;
    plan.cpu_shares = 1024;
    plan.cpu_quota = 50000;
    plan.cpu_period = 100000;
    plan.cpuset_cpus = "0";
    plan.cpuset_mems = "0";
    plan.device_rules = {{false, 'a', -1, -1, "rwm"},
                         {true, 'c', 1, 3, "rwm"},
                         {true, 'c', -1, -1, "m"},
                         {true, 'b', 8, 20, "rw"}};
  }
  void files(const std::string& dir, std::initializer_list<const char*> names) {
    for (const char* name : names) tree.write(tree.cg(dir) + "/" + name, "");
  }
  std::string read(const std::string& file) { return slurp(tree.cg(file)); }

  FixtureTree tree;
  CgroupPlan plan;
};

TEST_F(PlannedResources, V1WritesEachValueToItsHierarchy) {
  host_hybrid(tree);
  files("/memory/ctr",
        {"memory.limit_in_bytes", "memory.soft_limit_in_bytes", "memory.memsw.limit_in_bytes"});
  files("/pids/ctr", {"pids.max"});
  files("/cpu,cpuacct/ctr", {"cpu.shares", "cpu.cfs_quota_us", "cpu.cfs_period_us"});
  // Not empty, so nothing is inherited: what shows is the plan's.
  tree.write(tree.cg("/cpuset/ctr/cpuset.cpus"), "1");
  tree.write(tree.cg("/cpuset/ctr/cpuset.mems"), "1");
  files("/devices/ctr", {"devices.allow", "devices.deny"});

  create_planned_cgroup(plan, "ctr", tree.roots());
  EXPECT_EQ(read("/memory/ctr/memory.limit_in_bytes"), "67108864");
  EXPECT_EQ(read("/memory/ctr/memory.soft_limit_in_bytes"), "33554432");
  EXPECT_EQ(read("/memory/ctr/memory.memsw.limit_in_bytes"), "134217728");
  EXPECT_EQ(read("/pids/ctr/pids.max"), "64");
  EXPECT_EQ(read("/cpu,cpuacct/ctr/cpu.shares"), "1024");
  EXPECT_EQ(read("/cpu,cpuacct/ctr/cpu.cfs_quota_us"), "50000");
  EXPECT_EQ(read("/cpu,cpuacct/ctr/cpu.cfs_period_us"), "100000");
  EXPECT_EQ(read("/cpuset/ctr/cpuset.cpus"), "0");
  EXPECT_EQ(read("/cpuset/ctr/cpuset.mems"), "0");
  // One write(2) per rule through one descriptor: a regular file shows them back to back, in
  // the plan's order.
  EXPECT_EQ(read("/devices/ctr/devices.deny"), "a *:* rwm");
  EXPECT_EQ(read("/devices/ctr/devices.allow"), "c 1:3 rwmc *:* mb 8:20 rw");
}

TEST_F(PlannedResources, V1UnlimitedValuesAreMinusOneAndPidsMax) {
  host_hybrid(tree);
  files("/memory/ctr", {"memory.limit_in_bytes", "memory.memsw.limit_in_bytes"});
  files("/pids/ctr", {"pids.max"});
  files("/cpu,cpuacct/ctr", {"cpu.cfs_quota_us"});
  CgroupPlan unlimited = at("/ctr");
  unlimited.memory_limit = -1;
  unlimited.memory_swap = -1;
  unlimited.pids_limit = -1;
  unlimited.cpu_quota = -1;
  create_planned_cgroup(unlimited, "ctr", tree.roots());
  EXPECT_EQ(read("/memory/ctr/memory.limit_in_bytes"), "-1");
  EXPECT_EQ(read("/memory/ctr/memory.memsw.limit_in_bytes"), "-1");
  EXPECT_EQ(read("/pids/ctr/pids.max"), "max");
  EXPECT_EQ(read("/cpu,cpuacct/ctr/cpu.cfs_quota_us"), "-1");
}

TEST_F(PlannedResources, V1WithoutSwapAccountingLeavesSwapAlone) {
  host_hybrid(tree);
  files("/memory/ctr", {"memory.limit_in_bytes"});
  CgroupPlan memory = at("/ctr");
  memory.memory_limit = 67108864;
  memory.memory_swap = 134217728;
  create_planned_cgroup(memory, "ctr", tree.roots());
  EXPECT_EQ(read("/memory/ctr/memory.limit_in_bytes"), "67108864");
  EXPECT_FALSE(fs::exists(tree.cg("/memory/ctr/memory.memsw.limit_in_bytes")));
}

TEST_F(PlannedResources, V2WritesTheUnifiedFilesAndConvertsSharesAndSwap) {
  tree.unified("");
  files("/ctr", {"memory.max", "memory.low", "memory.swap.max", "pids.max", "cpu.weight", "cpu.max",
                 "cpuset.cpus", "cpuset.mems"});
  create_planned_cgroup(plan, "ctr", tree.roots());
  EXPECT_EQ(read("/ctr/memory.max"), "67108864");
  EXPECT_EQ(read("/ctr/memory.low"), "33554432");
  EXPECT_EQ(read("/ctr/memory.swap.max"), "67108864") << "memory+swap minus memory";
  EXPECT_EQ(read("/ctr/pids.max"), "64");
  EXPECT_EQ(read("/ctr/cpu.weight"), "39") << "1 + (1022 * 9999) / 262142";
  EXPECT_EQ(read("/ctr/cpu.max"), "50000 100000");
  EXPECT_EQ(read("/ctr/cpuset.cpus"), "0");
  EXPECT_EQ(read("/ctr/cpuset.mems"), "0");
  EXPECT_FALSE(fs::exists(tree.cg("/ctr/devices.allow"))) << "v2 device rules need eBPF";
  // The controllers the limits need, enabled one by one where the container's directory
  // hangs; a regular file shows the last one.
  EXPECT_EQ(read("/cgroup.subtree_control"), "+cpuset");
}

TEST_F(PlannedResources, V2UnlimitedIsMax) {
  tree.unified();
  files("/ctr", {"memory.max", "memory.swap.max", "pids.max", "cpu.max"});
  CgroupPlan unlimited = at("/ctr");
  unlimited.memory_limit = -1;
  unlimited.memory_swap = -1;
  unlimited.pids_limit = 0;
  unlimited.cpu_quota = -1;
  unlimited.cpu_period = 250000;
  create_planned_cgroup(unlimited, "ctr", tree.roots());
  EXPECT_EQ(read("/ctr/memory.max"), "max");
  EXPECT_EQ(read("/ctr/memory.swap.max"), "max");
  EXPECT_EQ(read("/ctr/pids.max"), "max");
  EXPECT_EQ(read("/ctr/cpu.max"), "max 250000");
}

TEST(CpuWeight, ConvertsSharesAsCrunDoes) {
  EXPECT_EQ(cpu_weight(2), 1u);
  EXPECT_EQ(cpu_weight(1024), 39u);
  EXPECT_EQ(cpu_weight(262144), 10000u);
  EXPECT_EQ(cpu_weight(1), 1u) << "below the kernel's range";
  EXPECT_EQ(cpu_weight(1u << 30), 10000u) << "above it";
}

TEST_F(PlannedResources, V1CpusetDirectoriesInheritTheirParentsValuesTopDown) {
  tree.v1("cpuset", "rw,cpuset");
  tree.finish("3:cpuset:/\n");
  tree.write(tree.cg("/cpuset/cpuset.cpus"), "0-3\n");
  tree.write(tree.cg("/cpuset/cpuset.mems"), "0\n");
  files("/cpuset/pod", {"cpuset.cpus", "cpuset.mems"});
  files("/cpuset/pod/ctr", {"cpuset.cpus", "cpuset.mems"});
  create_planned_cgroup(at("/pod/ctr"), "ctr", tree.roots());
  EXPECT_EQ(read("/cpuset/pod/cpuset.cpus"), "0-3");
  EXPECT_EQ(read("/cpuset/pod/cpuset.mems"), "0");
  EXPECT_EQ(read("/cpuset/pod/ctr/cpuset.cpus"), "0-3");
  EXPECT_EQ(read("/cpuset/pod/ctr/cpuset.mems"), "0");
}

TEST_F(PlannedResources, AFailedWriteNamesFileAndValueAndRemovesWhatWasMade) {
  host_hybrid(tree);
  const std::string file = tree.cg("/memory/libpod_parent/ctr/memory.limit_in_bytes");
  CgroupPlan memory = at("/libpod_parent/ctr");
  memory.memory_limit = 67108864;
  EXPECT_EQ(
      error_of([&] { create_planned_cgroup(memory, "ctr", tree.roots()); }),
      "cgroup: cannot set memory limit: write 67108864 to " + file + ": No such file or directory");
  EXPECT_FALSE(fs::exists(tree.cg("/memory/libpod_parent")));
  EXPECT_FALSE(fs::exists(tree.cg("/unified/libpod_parent")));
  EXPECT_TRUE(fs::exists(tree.cg("/memory/session/run"))) << "not ours";
}

TEST_F(PlannedResources, MissingControllersAndImpossibleSwapAreNamed) {
  tree.v1("pids", "rw,pids");
  tree.finish("8:pids:/\n");
  CgroupPlan cpus = at("/ctr");
  cpus.cpuset_cpus = "0";
  EXPECT_EQ(error_of([&] { create_planned_cgroup(cpus, "ctr", tree.roots()); }),
            "cgroup: cannot set the cpuset: no cgroup v1 hierarchy with the cpuset controller is "
            "mounted (see /proc/self/mountinfo)");
  EXPECT_FALSE(fs::exists(tree.cg("/pids/ctr")));

  FixtureTree v2;
  v2.unified();
  v2.write(v2.cg("/cgroup.controllers"), "memory pids\n");
  CgroupPlan shares = at("/ctr");
  shares.cpu_shares = 512;
  EXPECT_EQ(error_of([&] { create_planned_cgroup(shares, "ctr", v2.roots()); }),
            "cgroup: cannot set CPU limits: the cpu controller is not available (not listed in " +
                v2.cg("/cgroup.controllers") + ")");
  CgroupPlan swap = at("/ctr");
  swap.memory_limit = 67108864;
  swap.memory_swap = 1048576;
  v2.write(v2.cg("/ctr/memory.max"), "");
  EXPECT_EQ(error_of([&] { create_planned_cgroup(swap, "ctr", v2.roots()); }),
            "cgroup: cannot set swap limit in " + v2.cg("/ctr/memory.swap.max") +
                ": memory+swap 1048576 is below the memory limit 67108864");
}

// ---- joining, finding, signalling, removing ----

// A child that waits for a signal, killed and reaped at the end whatever happens.
class SleepingChild {
 public:
  SleepingChild() : pid_(::fork()) {
    if (pid_ == 0) {
      ::pause();
      ::_exit(0);
    }
  }
  ~SleepingChild() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      wait_status();
    }
  }
  SleepingChild(const SleepingChild&) = delete;
  SleepingChild& operator=(const SleepingChild&) = delete;

  pid_t pid() const { return pid_; }
  int wait_status() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    reaped_ = true;
    return status;
  }

 private:
  pid_t pid_;
  bool reaped_ = false;
};

TEST(PlannedCgroupProcesses, JoinWritesEveryDirectoryAndProcessesAreReadOnceEach) {
  FixtureTree tree;
  tree.unified();
  const auto dirs = under(tree, {"/a", "/b"});
  for (const auto& dir : dirs) tree.write(dir + "/cgroup.procs", "");
  join_cgroup(dirs, 4242);
  EXPECT_EQ(slurp(dirs[0] + "/cgroup.procs"), "4242");
  EXPECT_EQ(slurp(dirs[1] + "/cgroup.procs"), "4242");

  // v1 may list a process twice; sub-cgroups the container made count too.
  tree.write(dirs[0] + "/cgroup.procs", "7\n3\n7\n");
  tree.write(dirs[0] + "/sub/cgroup.procs", "5\n");
  EXPECT_EQ(cgroup_processes(dirs), (std::vector<pid_t>{3, 5, 7}));
  EXPECT_EQ(cgroup_processes({tree.cg("/missing"), dirs[1]}), std::vector<pid_t>{4242});
  EXPECT_TRUE(cgroup_processes({tree.cg("/missing")}).empty());

  EXPECT_EQ(error_of([&] { join_cgroup({tree.cg("/missing")}, 4242); }),
            "cgroup: cannot move process 4242 into the container's cgroup: write 4242 to " +
                tree.cg("/missing/cgroup.procs") + ": No such file or directory");
}

TEST(PlannedCgroupProcesses, SignalReachesEachProcessListed) {
  FixtureTree tree;
  tree.unified();
  SleepingChild child;
  ASSERT_GT(child.pid(), 0);
  tree.write(tree.cg("/a/cgroup.procs"),
             std::to_string(child.pid()) + "\n" + std::to_string(::getpid()) + "\n");
  EXPECT_EQ(signal_cgroup({tree.cg("/a")}, SIGTERM), 1u) << "never the caller itself";
  const int status = child.wait_status();
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << status;
}

TEST(PlannedCgroupProcesses, SigkillGoesThroughCgroupKillWhereThereIsOne) {
  FixtureTree tree;
  tree.unified();
  SleepingChild child;
  ASSERT_GT(child.pid(), 0);
  tree.write(tree.cg("/a/cgroup.procs"), std::to_string(child.pid()) + "\n");
  tree.write(tree.cg("/a/cgroup.kill"), "");
  EXPECT_EQ(signal_cgroup({tree.cg("/a")}, SIGKILL), 1u);
  EXPECT_EQ(slurp(tree.cg("/a/cgroup.kill")), "1");
  EXPECT_EQ(::waitpid(child.pid(), nullptr, WNOHANG), 0) << "a regular file kills nobody";
}

TEST(PlannedCgroupProcesses, SigkillSparesACallerInsideTheCgroup) {
  FixtureTree tree;
  tree.unified();
  SleepingChild child;
  ASSERT_GT(child.pid(), 0);
  tree.write(tree.cg("/a/cgroup.procs"),
             std::to_string(::getpid()) + "\n" + std::to_string(child.pid()) + "\n");
  tree.write(tree.cg("/a/cgroup.kill"), "");
  EXPECT_EQ(signal_cgroup({tree.cg("/a")}, SIGKILL), 1u);
  EXPECT_EQ(slurp(tree.cg("/a/cgroup.kill")), "") << "cgroup.kill would take the caller too";
  const int status = child.wait_status();
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;
}

TEST(PlannedCgroupRemoval, RemovesSubCgroupsFirstAndIsSafeToRepeat) {
  FixtureTree tree;
  tree.unified();
  tree.mkdir("/a/sub/deeper");
  tree.mkdir("/b");
  const auto dirs = under(tree, {"/a", "/b"});
  EXPECT_TRUE(remove_cgroup(dirs));
  EXPECT_FALSE(fs::exists(tree.cg("/a")));
  EXPECT_FALSE(fs::exists(tree.cg("/b")));
  EXPECT_TRUE(remove_cgroup(dirs)) << "already gone";

  tree.write(tree.cg("/c/file"), "");
  EXPECT_FALSE(remove_cgroup({tree.cg("/c")})) << "not a cgroup: rmdir fails";
}

// ---- this host, as root ----

TEST(PlannedCgroupOnThisHost, LimitsJoinFindKillRemove) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to make cgroups";
  CgroupPlan plan = at("/mydocker-planned-test-" + std::to_string(::getpid()));
  plan.memory_limit = 64 << 20;
  plan.pids_limit = 16;
  std::vector<std::string> paths;
  try {
    paths = create_planned_cgroup(plan, "unused");
  } catch (const CgroupUnavailable& e) {
    GTEST_SKIP() << "the cgroup file systems refuse us here: " << e.what();
  }
  struct Cleanup {
    const std::vector<std::string>& paths;
    ~Cleanup() { remove_cgroup(paths); }
  } cleanup{paths};
  expect_directories(paths);
  bool memory = false;
  bool pids = false;
  for (const auto& dir : paths) {
    if (fs::exists(dir + "/memory.limit_in_bytes")) {
      EXPECT_EQ(slurp(dir + "/memory.limit_in_bytes"), "67108864\n");
      memory = true;
    } else if (fs::exists(dir + "/memory.max")) {
      EXPECT_EQ(slurp(dir + "/memory.max"), "67108864\n");
      memory = true;
    }
    if (fs::exists(dir + "/pids.max")) {
      EXPECT_EQ(slurp(dir + "/pids.max"), "16\n");
      pids = true;
    }
    // A new v1 cpuset directory is filled from its parent's, or nobody could join it.
    if (fs::exists(dir + "/cpuset.cpus") && !fs::exists(dir + "/cgroup.controllers")) {
      EXPECT_EQ(slurp(dir + "/cpuset.cpus"), slurp(fs::path(dir).parent_path() / "cpuset.cpus"));
    }
  }
  EXPECT_TRUE(memory && pids);
  if (CgroupLayout::read(CgroupRoots{}).version() == CgroupVersion::hybrid) {
    EXPECT_EQ(paths.back(), "/sys/fs/cgroup/unified" + plan.path) << "the hybrid's cgroup2 half";
  }

  SleepingChild child;
  ASSERT_GT(child.pid(), 0);
  join_cgroup(paths, child.pid());
  EXPECT_EQ(cgroup_processes(paths), std::vector<pid_t>{child.pid()});
  EXPECT_EQ(signal_cgroup(paths, SIGKILL), 1u);
  const int status = child.wait_status();
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;

  EXPECT_TRUE(remove_cgroup(paths));
  for (const auto& dir : paths) EXPECT_FALSE(fs::exists(dir)) << dir;
}

}  // namespace
}  // namespace mydocker::isolation::cgroups
