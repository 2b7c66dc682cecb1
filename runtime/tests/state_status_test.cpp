#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>
#include <fstream>

#include "state/container_status.hpp"
#include "state/process_stat.hpp"

namespace mydocker::runtime {
namespace {

// A stat line with the given command name, state letter and start time (field 22).
std::string stat_line(const std::string& comm, char state, unsigned long start) {
  std::string line = "42 (" + comm + ") " + state;
  for (int field = 4; field <= 21; ++field) line += " " + std::to_string(field);
  return line + " " + std::to_string(start) + " 23 24\n";
}

TEST(ProcessStat, FieldsAfterTheLastParenthesis) {
  const auto stat = parse_process_stat(stat_line("sh", 'S', 12345));
  ASSERT_TRUE(stat);
  EXPECT_EQ(stat->state, 'S');
  EXPECT_EQ(stat->start_time, 12345u);
  // A program may call itself anything, ") R 1 2" included.
  const auto tricky = parse_process_stat(stat_line("evil) R 1 2 (x", 'Z', 777));
  ASSERT_TRUE(tricky);
  EXPECT_EQ(tricky->state, 'Z');
  EXPECT_EQ(tricky->start_time, 777u);
}

TEST(ProcessStat, MalformedIsNullopt) {
  EXPECT_FALSE(parse_process_stat(""));
  EXPECT_FALSE(parse_process_stat("42 (sh S 1 2"));
  EXPECT_FALSE(parse_process_stat("42 (sh) S 4 5 6"));
  EXPECT_FALSE(parse_process_stat("42 (sh) SS 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22"));
}

TEST(ProcessStat, OurOwnProcess) {
  const auto stat = read_process_stat(::getpid());
  ASSERT_TRUE(stat);
  EXPECT_EQ(stat->state, 'R');
  EXPECT_GT(stat->start_time, 0u);
}

class FakeProc : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("fake-proc-" + std::to_string(::getpid()));
    std::filesystem::create_directories(root_ / "42");
    state_.pid = 42;
    state_.start_time = 1000;
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void write_stat(char state, unsigned long start) {
    std::ofstream(root_ / "42" / "stat") << stat_line("sh", state, start);
  }
  ContainerStatus status(bool gate) { return container_status(state_, gate, root_.string()); }

  std::filesystem::path root_;
  ContainerState state_;
};

TEST_F(FakeProc, CreatedWhileAtTheGateRunningAfter) {
  write_stat('S', 1000);
  EXPECT_EQ(status(true), ContainerStatus::created);
  EXPECT_EQ(status(false), ContainerStatus::running);
}

TEST_F(FakeProc, ZombieIsStopped) {
  write_stat('Z', 1000);
  EXPECT_EQ(status(false), ContainerStatus::stopped);
  EXPECT_EQ(status(true), ContainerStatus::stopped);
}

TEST_F(FakeProc, ReusedPidIsStopped) {
  write_stat('S', 2000);
  EXPECT_EQ(status(false), ContainerStatus::stopped);
}

TEST_F(FakeProc, GoneIsStopped) {
  EXPECT_EQ(status(false), ContainerStatus::stopped);
  state_.pid = 0;
  EXPECT_EQ(status(false), ContainerStatus::stopped);
}

}  // namespace
}  // namespace mydocker::runtime
