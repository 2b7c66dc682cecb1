// `kill -9` of `mydocker run` skips every destructor: the container's cgroup directories stay.
// The next container's start and `mydocker system prune` must remove them (and what still
// runs in them), never those of a container that is running.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "harness.hpp"

namespace mydocker::test {
namespace {

namespace fs = std::filesystem;

// The host directories of the cgroups mydocker made for a container process.
std::vector<fs::path> container_cgroups(int pid) {
  std::vector<fs::path> out;
  std::ifstream in("/proc/" + std::to_string(pid) + "/cgroup");
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find(':');
    const auto second = line.find(':', first + 1);
    const std::string controllers = line.substr(first + 1, second - first - 1);
    const std::string path = line.substr(second + 1);
    if (path.find("/mydocker") == std::string::npos) continue;
    const fs::path top = controllers.empty() ? "/sys/fs/cgroup" : "/sys/fs/cgroup/" + controllers;
    out.push_back(top / fs::path(path).relative_path());
  }
  return out;
}

class KilledRun : public ::testing::Test {
 protected:
  std::vector<std::string> run_args(const std::vector<std::string>& command) {
    std::vector<std::string> a{"--root",
                               store_.str(),
                               "run",
                               "--isolation=pivot_root",
                               "--pids-limit",
                               "50",
                               images_dir() + "/busybox-oci"};
    a.insert(a.end(), command.begin(), command.end());
    return a;
  }

  // A container that waits; returns its cgroup directories.
  std::vector<fs::path> start_waiting(std::unique_ptr<Background>& bg) {
    bg = std::make_unique<Background>(run_args({"explorer", "wait_signal"}));
    EXPECT_TRUE(bg->wait_for_stdout("ready\n"));
    const int container = first_child_of(bg->pid());
    EXPECT_GT(container, 0);
    auto dirs = container_cgroups(container);
    EXPECT_FALSE(dirs.empty());
    for (const auto& dir : dirs) EXPECT_TRUE(fs::is_directory(dir)) << dir;
    return dirs;
  }

  void kill_hard(Background& bg) {
    ::kill(bg.pid(), SIGKILL);
    EXPECT_EQ(bg.wait().exit_code, 128 + SIGKILL);
  }

  TempDir store_;
};

TEST_F(KilledRun, ItsCgroupsGoAtTheNextStartButARunningOnesStay) {
  std::unique_ptr<Background> killed, running;
  const auto killed_dirs = start_waiting(killed);
  const auto running_dirs = start_waiting(running);
  kill_hard(*killed);
  for (const auto& dir : killed_dirs) EXPECT_TRUE(fs::exists(dir)) << "nothing removed it yet";

  const auto r = mydocker(run_args({"true"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const auto& dir : killed_dirs) EXPECT_FALSE(fs::exists(dir)) << dir;
  for (const auto& dir : running_dirs) EXPECT_TRUE(fs::exists(dir)) << dir;

  ::kill(running->pid(), SIGTERM);
  EXPECT_EQ(running->wait().exit_code, 128 + SIGTERM);
  for (const auto& dir : running_dirs) EXPECT_FALSE(fs::exists(dir)) << dir;
}

TEST_F(KilledRun, ItsCgroupsGoWithSystemPrune) {
  std::unique_ptr<Background> killed;
  const auto dirs = start_waiting(killed);
  kill_hard(*killed);
  for (const auto& dir : dirs) EXPECT_TRUE(fs::exists(dir)) << "nothing removed it yet";

  const auto r = mydocker({"--root", store_.str(), "system", "prune"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const auto& dir : dirs) EXPECT_FALSE(fs::exists(dir)) << dir;
}

}  // namespace
}  // namespace mydocker::test
