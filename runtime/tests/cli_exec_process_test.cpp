#include <gtest/gtest.h>

#include "cli/exec_process.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::runtime {
namespace {

TEST(ExecProcess, UserAsNumbers) {
  EXPECT_EQ(parse_exec_user("1000"), (std::pair<std::uint32_t, std::uint32_t>{1000, 0}));
  EXPECT_EQ(parse_exec_user("1000:100"), (std::pair<std::uint32_t, std::uint32_t>{1000, 100}));
  EXPECT_THROW(parse_exec_user("root"), Error);
  EXPECT_THROW(parse_exec_user("1000:"), Error);
  EXPECT_THROW(parse_exec_user(":5"), Error);
  EXPECT_THROW(parse_exec_user("-1"), Error);
}

TEST(ExecProcess, FlagsOverTheContainersProcess) {
  isolation::ProcessPlan container;
  container.args = {"/bin/init"};
  container.env = {"PATH=/bin", "HOME=/root"};
  container.cwd = "/srv";
  container.uid = 5;
  container.additional_gids = {10};
  ExecRequest request;
  request.args = {"ls", "-l"};
  request.env = {"HOME=/tmp", "NEW=1"};
  request.user = "1000:100";
  request.tty = true;
  const auto process = exec_process_from_flags(container, request);
  EXPECT_EQ(process.args, (std::vector<std::string>{"ls", "-l"}));
  EXPECT_EQ(process.env, (std::vector<std::string>{"PATH=/bin", "HOME=/tmp", "NEW=1"}));
  EXPECT_EQ(process.cwd, "/srv");
  EXPECT_EQ(process.uid, 1000u);
  EXPECT_EQ(process.gid, 100u);
  EXPECT_TRUE(process.additional_gids.empty());
  EXPECT_TRUE(process.terminal);
}

TEST(ExecProcess, NoCommandIsAnError) {
  EXPECT_THROW(exec_process_from_flags({}, ExecRequest{}), Error);
}

}  // namespace
}  // namespace mydocker::runtime
