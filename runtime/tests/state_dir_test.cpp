#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>
#include <fstream>

#include "mydocker/errors.hpp"
#include "state/state_dir.hpp"

namespace mydocker::runtime {
namespace {

ContainerState sample(const std::string& id) {
  ContainerState state;
  state.oci_version = "1.0.2";
  state.id = id;
  state.pid = 1234;
  state.bundle = "/b";
  state.rootfs = "/b/rootfs";
  state.created = "2026-12-07T15:42:49.123456789Z";
  state.annotations = {{"k", "v"}};
  state.start_time = 99;
  state.cgroup_paths = {"/sys/fs/cgroup/memory/x", "/sys/fs/cgroup/pids/x"};
  state.poststop_hooks = {{"/bin/hook", {"hook", "a"}, {"E=1"}, 5}};
  return state;
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

class StateDir : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("state-dir-" + std::to_string(::getpid()));
  }
  void TearDown() override { std::filesystem::remove_all(path_); }
  std::filesystem::path path_;
};

TEST_F(StateDir, SavedStateReadsBackWithPrivateFields) {
  const StateRoot root(path_ / "nested");
  {
    const auto dir = LockedContainerDir::create(root, "c1");
    EXPECT_FALSE(dir.read());
    dir.save(sample("c1"));
  }
  const auto state = root.load("c1");
  EXPECT_EQ(state.pid, 1234);
  EXPECT_EQ(state.start_time, 99u);
  EXPECT_EQ(state.cgroup_paths, sample("c1").cgroup_paths);
  ASSERT_EQ(state.poststop_hooks.size(), 1u);
  EXPECT_EQ(state.poststop_hooks[0].args, (std::vector<std::string>{"hook", "a"}));
  EXPECT_EQ(state.poststop_hooks[0].timeout_seconds, 5);
  EXPECT_EQ(state.annotations.at("k"), "v");
  EXPECT_FALSE(std::filesystem::exists(path_ / "nested" / "c1" / "state.json.tmp"));
  EXPECT_EQ(root.container_ids(), (std::vector<std::string>{"c1"}));
}

TEST_F(StateDir, SecondCreateOfAnIdFails) {
  const StateRoot root(path_);
  const auto dir = LockedContainerDir::create(root, "c1");
  EXPECT_EQ(error_of([&] { LockedContainerDir::create(root, "c1"); }),
            "container with id exists: c1");
}

TEST_F(StateDir, UnknownIdDoesNotExist) {
  const StateRoot root(path_);
  EXPECT_EQ(error_of([&] { root.load("nope"); }), "container does not exist: nope");
  EXPECT_EQ(error_of([&] { LockedContainerDir::open(root, "nope"); }),
            "container does not exist: nope");
  EXPECT_FALSE(root.read("nope"));
}

TEST_F(StateDir, RemovedDirectoryDoesNotExistAnyMore) {
  const StateRoot root(path_);
  LockedContainerDir::create(root, "c1").remove();
  EXPECT_EQ(error_of([&] { LockedContainerDir::open(root, "c1"); }),
            "container does not exist: c1");
  EXPECT_TRUE(root.container_ids().empty());
}

TEST_F(StateDir, DamagedStateIsAnErrorNotAnotherContainer) {
  const StateRoot root(path_);
  LockedContainerDir::create(root, "c1");
  std::ofstream(path_ / "c1" / "state.json") << "{\"ociVersion\":";
  EXPECT_THROW(root.read("c1"), Error);
}

TEST_F(StateDir, InvalidIdNeverBecomesAPath) {
  const StateRoot root(path_);
  EXPECT_THROW(LockedContainerDir::create(root, "../escape"), Error);
  EXPECT_FALSE(std::filesystem::exists(path_.parent_path() / "escape"));
}

TEST(OciState, ShapeCallersParse) {
  const auto running = oci_state_json(sample("c1"), ContainerStatus::running);
  EXPECT_EQ(running["ociVersion"], "1.0.2");
  EXPECT_EQ(running["id"], "c1");
  EXPECT_EQ(running["pid"], 1234);
  EXPECT_EQ(running["status"], "running");
  EXPECT_EQ(running["bundle"], "/b");
  EXPECT_EQ(running["rootfs"], "/b/rootfs");
  EXPECT_EQ(running["created"], "2026-12-07T15:42:49.123456789Z");
  EXPECT_EQ(running["owner"], "");
  EXPECT_EQ(running["annotations"]["k"], "v");
  EXPECT_FALSE(running.contains("mydocker"));
  const auto stopped = oci_state_json(sample("c1"), ContainerStatus::stopped);
  EXPECT_EQ(stopped["pid"], 0);
  EXPECT_EQ(stopped["status"], "stopped");
  auto bare = sample("c2");
  bare.annotations.clear();
  EXPECT_FALSE(oci_state_json(bare, ContainerStatus::created).contains("annotations"));
}

}  // namespace
}  // namespace mydocker::runtime
