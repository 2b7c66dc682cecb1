// `mydocker run` with the local source and the chroot isolator, as a user sees it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "harness.hpp"

namespace mydocker::test {
namespace {

class RunLocal : public ::testing::Test {
 protected:
  Result run(const std::string& image, const std::vector<std::string>& command,
             const std::vector<std::string>& run_flags = {}) {
    std::vector<std::string> args{"--root", store.str(), "run"};
    args.insert(args.end(), run_flags.begin(), run_flags.end());
    args.push_back(image);
    args.insert(args.end(), command.begin(), command.end());
    return mydocker(args);
  }
  std::string img(const std::string& name) { return images_dir() + "/" + name; }

  TempDir store;
};

TEST_F(RunLocal, EveryArchiveFormatRuns) {
  const std::vector<std::string> refs = {
      "docker-archive:" + img("busybox-docker.tar"),
      "docker-archive:" + img("busybox-classic.tar"),
      "docker-archive:" + img("busybox-docker25.tar") + ":busybox:latest",
      img("busybox-classic.tar"),
      img("busybox-docker25.tar"),
      "oci:" + img("busybox-oci") + ":latest",
      "oci:" + img("busybox-oci"),
      img("busybox-oci"),
      "oci-archive:" + img("busybox-oci.tar") + ":latest",
      img("busybox-oci.tar"),
  };
  for (const auto& ref : refs) {
    const auto r = run(ref, {"/usr/local/bin/explorer", "cat", "/etc/image-name"},
                       {"--source=local", "--isolation=chroot"});
    EXPECT_EQ(r.exit_code, 0) << ref << ": " << r.err;
    EXPECT_EQ(r.out, "busybox\n") << ref;
    EXPECT_EQ(r.err, "") << ref;
  }
}

TEST_F(RunLocal, EchoPrintsExactlyTheCommandsOutput) {
  const auto r = run("docker-archive:" + img("busybox-docker.tar"), {"/bin/echo", "hey"},
                     {"--source=local", "--isolation=chroot"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "hey\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(RunLocal, StdoutAndStderrStaySeparateAndExitStatusIsTheCommands) {
  const auto r =
      run(img("busybox-docker.tar"), {"/bin/sh", "-c", "echo out; echo err >&2; exit 3"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
}

TEST_F(RunLocal, CommandIsPidOneWithItsOwnProc) {
  const auto r = run("oci:" + img("busybox-oci") + ":latest", {"/usr/local/bin/explorer", "mypid"});
  EXPECT_EQ(r.out, "1\n");
  // Only the container's own process is visible in /proc: explorer itself, as PID 1.
  const auto ls = run(img("busybox-oci"), {"explorer", "ls", "/proc"});
  std::string pids;
  std::istringstream names(ls.out);
  for (std::string name; std::getline(names, name);) {
    if (!name.empty() && std::all_of(name.begin(), name.end(), ::isdigit)) pids += name + "\n";
  }
  EXPECT_EQ(pids, "1\n") << ls.out << ls.err;
}

TEST_F(RunLocal, ImageCmdEnvAndWorkingDirAreHonoured) {
  auto r = run(img("busybox-oci"), {});
  EXPECT_EQ(r.out, "hello from cmd\n");
  EXPECT_EQ(r.exit_code, 0);
  r = run(img("busybox-oci"), {"explorer", "env"});
  EXPECT_NE(r.out.find("GREETING=hello\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"),
            std::string::npos);
  EXPECT_EQ(run(img("busybox-oci"), {"explorer", "cwd"}).out, "/home\n");
}

TEST_F(RunLocal, EntrypointTakesTheCommandAsArguments) {
  EXPECT_EQ(run(img("entry-oci"), {}).out, "from-entrypoint default-arg\n");
  EXPECT_EQ(run(img("entry-oci"), {"x", "y"}).out, "from-entrypoint x y\n");
}

TEST_F(RunLocal, ArchivesWithSeveralImagesNeedAChoice) {
  EXPECT_EQ(run("docker-archive:" + img("multi-docker.tar") + ":entry:latest", {}).out,
            "from-entrypoint default-arg\n");
  EXPECT_EQ(run("oci:" + img("multi-oci") + ":entry", {}).out, "from-entrypoint default-arg\n");
  EXPECT_EQ(run("oci:" + img("multi-oci") + ":latest", {}).out, "hello from cmd\n");

  auto r = run("docker-archive:" + img("multi-docker.tar"), {});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("busybox:latest"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("entry:latest"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");

  r = run("oci:" + img("multi-oci") + ":nosuchtag", {});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("entry"), std::string::npos) << r.err;
}

TEST_F(RunLocal, StdinIsPassedThroughWithInteractive) {
  std::vector<std::string> args{"--root",           store.str(), "run", "-i",
                                img("busybox-oci"), "explorer",  "cat", "-"};
  auto r = mydocker(RunSpec{args, "piped input\nline two\n", 60});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "piped input\nline two\n");
  // Without -i the container reads nothing, as with docker.
  args.erase(args.begin() + 3);
  r = mydocker(RunSpec{args, "piped input\n", 60});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

void expect_signal_forwarded(const std::string& store, const std::string& image, int sig,
                             const std::string& name) {
  Background bg({"--root", store, "run", image, "explorer", "wait_signal"});
  ASSERT_TRUE(bg.wait_for_stdout("ready\n"));
  kill(bg.pid(), sig);
  const auto r = bg.wait();
  EXPECT_EQ(r.exit_code, 128 + sig) << r.err;
  EXPECT_EQ(r.out, "ready\ncaught " + name + "\n");
}

TEST_F(RunLocal, SigtermAndSigintAreForwarded) {
  expect_signal_forwarded(store.str(), img("busybox-oci"), SIGTERM, "SIGTERM");
  expect_signal_forwarded(store.str(), img("busybox-oci"), SIGINT, "SIGINT");
}

TEST_F(RunLocal, KilledBySignalNExitsWith128PlusN) {
  Background bg({"--root", store.str(), "run", img("busybox-oci"), "explorer", "sleep", "30"});
  const int container = first_child_of(bg.pid());
  ASSERT_GT(container, 0);
  // Give the child time to exec, then kill it from the host (an ancestor namespace).
  usleep(300 * 1000);
  kill(container, SIGKILL);
  EXPECT_EQ(bg.wait().exit_code, 137);
}

TEST_F(RunLocal, MissingCommandIs127AndNotExecutableIs126) {
  auto r = run(img("busybox-oci"), {"/nonexistent/cmd"});
  EXPECT_EQ(r.exit_code, 127);
  EXPECT_NE(r.err.find("\"/nonexistent/cmd\""), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;

  r = run(img("busybox-oci"), {"nosuchcommand", "arg"});
  EXPECT_EQ(r.exit_code, 127);
  EXPECT_NE(r.err.find("\"nosuchcommand\""), std::string::npos) << r.err;

  r = run(img("busybox-oci"), {"/etc/passwd"});
  EXPECT_EQ(r.exit_code, 126);
  EXPECT_NE(r.err.find("\"/etc/passwd\""), std::string::npos) << r.err;
}

TEST_F(RunLocal, AbsoluteHostExecutableMissingFromTheImageIsCopiedIn) {
  const std::string host_explorer = explorer_on_host();
  // A habit of the chroot isolator only; pivot_root runs nothing the image does not hold.
  auto r = run(img("busybox-oci"), {host_explorer, "echo", "copied"}, {"--isolation=chroot"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "copied\n");
  EXPECT_EQ(r.err, "");
  r = mydocker({"--log-level", "info", "--root", store.str(), "run", "--isolation=chroot",
                img("busybox-oci"), host_explorer, "mypid"});
  EXPECT_EQ(r.out, "1\n");
  EXPECT_NE(r.err.find("copied the host's executable"), std::string::npos) << r.err;
}

TEST_F(RunLocal, ContainerWritesNeverReachTheHostAndHostFilesAreInvisible) {
  const std::string marker = "/tmp/mydocker-marker-" + std::to_string(getpid());
  auto r = run(img("busybox-oci"), {"explorer", "write", marker, "inside"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists(marker));
  // A second container starts from the image again, not from the first one's changes.
  r = run(img("busybox-oci"), {"explorer", "cat", marker});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "No such file or directory\n");

  const std::string host_file = "/tmp/mydocker-host-only-" + std::to_string(getpid());
  std::ofstream(host_file) << "host secret\n";
  r = run(img("busybox-oci"), {"explorer", "cat", host_file});
  std::filesystem::remove(host_file);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
}

bool host_has_mount_under(const std::string& dir) {
  std::ifstream mounts("/proc/self/mountinfo");
  std::string line;
  while (std::getline(mounts, line)) {
    if (line.find(dir) != std::string::npos) return true;
  }
  return false;
}

TEST_F(RunLocal, RootfsIsRemovedWhenTheRunEndsHoweverItEnds) {
  run(img("busybox-oci"), {"explorer", "echo", "ok"});
  run(img("busybox-oci"), {"explorer", "exit", "3"});
  run(img("busybox-oci"), {"/no/such/command"});
  {
    Background bg({"--root", store.str(), "run", img("busybox-oci"), "explorer", "wait_signal"});
    ASSERT_TRUE(bg.wait_for_stdout("ready\n"));
    kill(bg.pid(), SIGTERM);
    bg.wait();
  }
  {
    // Even SIGKILL leaves nothing mounted and no rootfs (only an empty directory may remain).
    Background bg({"--root", store.str(), "run", img("busybox-oci"), "explorer", "wait_signal"});
    ASSERT_TRUE(bg.wait_for_stdout("ready\n"));
    kill(bg.pid(), SIGKILL);
    bg.wait();
  }
  const auto containers = store.path() / "containers";
  for (const auto& entry : std::filesystem::directory_iterator(containers)) {
    EXPECT_TRUE(std::filesystem::is_empty(entry.path())) << entry.path();
  }
  EXPECT_FALSE(host_has_mount_under(store.str()));
}

TEST_F(RunLocal, WhiteoutsAndOpaqueDirectoriesFollowTheOciSpec) {
  const auto image = "oci:" + img("layers-oci") + ":latest";
  EXPECT_EQ(run(image, {"explorer", "ls", "/data"}).out, "added\ngone\nkeep\n");
  EXPECT_EQ(run(image, {"explorer", "cat", "/data/gone"}).out, "back\n");
  EXPECT_EQ(run(image, {"explorer", "ls", "/opq"}).out, "new\n");
  EXPECT_EQ(run(image, {"explorer", "ls", "/opq2"}).out, "new\n");
  const auto r = run(image, {"explorer", "ls", "/data/dir"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "No such file or directory\n");
}

}  // namespace
}  // namespace mydocker::test
