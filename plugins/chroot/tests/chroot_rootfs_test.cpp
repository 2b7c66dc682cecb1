// The chroot isolator's file system steps, without root, against a recording Syscalls table.
#include "chroot_rootfs.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <string>
#include <vector>

#include "recording_syscalls.hpp"

namespace mydocker::chroot {
namespace {

using Calls = std::vector<std::string>;

TEST(ChrootRootfs, ChrootThenItsOwnProcWithDockersFlags) {
  testing::RecordingSyscalls sys;
  const char* stage = nullptr;
  ASSERT_TRUE(enter_chroot(sys.table(), "/rootfs", false, &stage));
  EXPECT_EQ(sys.calls(), (Calls{"chdir /rootfs", "chroot .", "chdir /", "mkdir /proc 0555",
                                "mount proc /proc proc nosuid,nodev,noexec -"}));
}

TEST(ChrootRootfs, ReadOnlyBindsTheRootfsOntoItselfFirstAndRemountsItLast) {
  testing::RecordingSyscalls sys;
  const char* stage = nullptr;
  ASSERT_TRUE(enter_chroot(sys.table(), "/rootfs", true, &stage));
  ASSERT_TRUE(make_chroot_read_only(sys.table()));
  ASSERT_EQ(sys.calls().size(), 7u);
  EXPECT_EQ(sys.calls().front(), "mount /rootfs /rootfs - bind,rec -");
  EXPECT_EQ(sys.calls().back(), "mount - / - rdonly,remount,bind -");
}

TEST(ChrootRootfs, AFailureNamesItsStage) {
  testing::RecordingSyscalls sys;
  sys.fail_mount_on("/proc", EPERM);
  const char* stage = nullptr;
  EXPECT_FALSE(enter_chroot(sys.table(), "/rootfs", false, &stage));
  EXPECT_STREQ(stage, "mount /proc");
  EXPECT_EQ(errno, EPERM);
}

}  // namespace
}  // namespace mydocker::chroot
