// A ContainerPlan's file system view, mount by mount, without root: mount_planned_rootfs and
// finish_planned_rootfs run against a recording Syscalls table (recording_syscalls.hpp).
#include "plan_rootfs.hpp"

#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <vector>

#include "recording_syscalls.hpp"

namespace mydocker::isolation {
namespace {

using Calls = std::vector<std::string>;

class PlanRootfs : public ::testing::Test {
 protected:
  PlanRootfs() {
    plan_.rootfs = "/rootfs";
    // The fake answers "a directory" for every path it is not told about; an image's /dev has
    // none of the entries made here.
    for (const char* name : {"null", "zero", "full", "random", "urandom", "tty", "fd", "stdin",
                             "stdout", "stderr", "core", "ptmx"}) {
      sys_.add_missing(std::string("/rootfs/dev/") + name);
    }
  }

  bool mount_all() {
    failed_ = nullptr;
    return mount_planned_rootfs(sys_.table(), plan_, &failed_);
  }
  bool finish() {
    failed_ = nullptr;
    return finish_planned_rootfs(sys_.table(), plan_, &failed_);
  }
  const Calls& calls() const { return sys_.calls(); }
  std::size_t index_of(const std::string& call) const {
    const auto it = std::find(calls().begin(), calls().end(), call);
    EXPECT_NE(it, calls().end()) << "no call \"" << call << "\" in\n" << listing();
    return static_cast<std::size_t>(it - calls().begin());
  }
  bool has(const std::string& call) const {
    return std::find(calls().begin(), calls().end(), call) != calls().end();
  }
  bool has_prefix(const std::string& prefix) const {
    return std::any_of(calls().begin(), calls().end(),
                       [&](const std::string& c) { return c.rfind(prefix, 0) == 0; });
  }
  std::string listing() const {
    std::string out;
    for (const auto& c : calls()) out += "  " + c + "\n";
    return out;
  }

  testing::RecordingSyscalls sys_;
  ContainerPlan plan_;
  const char* failed_ = nullptr;
};

TEST_F(PlanRootfs, RootIsSlaveByDefaultThenTheRootfsIsBoundOntoItself) {
  ASSERT_TRUE(mount_all()) << listing();
  ASSERT_GE(calls().size(), 2u);
  EXPECT_EQ(calls()[0], "mount - / - rec,slave -");
  EXPECT_EQ(calls()[1], "mount /rootfs /rootfs - bind,rec -");
  EXPECT_FALSE(has("mount - /rootfs - nodev,remount,bind -")) << "no rootfs_flags, no remount";
}

TEST_F(PlanRootfs, RootGetsThePlansPropagationAndTheRootfsItsFlags) {
  plan_.rootfs_propagation = MS_REC | MS_SHARED;
  plan_.rootfs_flags = MS_NODEV;
  ASSERT_TRUE(mount_all()) << listing();
  EXPECT_EQ(calls()[0], "mount - / - rec,shared -");
  EXPECT_EQ(calls()[2], "mount - /rootfs - nodev,remount,bind -");
}

TEST_F(PlanRootfs, MountsFollowThePlansOrderWithTheirFlagsAndData) {
  plan_.mounts = {{"/proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, 0, ""},
                  {"/tmp", "tmpfs", "tmpfs", MS_NOSUID | MS_STRICTATIME, 0, "mode=1777,size=1m"},
                  {"/dev/mqueue", "mqueue", "mqueue", MS_NOSUID, 0, ""}};
  ASSERT_TRUE(mount_all()) << listing();
  const auto proc = index_of("mount proc /rootfs/proc proc nosuid,nodev,noexec -");
  const auto tmp = index_of("mount tmpfs /rootfs/tmp tmpfs nosuid,strictatime mode=1777,size=1m");
  const auto mqueue = index_of("mount mqueue /rootfs/dev/mqueue mqueue nosuid -");
  EXPECT_LT(proc, tmp);
  EXPECT_LT(tmp, mqueue);
}

TEST_F(PlanRootfs, MissingDestinationDirectoriesAreMadeOneByOne) {
  sys_.add_missing("/rootfs/data");
  sys_.add_missing("/rootfs/data/cache");
  plan_.mounts = {{"/data/cache", "bind", "/host/cache", MS_BIND | MS_REC, 0, ""}};
  ASSERT_TRUE(mount_all()) << listing();
  const auto data = index_of("mkdir /rootfs/data 0755");
  const auto cache = index_of("mkdir /rootfs/data/cache 0755");
  const auto bind = index_of("mount /host/cache /rootfs/data/cache - bind,rec -");
  EXPECT_LT(data, cache);
  EXPECT_LT(cache, bind);
  EXPECT_FALSE(has_prefix("mount - /rootfs/data/cache")) << "nothing to remount";
}

TEST_F(PlanRootfs, AFileBindGetsAnEmptyFileAndItsFlagsThroughARemount) {
  sys_.add_file("/host/hosts");
  sys_.add_missing("/rootfs/etc/hosts");
  plan_.mounts = {{"/etc/hosts", "bind", "/host/hosts", MS_BIND | MS_RDONLY | MS_NOSUID, 0, ""}};
  ASSERT_TRUE(mount_all()) << listing();
  const auto file = index_of("mknod /rootfs/etc/hosts file");
  const auto bind = index_of("mount /host/hosts /rootfs/etc/hosts - bind -");
  const auto remount = index_of("mount - /rootfs/etc/hosts - rdonly,nosuid,remount,bind -");
  EXPECT_LT(file, bind);
  EXPECT_EQ(bind + 1, remount);
}

TEST_F(PlanRootfs, PropagationIsSetOnTheNewMountAfterwards) {
  plan_.mounts = {{"/shared", "bind", "/host/shared", MS_BIND | MS_REC, MS_REC | MS_SHARED, ""}};
  ASSERT_TRUE(mount_all()) << listing();
  const auto bind = index_of("mount /host/shared /rootfs/shared - bind,rec -");
  EXPECT_EQ(calls()[bind + 1], "mount - /rootfs/shared - rec,shared -");
}

TEST_F(PlanRootfs, ASymlinkOnTheWayIsFollowedInsideTheRoot) {
  sys_.add_symlink("/rootfs/var/run", "../run");
  plan_.mounts = {{"/var/run/secrets", "tmpfs", "tmpfs", 0, 0, ""}};
  ASSERT_TRUE(mount_all()) << listing();
  index_of("mount tmpfs /rootfs/run/secrets tmpfs - -");
  EXPECT_FALSE(has_prefix("unlink")) << "the image keeps its symlink";
}

TEST_F(PlanRootfs, ASymlinkOnTheWayNeverLeadsOutOfTheRoot) {
  sys_.add_symlink("/rootfs/data", "/../../etc");
  sys_.add_missing("/rootfs/etc/x");
  plan_.mounts = {{"/data/x", "tmpfs", "tmpfs", 0, 0, ""}};
  ASSERT_TRUE(mount_all()) << listing();
  const auto mkdir = index_of("mkdir /rootfs/etc/x 0755");
  EXPECT_LT(mkdir, index_of("mount tmpfs /rootfs/etc/x tmpfs - -"));
  for (const auto& call : calls()) {
    if (call.rfind("mount ", 0) == 0 && call.find("/etc") != std::string::npos) {
      EXPECT_NE(call.find("/rootfs/etc"), std::string::npos) << call;
    }
  }
}

TEST_F(PlanRootfs, ASymlinkLoopFailsWithEloop) {
  sys_.add_symlink("/rootfs/a", "b");
  sys_.add_symlink("/rootfs/b", "/a");
  plan_.mounts = {{"/a/x", "tmpfs", "tmpfs", 0, 0, ""}};
  EXPECT_FALSE(mount_all());
  EXPECT_EQ(errno, ELOOP);
  EXPECT_STREQ(failed_, "/a/x");
  EXPECT_FALSE(has_prefix("mount tmpfs")) << listing();
  EXPECT_EQ(sys_.open_fds(), 0u);
}

TEST_F(PlanRootfs, ASymlinkAtTheMountPointIsReplacedNotFollowed) {
  sys_.add_symlink("/rootfs/proc");
  plan_.mounts = {{"/proc", "proc", "proc", 0, 0, ""}};
  ASSERT_TRUE(mount_all()) << listing();
  const auto unlink = index_of("unlink /rootfs/proc");
  const auto mkdir = index_of("mkdir /rootfs/proc 0755");
  const auto mount = index_of("mount proc /rootfs/proc proc - -");
  EXPECT_LT(unlink, mkdir);
  EXPECT_LT(mkdir, mount);
}

TEST_F(PlanRootfs, CgroupMountIsCgroup2OnAUnifiedHost) {
  plan_.cgroup_filesystems = {{"", "cgroup2", ""}};
  plan_.mounts = {{"/sys/fs/cgroup", "cgroup", "cgroup", MS_RDONLY | MS_NOSUID, 0, ""}};
  ASSERT_TRUE(mount_all()) << listing();
  index_of("mount cgroup2 /rootfs/sys/fs/cgroup cgroup2 rdonly,nosuid -");
  EXPECT_FALSE(has_prefix("mount tmpfs /rootfs/sys/fs/cgroup"));
}

TEST_F(PlanRootfs, CgroupMountOnTheHybridIsEachHierarchyUnderATmpfsMadeReadOnlyLast) {
  plan_.cgroup_filesystems = {{"memory", "cgroup", "memory"}, {"unified", "cgroup2", ""}};
  plan_.mounts = {{"/sys/fs/cgroup", "cgroup", "cgroup", MS_RDONLY | MS_NOEXEC, 0, ""}};
  ASSERT_TRUE(mount_all()) << listing();
  const auto tmpfs = index_of("mount tmpfs /rootfs/sys/fs/cgroup tmpfs noexec mode=755");
  const auto memory =
      index_of("mount cgroup /rootfs/sys/fs/cgroup/memory cgroup rdonly,noexec memory");
  const auto unified =
      index_of("mount cgroup2 /rootfs/sys/fs/cgroup/unified cgroup2 rdonly,noexec -");
  const auto read_only = index_of("mount - /rootfs/sys/fs/cgroup - rdonly,noexec,remount mode=755");
  EXPECT_LT(tmpfs, memory);
  EXPECT_LT(memory, unified);
  EXPECT_LT(unified, read_only);
}

TEST_F(PlanRootfs, AWritableCgroupMountIsNotRemounted) {
  plan_.cgroup_filesystems = {{"memory", "cgroup", "memory"}};
  plan_.mounts = {{"/sys/fs/cgroup", "cgroup", "cgroup", MS_NOSUID, 0, ""}};
  ASSERT_TRUE(mount_all()) << listing();
  index_of("mount cgroup /rootfs/sys/fs/cgroup/memory cgroup nosuid memory");
  EXPECT_FALSE(has_prefix("mount - /rootfs/sys/fs/cgroup")) << listing();
}

TEST_F(PlanRootfs, DefaultDevicesAreMadeWithTheirModeWhereDevAllowsNodes) {
  ASSERT_TRUE(mount_all()) << listing();
  for (const std::string node :
       {"null 1:3", "zero 1:5", "full 1:7", "random 1:8", "urandom 1:9", "tty 5:0"}) {
    const std::string name = node.substr(0, node.find(' '));
    const auto mknod =
        index_of("mknod /rootfs/dev/" + name + " char " + node.substr(name.size() + 1));
    EXPECT_EQ(calls()[mknod + 1], "chmod /rootfs/dev/" + name + " 0666") << "the umask cut it";
  }
  EXPECT_FALSE(has_prefix("mount /dev/null"));
}

TEST_F(PlanRootfs, InAUserNamespaceTheHostsNodesAreBoundIn) {
  plan_.namespaces = {{CLONE_NEWNS, ""}, {CLONE_NEWUSER, ""}};
  ASSERT_TRUE(mount_all()) << listing();
  for (const std::string name : {"null", "zero", "full", "random", "urandom", "tty"}) {
    const auto file = index_of("mknod /rootfs/dev/" + name + " file");
    EXPECT_EQ(calls()[file + 1], "mount /dev/" + name + " /rootfs/dev/" + name + " - bind -");
  }
  EXPECT_FALSE(has_prefix("mknod /rootfs/dev/null char"));
}

TEST_F(PlanRootfs, OnANodevDevTheHostsNodesAreBoundIn) {
  plan_.mounts = {{"/dev", "tmpfs", "tmpfs", MS_NOSUID | MS_NODEV, 0, "mode=755"}};
  ASSERT_TRUE(mount_all()) << listing();
  const auto dev = index_of("mount tmpfs /rootfs/dev tmpfs nosuid,nodev mode=755");
  EXPECT_LT(dev, index_of("mount /dev/urandom /rootfs/dev/urandom - bind -"));
  EXPECT_FALSE(has_prefix("mknod /rootfs/dev/urandom char"));
}

TEST_F(PlanRootfs, DevicesTheImageOrAMountProvidesAreLeftAlone) {
  sys_.add_file("/rootfs/dev/tty");
  sys_.add_symlink("/rootfs/dev/fd");
  ASSERT_TRUE(mount_all()) << listing();
  EXPECT_FALSE(has_prefix("mknod /rootfs/dev/tty"));
  EXPECT_FALSE(has_prefix("symlink /rootfs/dev/fd "));
  index_of("mknod /rootfs/dev/null char 1:3");
}

TEST_F(PlanRootfs, PlanDevicesGetTheirDirectoryKindModeAndOwner) {
  sys_.add_missing("/rootfs/dev/net");
  sys_.add_missing("/rootfs/dev/net/tun");
  sys_.add_missing("/rootfs/dev/sda");
  sys_.add_missing("/rootfs/dev/pipe");
  plan_.devices = {{"/dev/net/tun", 'c', 10, 200, 0620, 5, 6},
                   {"/dev/sda", 'b', 8, 0, 0600, 0, 0},
                   {"/dev/pipe", 'p', 0, 0, 0644, 0, 0}};
  ASSERT_TRUE(mount_all()) << listing();
  const auto dir = index_of("mkdir /rootfs/dev/net 0755");
  const auto tun = index_of("mknod /rootfs/dev/net/tun char 10:200");
  EXPECT_LT(dir, tun);
  EXPECT_EQ(calls()[tun + 1], "chmod /rootfs/dev/net/tun 0620");
  EXPECT_EQ(calls()[tun + 2], "chown /rootfs/dev/net/tun 5:6");
  index_of("mknod /rootfs/dev/sda block 8:0");
  index_of("mknod /rootfs/dev/pipe fifo");
  EXPECT_LT(index_of("mknod /rootfs/dev/tty char 5:0"), tun) << "defaults first";
}

TEST_F(PlanRootfs, DevSymlinksAndPtmxOnlyWithADevpts) {
  ASSERT_TRUE(mount_all()) << listing();
  index_of("symlink /rootfs/dev/fd -> /proc/self/fd");
  index_of("symlink /rootfs/dev/stdin -> /proc/self/fd/0");
  index_of("symlink /rootfs/dev/stdout -> /proc/self/fd/1");
  index_of("symlink /rootfs/dev/stderr -> /proc/self/fd/2");
  index_of("symlink /rootfs/dev/core -> /proc/kcore");
  EXPECT_FALSE(has("symlink /rootfs/dev/ptmx -> pts/ptmx")) << "no /dev/pts: nothing to point at";
}

TEST_F(PlanRootfs, PtmxPointsIntoTheContainersDevpts) {
  plan_.mounts = {{"/dev/pts", "devpts", "devpts", MS_NOSUID, 0, "newinstance,ptmxmode=0666"}};
  ASSERT_TRUE(mount_all()) << listing();
  EXPECT_LT(index_of("mount devpts /rootfs/dev/pts devpts nosuid newinstance,ptmxmode=0666"),
            index_of("symlink /rootfs/dev/ptmx -> pts/ptmx"));
}

TEST_F(PlanRootfs, AFailedMountNamesItsDestinationKeepsErrnoAndClosesEverything) {
  plan_.mounts = {{"/proc", "proc", "proc", 0, 0, ""},
                  {"/sys", "sysfs", "sysfs", 0, 0, ""},
                  {"/tmp", "tmpfs", "tmpfs", 0, 0, ""}};
  sys_.fail_mount_on("/rootfs/sys", EPERM);
  EXPECT_FALSE(mount_all());
  ASSERT_NE(failed_, nullptr);
  EXPECT_STREQ(failed_, "/sys");
  EXPECT_EQ(errno, EPERM);
  EXPECT_FALSE(has_prefix("mount tmpfs /rootfs/tmp")) << "stops at the failure";
  EXPECT_EQ(sys_.open_fds(), 0u);
}

TEST_F(PlanRootfs, AMissingBindSourceIsNamed) {
  sys_.add_missing("/host/gone");
  plan_.mounts = {{"/data", "bind", "/host/gone", MS_BIND, 0, ""}};
  EXPECT_FALSE(mount_all());
  EXPECT_EQ(errno, ENOENT);
  EXPECT_STREQ(failed_, "/host/gone");
}

TEST_F(PlanRootfs, MaskedFilesGetDevNullAndDirectoriesAReadOnlyTmpfs) {
  sys_.add_file("/proc/kcore");
  sys_.add_missing("/proc/scsi");
  plan_.masked_paths = {"/proc/kcore", "/proc/scsi", "/sys/firmware"};
  ASSERT_TRUE(finish()) << listing();
  EXPECT_EQ(calls(), (Calls{"mount /dev/null /proc/kcore - bind -",
                            "mount tmpfs /sys/firmware tmpfs rdonly -"}));
  EXPECT_EQ(sys_.open_fds(), 0u);
}

TEST_F(PlanRootfs, ReadOnlyPathsAreBoundThenRemountedKeepingTheirMountsFlags) {
  sys_.set_statfs_flags("/proc/sys", ST_NOSUID | ST_NODEV | ST_NOEXEC);
  sys_.add_missing("/proc/gone");
  plan_.readonly_paths = {"/proc/sys", "/proc/gone", "/data"};
  ASSERT_TRUE(finish()) << listing();
  EXPECT_EQ(calls(),
            (Calls{"mount /proc/sys /proc/sys - bind,rec -",
                   "mount - /proc/sys - rdonly,nosuid,nodev,noexec,remount,bind -",
                   "mount /data /data - bind,rec -", "mount - /data - rdonly,remount,bind -"}));
}

TEST_F(PlanRootfs, MasksComeBeforeReadOnlyPathsAndTheReadOnlyRootLast) {
  sys_.set_statfs_flags("/", ST_NODEV);
  plan_.masked_paths = {"/sys/firmware"};
  plan_.readonly_paths = {"/proc/sys"};
  plan_.readonly_root = true;
  ASSERT_TRUE(finish()) << listing();
  ASSERT_EQ(calls().size(), 4u) << listing();
  EXPECT_EQ(calls()[0], "mount tmpfs /sys/firmware tmpfs rdonly -");
  EXPECT_EQ(calls()[1], "mount /proc/sys /proc/sys - bind,rec -");
  EXPECT_EQ(calls()[3], "mount - / - rdonly,nodev,remount,bind -");
}

TEST_F(PlanRootfs, AFailedMaskNamesItsPath) {
  sys_.fail_mount_on("/sys/firmware", EACCES);
  plan_.masked_paths = {"/proc/acpi", "/sys/firmware", "/proc/keys"};
  EXPECT_FALSE(finish());
  EXPECT_EQ(errno, EACCES);
  EXPECT_STREQ(failed_, "/sys/firmware");
  EXPECT_FALSE(has_prefix("mount tmpfs /proc/keys"));
  EXPECT_EQ(sys_.open_fds(), 0u);
}

}  // namespace
}  // namespace mydocker::isolation
