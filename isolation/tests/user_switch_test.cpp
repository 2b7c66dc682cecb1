// The user switch the child makes before exec (mydocker/isolator_support.hpp), without root.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "mydocker/isolator_support.hpp"
#include "recording_syscalls.hpp"

namespace mydocker {
namespace {

TEST(SwitchUser, GroupsThenGidThenUidLast) {
  // Once the uid is not 0 the process may no longer change its groups or gid.
  testing::RecordingSyscalls sys;
  const std::uint32_t groups[] = {10, 20};
  ASSERT_TRUE(switch_user(sys.table(), 1000, 100, groups, 2));
  EXPECT_EQ(sys.calls(), (std::vector<std::string>{"setgroups 10 20", "setresgid 100 100 100",
                                                   "setresuid 1000 1000 1000"}));
}

TEST(SwitchUser, NoSupplementaryGroupsClearsThem) {
  testing::RecordingSyscalls sys;
  ASSERT_TRUE(switch_user(sys.table(), 0, 0, nullptr, 0));
  EXPECT_EQ(sys.calls().front(), "setgroups") << "the caller's groups never reach the container";
}

}  // namespace
}  // namespace mydocker
