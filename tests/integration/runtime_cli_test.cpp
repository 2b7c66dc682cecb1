// mydocker-runtime's command line as podman, containerd and the OCI suite drive it: the real
// binary, as root, on busybox bundles.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "harness.hpp"

namespace mydocker::test {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream file(path);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

// A state root, a --log file that does not exist yet, and a bundle directory per test.
class RuntimeCli : public ::testing::Test {
 protected:
  void TearDown() override {
    for (const auto& id : created_) runtime({"delete", "--force", id});
  }

  Result runtime(std::vector<std::string> args) {
    args.insert(args.begin(), {"--root", (dir_.path() / "root").string(), "--log",
                               log_path().string(), "--log-format", "json"});
    return run_program(MYDOCKER_RUNTIME_BIN, RunSpec{args, "", 60});
  }
  fs::path log_path() const { return dir_.path() / "log.json"; }
  fs::path bundle() const { return dir_.path() / "bundle"; }

  // The JSON error lines of the --log file.
  std::vector<nlohmann::json> log_errors() const {
    std::vector<nlohmann::json> errors;
    std::ifstream file(log_path());
    std::string line;
    while (std::getline(file, line)) {
      auto json = nlohmann::json::parse(line);
      if (json["level"] == "error") errors.push_back(json);
    }
    return errors;
  }

  // A bundle whose rootfs is a static busybox, from `spec` with `args` and no terminal.
  void make_busybox_bundle(const std::vector<std::string>& args) {
    fs::create_directories(bundle() / "rootfs" / "bin");
    fs::copy_file("/bin/busybox", bundle() / "rootfs" / "bin" / "busybox");
    for (const char* applet : {"sh", "sleep", "true", "cat", "ls"}) {
      fs::create_symlink("busybox", bundle() / "rootfs" / "bin" / applet);
    }
    for (const char* dir : {"proc", "sys", "dev", "tmp"})
      fs::create_directories(bundle() / "rootfs" / dir);
    ASSERT_EQ(runtime({"spec", "--bundle", bundle().string()}).exit_code, 0);
    auto config = nlohmann::json::parse(read_file(bundle() / "config.json"));
    config["process"]["terminal"] = false;
    config["process"]["args"] = args;
    std::ofstream(bundle() / "config.json", std::ios::trunc) << config.dump(2);
  }

  std::string create(const std::string& id, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"create", "--bundle", bundle().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(id);
    // The container's stdio is create's own (as conmon and the shim expect): files here, so
    // the test does not wait for the end of a pipe the container holds open.
    std::vector<std::string> shell = {"-c",
                                      "exec \"$@\" </dev/null >\"$0.out\" 2>\"$0.err\"",
                                      (dir_.path() / id).string(),
                                      MYDOCKER_RUNTIME_BIN,
                                      "--root",
                                      (dir_.path() / "root").string(),
                                      "--log",
                                      log_path().string(),
                                      "--log-format",
                                      "json"};
    shell.insert(shell.end(), args.begin(), args.end());
    const Result r = run_program("/bin/sh", RunSpec{shell, "", 60});
    const std::string err = read_file(dir_.path() / (id + ".err"));
    EXPECT_EQ(r.exit_code, 0) << err;
    if (r.exit_code == 0) created_.push_back(id);
    return err;
  }

  nlohmann::json state(const std::string& id) {
    const Result r = runtime({"state", id});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json::object();
  }

  // Polls `state` until the status is `wanted` (the suite and podman poll the same way).
  nlohmann::json wait_for_status(const std::string& id, const std::string& wanted) {
    nlohmann::json s;
    for (int i = 0; i < 100; ++i) {
      s = state(id);
      if (s.value("status", "") == wanted) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return s;
  }

  TempDir dir_;
  std::vector<std::string> created_;
};

TEST_F(RuntimeCli, VersionNamesTheRuntimeAndTheSpec) {
  const Result r = run_program(MYDOCKER_RUNTIME_BIN, RunSpec{{"--version"}, "", 30});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("mydocker-runtime version ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\nspec: 1.0.2"), std::string::npos) << r.out;
}

TEST_F(RuntimeCli, SpecWritesAConfigAndRefusesToOverwriteIt) {
  fs::create_directories(bundle());
  const Result first = runtime({"spec", "--bundle=" + bundle().string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string written = read_file(bundle() / "config.json");
  const auto config = nlohmann::json::parse(written);
  EXPECT_EQ(config["process"]["args"], nlohmann::json::array({"sh"}));
  EXPECT_EQ(config["root"]["path"], "rootfs");
  EXPECT_TRUE(config["ociVersion"].get<std::string>().starts_with("1.0"));
  EXPECT_TRUE(config["linux"]["namespaces"].is_array());

  const Result second = runtime({"spec", "--bundle", bundle().string()});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("exists"), std::string::npos) << second.err;
  EXPECT_EQ(read_file(bundle() / "config.json"), written);
}

TEST_F(RuntimeCli, UnknownIdFailsWithTheWordingCallersMatch) {
  ASSERT_FALSE(fs::exists(log_path()));
  for (const auto& args : std::vector<std::vector<std::string>>{{"state", "nope"},
                                                                {"kill", "nope", "KILL"},
                                                                {"kill", "nope"},
                                                                {"delete", "nope"},
                                                                {"start", "nope"},
                                                                {"ps", "nope"}}) {
    const Result r = runtime(args);
    EXPECT_EQ(r.exit_code, 1) << args[0];
    EXPECT_EQ(r.err, "mydocker-runtime: container does not exist: nope\n") << args[0];
    EXPECT_TRUE(r.out.empty()) << args[0];
  }
  const auto errors = log_errors();
  ASSERT_EQ(errors.size(), 6u);
  for (const auto& error : errors) {
    EXPECT_EQ(error["msg"], "container does not exist: nope");
    EXPECT_TRUE(error.contains("time"));
  }
}

TEST_F(RuntimeCli, LogFileIsCreatedOnASuccessfulCallToo) {
  const Result r = runtime({"list", "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(log_path()));
  EXPECT_TRUE(log_errors().empty());
}

TEST_F(RuntimeCli, ForcedDeleteOfAnUnknownIdSucceeds) {
  const Result r = runtime({"delete", "--force", "nope"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(RuntimeCli, BadIdIsRefusedBeforeAnyPath) {
  const Result r = runtime({"state", "../../etc"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("invalid container id"), std::string::npos) << r.err;
}

TEST_F(RuntimeCli, MalformedConfigFailsCreateAndLeavesNoContainer) {
  fs::create_directories(bundle() / "rootfs");
  std::ofstream(bundle() / "config.json") << "{\"ociVersion\": \"1.0.2\", \"process\": ";
  const Result r = runtime({"create", "--bundle", bundle().string(), "c1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("config.json"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
  ASSERT_EQ(log_errors().size(), 1u);
  EXPECT_EQ(runtime({"list", "-q"}).out, "");
}

TEST_F(RuntimeCli, MissingConfigNamesTheFile) {
  fs::create_directories(bundle());
  const Result r = runtime({"create", "--bundle", bundle().string(), "c1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("config.json"), std::string::npos) << r.err;
}

TEST_F(RuntimeCli, UnknownFlagIsAnErrorInTheLog) {
  const Result r = runtime({"state", "--frobnicate", "x"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(log_errors().size(), 1u);
}

// Needs isolation's launch_container (helper `launch`) and the bundle loader (helper `oci`).
TEST_F(RuntimeCli, CreateStartKillDelete) {
  make_busybox_bundle({"sleep", "1000"});
  const fs::path pid_file = dir_.path() / "init.pid";
  create("c1", {"--pid-file", pid_file.string()});
  const std::string pid_text = read_file(pid_file);
  ASSERT_FALSE(pid_text.empty());
  EXPECT_EQ(pid_text.find_first_not_of("0123456789"), std::string::npos)
      << "decimal without newline: \"" << pid_text << "\"";

  auto s = state("c1");
  EXPECT_EQ(s["status"], "created");
  EXPECT_EQ(s["pid"], std::stoi(pid_text));
  EXPECT_EQ(s["id"], "c1");
  EXPECT_EQ(s["bundle"], bundle().string());
  EXPECT_TRUE(s["created"].get<std::string>().ends_with("Z"));
  EXPECT_TRUE(s.contains("ociVersion"));
  // No runtime process stays behind as the container's parent.
  EXPECT_EQ(kill(std::stoi(pid_text), 0), 0);

  Result r = runtime({"start", "c1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(state("c1")["status"], "running");
  r = runtime({"start", "c1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("running"), std::string::npos) << r.err;

  r = runtime({"delete", "c1"});
  EXPECT_EQ(r.exit_code, 1) << "a running container needs --force";
  EXPECT_NE(r.err.find("not stopped"), std::string::npos) << r.err;

  r = runtime({"kill", "c1", "KILL"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  s = wait_for_status("c1", "stopped");
  EXPECT_EQ(s["status"], "stopped");
  EXPECT_EQ(s["pid"], 0);

  r = runtime({"kill", "c1", "TERM"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("container not running"), std::string::npos) << r.err;

  r = runtime({"delete", "c1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(runtime({"state", "c1"}).err.find("container does not exist"), std::string::npos);
  EXPECT_EQ(runtime({"list", "-q"}).out, "");
}

TEST_F(RuntimeCli, CreatedContainerCanBeDeletedAndForcedDeleteRepeats) {
  make_busybox_bundle({"sleep", "1000"});
  create("c2");
  const int pid = state("c2")["pid"].get<int>();
  Result r = runtime({"delete", "c2"});
  EXPECT_EQ(r.exit_code, 0) << "containerd deletes never-started containers: " << r.err;
  create("c3");
  r = runtime({"start", "c3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = runtime({"delete", "--force", "c3"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = runtime({"delete", "--force", "c3"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // Its parent is init now (create has exited), which reaps it a moment after the kill.
  for (int i = 0; i < 200 && kill(pid, 0) == 0; ++i) usleep(10000);
  EXPECT_NE(kill(pid, 0), 0) << "the created container's process is gone";
  EXPECT_EQ(runtime({"list", "-q"}).out, "");
}

TEST_F(RuntimeCli, SecondCreateWithTheSameIdFails) {
  make_busybox_bundle({"sleep", "1000"});
  create("c4");
  const Result r = runtime({"create", "--bundle", bundle().string(), "c4"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "mydocker-runtime: container with id exists: c4\n");
  EXPECT_EQ(state("c4")["status"], "created");
}

TEST_F(RuntimeCli, RunReturnsTheProgramsStatusAndCleansUp) {
  make_busybox_bundle({"sh", "-c", "exit 3"});
  const Result r = runtime({"run", "--bundle", bundle().string(), "c5"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(runtime({"list", "-q"}).out, "");
}

TEST_F(RuntimeCli, DeleteForceSweepsADirectoryWhoseCreateDied) {
  fs::create_directories(dir_.path() / "root" / "half");
  EXPECT_EQ(runtime({"list", "-q"}).out, "half\n");
  const Result r = runtime({"delete", "--force", "half"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(dir_.path() / "root" / "half"));
}

}  // namespace
}  // namespace mydocker::test
