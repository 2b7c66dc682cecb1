// The container's file system view, mount by mount, without root: the rootfs setup runs
// against a recording Syscalls table (recording_syscalls.hpp) and the tests check the calls.
#include "rootfs_mounts.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "recording_syscalls.hpp"

namespace mydocker::isolation {
namespace {

using Calls = std::vector<std::string>;

class RootfsMounts : public ::testing::Test {
 protected:
  // The rootfs setup on a v2 host, as the child runs it; true when it succeeded.
  bool prepare(const std::vector<CgroupFilesystem>& cgroups = {{"", "cgroup2", ""}}) {
    failed_ = nullptr;
    return prepare_rootfs(sys_.table(), "/rootfs", cgroups, &failed_);
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
  std::string listing() const {
    std::string out;
    for (const auto& c : calls()) out += "  " + c + "\n";
    return out;
  }

  testing::RecordingSyscalls sys_;
  const char* failed_ = nullptr;
};

TEST_F(RootfsMounts, RootfsIsBoundOntoItselfNodevBeforeAnythingElse) {
  ASSERT_TRUE(prepare()) << listing();
  ASSERT_GE(calls().size(), 2u);
  EXPECT_EQ(calls()[0], "mount /rootfs /rootfs - bind,rec -");
  EXPECT_EQ(calls()[1], "mount - /rootfs - nodev,remount,bind -");
}

TEST_F(RootfsMounts, KernelFileSystemsWithDockersFlags) {
  ASSERT_TRUE(prepare()) << listing();
  const auto proc = index_of("mount proc /rootfs/proc proc nosuid,nodev,noexec -");
  const auto dev = index_of("mount tmpfs /rootfs/dev tmpfs nosuid mode=755,size=64k");
  const auto sys = index_of("mount sysfs /rootfs/sys sysfs rdonly,nosuid,nodev,noexec -");
  const auto cgroup =
      index_of("mount cgroup2 /rootfs/sys/fs/cgroup cgroup2 rdonly,nosuid,nodev,noexec -");
  EXPECT_LT(proc, dev);
  EXPECT_LT(dev, sys);
  EXPECT_LT(sys, cgroup);
  index_of(
      "mount devpts /rootfs/dev/pts devpts nosuid,noexec "
      "newinstance,ptmxmode=0666,mode=0620,gid=5");
  index_of("mount tmpfs /rootfs/dev/shm tmpfs nosuid,nodev,noexec mode=1777,size=65536k");
  index_of("mount mqueue /rootfs/dev/mqueue mqueue nosuid,nodev,noexec -");
}

TEST_F(RootfsMounts, DeviceNodesAreMadeBeneathTheNodevTmpfsAndBoundIn) {
  ASSERT_TRUE(prepare()) << listing();
  const auto node = index_of("mknod /rootfs/dev/null char 1:3");
  const auto tmpfs =
      index_of("mount tmpfs /rootfs/dev tmpfs nosuid,nodev,strictatime mode=755,size=65536k");
  const auto target = index_of("mknod /rootfs/dev/null file");
  const auto bind = index_of("mount /rootfs/dev/null /rootfs/dev/null - bind -");
  EXPECT_LT(node, tmpfs);
  EXPECT_LT(tmpfs, target);
  EXPECT_LT(target, bind);
  for (const char* name : {"zero 1:5", "full 1:7", "random 1:8", "urandom 1:9", "tty 5:0"}) {
    const std::string n = name;
    index_of("mknod /rootfs/dev/" + n.substr(0, n.find(' ')) + " char" + n.substr(n.find(' ')));
  }
  index_of("symlink /rootfs/dev/ptmx -> pts/ptmx");
}

TEST_F(RootfsMounts, MaskedFilesGetDevNullAndMaskedDirectoriesAnEmptyReadOnlyTmpfs) {
  sys_.add_file("/rootfs/proc/kcore");
  sys_.add_missing("/rootfs/proc/scsi");
  ASSERT_TRUE(prepare()) << listing();
  const auto kcore = index_of("mount /rootfs/dev/null /rootfs/proc/kcore - bind -");
  index_of("mount tmpfs /rootfs/sys/firmware tmpfs rdonly -");
  EXPECT_FALSE(has("mount tmpfs /rootfs/proc/scsi tmpfs rdonly -")) << "absent: nothing to mask";
  EXPECT_LT(index_of("mount sysfs /rootfs/sys sysfs rdonly,nosuid,nodev,noexec -"), kcore);
}

TEST_F(RootfsMounts, ReadOnlyPathsAreBoundThenRemountedReadOnly) {
  ASSERT_TRUE(prepare()) << listing();
  for (const std::string path : {"/rootfs/proc/sys", "/rootfs/proc/sysrq-trigger",
                                 "/rootfs/proc/irq", "/rootfs/proc/bus", "/rootfs/proc/fs"}) {
    const auto bind = index_of("mount " + path + " " + path + " - bind,rec -");
    const auto remount =
        index_of("mount - " + path + " - rdonly,nosuid,nodev,noexec,remount,bind -");
    EXPECT_EQ(bind + 1, remount) << path;
  }
  EXPECT_LT(index_of("mount tmpfs /rootfs/sys/firmware tmpfs rdonly -"),
            index_of("mount /rootfs/proc/sys /rootfs/proc/sys - bind,rec -"))
      << "masks first, then read-only paths";
}

TEST_F(RootfsMounts, ImageSymlinkAtAMountPointIsReplacedNotFollowed) {
  sys_.add_symlink("/rootfs/proc");
  ASSERT_TRUE(prepare()) << listing();
  const auto unlink = index_of("unlink /rootfs/proc");
  const auto mkdir = index_of("mkdir /rootfs/proc 0755");
  const auto mount = index_of("mount proc /rootfs/proc proc nosuid,nodev,noexec -");
  EXPECT_LT(unlink, mkdir);
  EXPECT_LT(mkdir, mount);
}

TEST_F(RootfsMounts, CgroupV1HierarchiesAreMountedReadOnlyUnderATmpfs) {
  ASSERT_TRUE(prepare({{"memory", "cgroup", "memory"}, {"systemd", "cgroup", "name=systemd"}}))
      << listing();
  const auto tmpfs =
      index_of("mount tmpfs /rootfs/sys/fs/cgroup tmpfs nosuid,nodev,noexec mode=755");
  const auto memory = index_of(
      "mount cgroup /rootfs/sys/fs/cgroup/memory cgroup rdonly,nosuid,nodev,noexec memory");
  index_of(
      "mount cgroup /rootfs/sys/fs/cgroup/systemd cgroup rdonly,nosuid,nodev,noexec "
      "name=systemd");
  const auto read_only =
      index_of("mount - /rootfs/sys/fs/cgroup - rdonly,nosuid,nodev,noexec,remount mode=755");
  EXPECT_LT(tmpfs, index_of("mkdir /rootfs/sys/fs/cgroup/memory 0755"));
  EXPECT_LT(memory, read_only);
}

TEST_F(RootfsMounts, AFailedMountNamesItsPathAndKeepsErrno) {
  sys_.fail_mount_on("/rootfs/sys", EPERM);
  EXPECT_FALSE(prepare());
  ASSERT_NE(failed_, nullptr);
  EXPECT_STREQ(failed_, "sys");
  EXPECT_EQ(errno, EPERM);
  EXPECT_FALSE(has("mount tmpfs /rootfs/sys/firmware tmpfs rdonly -")) << "stops at the failure";
}

TEST_F(RootfsMounts, EveryDescriptorItOpensIsClosed) {
  sys_.add_file("/rootfs/proc/kcore");
  ASSERT_TRUE(prepare()) << listing();
  EXPECT_EQ(sys_.open_fds(), 0u);
  sys_.fail_mount_on("/rootfs/dev/shm", EPERM);
  EXPECT_FALSE(prepare());
  EXPECT_EQ(sys_.open_fds(), 0u);
}

TEST_F(RootfsMounts, PivotRootThenTheOldRootIsDetached) {
  ASSERT_TRUE(enter_rootfs(sys_.table(), "/rootfs"));
  EXPECT_EQ(calls(), (Calls{"chdir /rootfs", "pivot_root . .", "umount2 . detach", "chdir /"}));
}

TEST_F(RootfsMounts, ReadOnlyRootIsARemountOfTheNewRoot) {
  ASSERT_TRUE(make_root_read_only(sys_.table()));
  EXPECT_EQ(calls(), (Calls{"mount - / - rdonly,nodev,remount,bind -"}));
}

}  // namespace
}  // namespace mydocker::isolation
