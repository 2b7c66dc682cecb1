// The pivot_root isolator as a user sees it: what a process inside can see and do, checked
// against what `docker run` allows by default, and docker's run flags.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness.hpp"
#include "terminal_session.hpp"

namespace mydocker::test {
namespace {

namespace fs = std::filesystem;

// Docker's default capability set: CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP
// NET_BIND_SERVICE NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP.
constexpr const char* kDockerCaps = "00000000a80425fb";

class PivotRoot : public ::testing::Test {
 protected:
  Result run(const std::vector<std::string>& flags, const std::vector<std::string>& command,
             const std::string& image = "busybox-oci") {
    return mydocker(args(flags, command, image));
  }
  std::vector<std::string> args(const std::vector<std::string>& flags,
                                const std::vector<std::string>& command,
                                const std::string& image = "busybox-oci") {
    std::vector<std::string> a{"--root", store.str(), "run", "--isolation=pivot_root"};
    a.insert(a.end(), flags.begin(), flags.end());
    a.push_back(images_dir() + "/" + image);
    a.insert(a.end(), command.begin(), command.end());
    return a;
  }
  Result sh(const std::string& script, const std::vector<std::string>& flags = {}) {
    return run(flags, {"sh", "-c", script});
  }
  // The value of a field of /proc/self/status inside the container.
  std::string status_field(const std::string& field, const std::vector<std::string>& flags = {}) {
    const auto r = sh("grep '^" + field + ":' /proc/self/status | cut -f2", flags);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  TempDir store;
};

std::string host_hostname() {
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  return name;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST_F(PivotRoot, CommandIsPid1WithItsOwnHostnameAndOnlyLoopback) {
  const auto r =
      sh("echo $$; hostname; tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '; "
         "cat /sys/class/net/lo/operstate /sys/class/net/lo/flags");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out = lines(r.out);
  ASSERT_EQ(out.size(), 5u) << r.out;
  EXPECT_EQ(out[0], "1");
  EXPECT_EQ(out[1].size(), 12u) << "the container id's first 12 characters, as docker";
  EXPECT_NE(out[1], host_hostname());
  EXPECT_EQ(out[2], "lo") << "only loopback in /proc/net/dev";
  EXPECT_EQ(std::stoul(out[4], nullptr, 16) & 1, 1u) << "lo is up (IFF_UP): " << out[4];

  EXPECT_EQ(sh("hostname; cat /etc/hostname; echo $HOSTNAME", {"--hostname", "web1"}).out,
            "web1\nweb1\nweb1\n");
  EXPECT_NE(sh("cat /etc/hosts", {"--hostname", "web1"}).out.find("\tweb1\n"), std::string::npos);
}

TEST_F(PivotRoot, NetworkHostSharesTheHostsInterfaces) {
  std::ifstream host_dev("/proc/net/dev");
  std::stringstream host;
  host << host_dev.rdbuf();
  const auto r =
      sh("tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort; hostname", {"--network=host"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto names = lines(r.out);
  ASSERT_GE(names.size(), 2u);
  EXPECT_EQ(names.back(), host_hostname());
  for (std::size_t i = 0; i + 1 < names.size(); ++i) {
    EXPECT_NE(host.str().find(names[i] + ":"), std::string::npos) << names[i];
  }
  EXPECT_EQ(run({"--network=bridge"}, {"true"}).exit_code, 125);
}

TEST_F(PivotRoot, CapabilitiesAreDockersDefaultSet) {
  const auto r = sh("grep -E '^(Cap|NoNewPrivs|Seccomp:)' /proc/self/status");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, std::string("CapInh:\t0000000000000000\n") + "CapPrm:\t" + kDockerCaps +
                       "\nCapEff:\t" + kDockerCaps + "\nCapBnd:\t" + kDockerCaps +
                       "\nCapAmb:\t0000000000000000\nNoNewPrivs:\t1\nSeccomp:\t2\n");
}

TEST_F(PivotRoot, CapAddAndCapDrop) {
  EXPECT_EQ(status_field("CapEff", {"--cap-drop", "ALL", "--cap-add", "NET_ADMIN"}),
            "0000000000001000\n");
  EXPECT_EQ(status_field("CapBnd", {"--cap-drop", "ALL", "--cap-add", "cap_net_admin"}),
            "0000000000001000\n");
  EXPECT_EQ(status_field("CapEff", {"--cap-drop", "CHOWN", "--cap-drop", "mknod"}),
            "00000000a00425fa\n");
  const auto r = run({"--cap-add", "NOT_A_CAP"}, {"true"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("unknown capability \"NOT_A_CAP\""), std::string::npos) << r.err;
}

TEST_F(PivotRoot, SeccompBlocksWhatDockerBlocksUnlessUnconfined) {
  auto r = sh("unshare -m true; echo unshare=$?; mount -t tmpfs none /mnt; echo mount=$?");
  EXPECT_EQ(r.out, "unshare=1\nmount=1\n") << r.err;
  // With CAP_SYS_ADMIN the filter lets unshare through, as Docker's profile does.
  r = sh("unshare -m true && echo unshare-ok", {"--cap-add", "SYS_ADMIN"});
  EXPECT_EQ(r.out, "unshare-ok\n") << r.err;
  EXPECT_EQ(status_field("Seccomp", {"--security-opt", "seccomp=unconfined"}), "0\n");
  EXPECT_EQ(run({"--security-opt", "apparmor=x"}, {"true"}).exit_code, 125);
}

TEST_F(PivotRoot, HostProcessesAndMountsAreInvisible) {
  const auto r = sh("ls -d /proc/[0-9]* | wc -l; cut -d' ' -f5 /proc/self/mountinfo");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto out = lines(r.out);
  ASSERT_FALSE(out.empty());
  EXPECT_LE(std::stoi(out[0]), 3) << "sh, ls and wc at most";
  out.erase(out.begin());
  for (const auto& mount_point : out) {
    const bool ours = mount_point == "/" || mount_point.starts_with("/proc") ||
                      mount_point.starts_with("/dev") || mount_point.starts_with("/sys") ||
                      mount_point == "/etc/hostname" || mount_point == "/etc/hosts" ||
                      mount_point == "/etc/resolv.conf";
    EXPECT_TRUE(ours) << "a mount the container should not see: " << mount_point;
  }
}

TEST_F(PivotRoot, DevHoldsOnlyTheStandardDevices) {
  const auto r = sh("ls /dev; ls -l /dev/ptmx | cut -c1");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "fd\nfull\nmqueue\nnull\nptmx\npts\nrandom\nshm\nstderr\nstdin\nstdout\ntty\n"
            "urandom\nzero\nl\n");
}

TEST_F(PivotRoot, KernelInterfacesAreReadOnlyOrMasked) {
  const auto r =
      sh("echo 1 > /proc/sys/kernel/domainname; echo sys=$?;"
         "echo x > /sys/kernel/uevent_helper; echo sysfs=$?;"
         "touch /proc/acpi/x; echo acpi=$?; touch /sys/firmware/x; echo firmware=$?;"
         "wc -c < /proc/timer_list; ls /sys/firmware | wc -l;"
         "mknod /dev/sda b 8 0; echo mknod-dev=$?; mknod /tmp/sda b 8 0; echo mknod-tmp=$?;"
         "mknod /tmp/fifo p; echo fifo=$?");
  EXPECT_EQ(r.out, "sys=1\nsysfs=1\nacpi=1\nfirmware=1\n0\n0\nmknod-dev=1\nmknod-tmp=1\nfifo=0\n");
  EXPECT_NE(r.err.find("Read-only file system"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mknod: /dev/sda: Operation not permitted"), std::string::npos) << r.err;
}

TEST_F(PivotRoot, DeviceNodesMadeInsideAreUnusableEvenWithoutSeccomp) {
  // CAP_MKNOD is kept, as in Docker; /dev and the rootfs are nodev, so the node is inert.
  const auto r =
      sh("mknod /dev/sda b 8 0 && echo made; head -c 1 /dev/sda; echo read=$?;"
         "mknod /tmp/mem c 1 1 && echo made; head -c 1 /tmp/mem; echo read=$?;"
         "echo ok > /dev/null && echo null-works",
         {"--security-opt", "seccomp=unconfined"});
  EXPECT_EQ(r.out, "made\nread=1\nmade\nread=1\nnull-works\n") << r.err;
}

TEST_F(PivotRoot, MemoryLimitOverrunIsAnOomKillExiting137) {
  const std::string hog = "x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo survived";
  EXPECT_EQ(sh(hog, {"--memory", "32m"}).exit_code, 137);
  const auto r = sh(hog, {"--memory", "512m"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "survived\n");
}

TEST_F(PivotRoot, CgroupFilesShowTheContainersOwnLimitsReadOnly) {
  const auto r =
      sh("cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || "
         "cat /sys/fs/cgroup/memory.max; grep -c . /proc/self/cgroup >/dev/null;"
         "cut -d: -f3 /proc/self/cgroup | sort -u; mkdir /sys/fs/cgroup/x; echo mkdir=$?",
         {"--memory", "64m"});
  EXPECT_EQ(r.out, "67108864\n/\nmkdir=1\n") << "the cgroup namespace hides the host's path";
}

TEST_F(PivotRoot, PidsLimitMakesForkFail) {
  const std::string forks = "for i in 1 2 3 4 5 6 7 8; do sleep 1 & done; echo forked";
  auto r = sh(forks, {"--pids-limit", "5"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("can't fork"), std::string::npos) << r.err;
  r = sh(forks, {"--pids-limit", "20"});
  EXPECT_EQ(r.out, "forked\n") << r.err;
}

// The host directory of a process's cgroup for a v1 controller (or the v2 cgroup).
fs::path cgroup_dir_of(int pid, const std::string& controller) {
  const bool v2 = !fs::exists("/sys/fs/cgroup/" + controller);
  std::ifstream in("/proc/" + std::to_string(pid) + "/cgroup");
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find(':');
    const auto second = line.find(':', first + 1);
    const std::string controllers = line.substr(first + 1, second - first - 1);
    if ((v2 && controllers.empty()) || (!v2 && controllers == controller)) {
      const fs::path top = v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/" + controller;
      return top / fs::path(line.substr(second + 1)).relative_path();
    }
  }
  return {};
}

std::string first_word_of(const fs::path& file) {
  std::ifstream in(file);
  std::string word;
  in >> word;
  return word;
}

TEST_F(PivotRoot, CgroupHoldsTheLimitsAndIsRemovedAtExit) {
  Background bg(args({"--pids-limit", "7", "--cpus", "0.5"}, {"explorer", "wait_signal"}));
  ASSERT_TRUE(bg.wait_for_stdout("ready\n"));
  const int container = first_child_of(bg.pid());
  ASSERT_GT(container, 0);
  const fs::path pids = cgroup_dir_of(container, "pids");
  const fs::path cpu = cgroup_dir_of(container, "cpu");
  ASSERT_NE(pids.string().find("mydocker"), std::string::npos) << pids;
  EXPECT_EQ(first_word_of(pids / "pids.max"), "7");
  // Half a CPU: 50 ms of every 100 ms period.
  EXPECT_EQ(first_word_of(fs::exists(cpu / "cpu.max") ? cpu / "cpu.max" : cpu / "cpu.cfs_quota_us"),
            "50000");
  kill(bg.pid(), SIGTERM);
  const auto r = bg.wait();
  EXPECT_EQ(r.exit_code, 128 + SIGTERM) << r.err;
  EXPECT_FALSE(fs::exists(pids)) << pids;
  EXPECT_FALSE(fs::exists(cpu)) << cpu;
}

TEST_F(PivotRoot, SymlinkedMountPointsInTheImageStayInside) {
  fs::remove_all("/tmp/mydocker-hostile");
  fs::create_directories("/tmp/mydocker-hostile/proc");
  fs::create_directories("/tmp/mydocker-hostile/dev");
  fs::create_directories("/tmp/mydocker-hostile/sys");
  { std::ofstream("/tmp/mydocker-hostile/hosts") << "host file\n"; }
  TempDir volume;
  { std::ofstream(volume.path() / "f") << "from the volume\n"; }

  const auto r = run({"-v", volume.str() + ":/vol-link/v"},
                     {"sh", "-c",
                      "for d in /proc /dev /sys; do [ -d $d ] && [ ! -L $d ] && echo $d dir; "
                      "done; echo pid $$; cat /etc/hostname | wc -c;"
                      "cat /tmp/v/f; ls /dev/null"},
                     "hostile-mounts-oci");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "/proc dir\n/dev dir\n/sys dir\npid 1\n13\nfrom the volume\n/dev/null\n");
  // Nothing reached the host's directories the symlinks name.
  for (const char* dir : {"proc", "dev", "sys"}) {
    EXPECT_TRUE(fs::is_empty(fs::path("/tmp/mydocker-hostile") / dir)) << dir;
  }
  std::ifstream hosts("/tmp/mydocker-hostile/hosts");
  std::string line;
  std::getline(hosts, line);
  EXPECT_EQ(line, "host file");
  fs::remove_all("/tmp/mydocker-hostile");
}

TEST_F(PivotRoot, NoHostFileDescriptorReachesTheContainer) {
  // Opened without close-on-exec: mydocker inherits it, the container must not.
  const int leaked = open("/etc/passwd", O_RDONLY);
  ASSERT_GE(leaked, 3);
  auto r = sh("ls /proc/self/fd");
  EXPECT_EQ(r.out, "0\n1\n2\n3\n") << "stdio and ls's own directory only";
  r = sh("ls /proc/1/fd", {"--init"});
  EXPECT_EQ(r.out, "0\n1\n2\n") << "the init keeps nothing either";
  close(leaked);
}

TEST_F(PivotRoot, UserFromTheImagesPasswd) {
  auto r = sh("id; echo $HOME; grep CapEff /proc/self/status", {"-u", "nobody"});
  EXPECT_EQ(r.out,
            "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n/nonexistent\n"
            "CapEff:\t0000000000000000\n")
      << r.err;
  r = sh("id -u; id -g", {"--user", "1234:5678"});
  EXPECT_EQ(r.out, "1234\n5678\n");
  r = sh("id -u; id -g", {"-u", "nobody:root"});
  EXPECT_EQ(r.out, "65534\n0\n");
  r = run({"-u", "no-such-user"}, {"true"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("unable to find user no-such-user"), std::string::npos) << r.err;
}

TEST_F(PivotRoot, EnvAndEnvFile) {
  TempDir dir;
  const auto env_file = dir.path() / "env";
  { std::ofstream(env_file) << "# settings\nFROM_FILE=file\nA=from-file\n"; }
  setenv("MYDOCKER_TEST_PASSED", "passed through", 1);
  const auto r = sh("echo $A $FROM_FILE $GREETING; echo $MYDOCKER_TEST_PASSED",
                    {"--env-file", env_file.string(), "-e", "A=flag", "--env", "GREETING=hi", "-e",
                     "MYDOCKER_TEST_PASSED"});
  EXPECT_EQ(r.out, "flag file hi\npassed through\n") << r.err;
  EXPECT_EQ(run({"--env-file", "/nonexistent/env"}, {"true"}).exit_code, 125);
}

TEST_F(PivotRoot, WorkdirIsCreatedAndEntered) {
  EXPECT_EQ(sh("pwd", {"-w", "/new/work/dir"}).out, "/new/work/dir\n");
  EXPECT_EQ(sh("pwd").out, "/home\n") << "the image's WorkingDir";
  EXPECT_EQ(run({"-w", "relative"}, {"true"}).exit_code, 125);
}

TEST_F(PivotRoot, VolumesReadWriteAndReadOnly) {
  TempDir host;
  { std::ofstream(host.path() / "in") << "host data\n"; }
  auto r = sh("cat /data/in; echo written > /data/out", {"-v", host.str() + ":/data"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "host data\n");
  std::ifstream out(host.path() / "out");
  std::string line;
  std::getline(out, line);
  EXPECT_EQ(line, "written");

  r = sh("cat /data/in; touch /data/x", {"-v", host.str() + ":/data:ro"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.out, "host data\n");
  EXPECT_NE(r.err.find("Read-only file system"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(host.path() / "x"));

  r = run({"-v", "named-volume:/data"}, {"true"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("absolute"), std::string::npos) << r.err;
}

TEST_F(PivotRoot, ReadOnlyRootKeepsTheUsualWritablePlaces) {
  const auto r =
      sh("touch /x; echo root=$?; echo ok > /dev/shm/x; echo shm=$?;"
         "echo '# more' >> /etc/hosts; echo hosts=$?",
         {"--read-only"});
  EXPECT_EQ(r.out, "root=1\nshm=0\nhosts=0\n") << r.err;
}

TEST_F(PivotRoot, EntrypointFlag) {
  EXPECT_EQ(run({"--entrypoint", "/bin/echo"}, {"a", "b"}).out, "a b\n");
  // entry-oci's Entrypoint would print "from-entrypoint"; an empty one leaves the command.
  EXPECT_EQ(run({"--entrypoint", ""}, {"echo", "plain"}, "entry-oci").out, "plain\n");
  EXPECT_EQ(run({"--entrypoint", "/bin/echo"}, {}, "entry-oci").out, "\n")
      << "the image's Cmd goes with its Entrypoint";
}

TEST_F(PivotRoot, InitReapsOrphansThatThePlainCommandLeavesAsZombies) {
  // PID 1 is `sleep`, which never waits; the orphaned `sleep 0.1` is re-parented to PID 1.
  const std::string script =
      "(sleep 0.5; grep -l '^State:.*Z' /proc/[0-9]*/status | wc -l) & "
      "sh -c 'sleep 0.1 &'; exec sleep 1";
  EXPECT_EQ(sh(script).out, "1\n");
  EXPECT_EQ(sh(script, {"--init"}).out, "0\n");
  const auto r =
      sh("cat /proc/1/comm; echo $$; cat /proc/1/environ; echo environ=$?;"
         "tr '\\0' '\\n' < /proc/1/cmdline | grep -v '^$'",
         {"--init"});
  EXPECT_EQ(r.out, "init\n2\nenviron=1\ninit\n")
      << "the init's memory and mydocker's command line stay private: " << r.err;
  EXPECT_EQ(sh("exit 7", {"--init"}).exit_code, 7);
}

TEST_F(PivotRoot, InitForwardsSignals) {
  Background bg(args({"--init"}, {"explorer", "wait_signal"}));
  ASSERT_TRUE(bg.wait_for_stdout("ready\n"));
  kill(bg.pid(), SIGUSR1);
  const auto r = bg.wait();
  EXPECT_EQ(r.exit_code, 128 + SIGUSR1) << r.err;
  EXPECT_EQ(r.out, "ready\ncaught SIGUSR1\n");
}

TEST_F(PivotRoot, StdinOnlyWithInteractive) {
  auto r = mydocker(RunSpec{args({}, {"cat"}), "typed\n", 60});
  EXPECT_EQ(r.out, "");
  r = mydocker(RunSpec{args({"-i"}, {"cat"}), "typed\n", 60});
  EXPECT_EQ(r.out, "typed\n");
}

TEST_F(PivotRoot, TtyGivesAnInteractiveShellTheTerminalsSizeAndKeys) {
  const auto r = run_on_terminal(
      mydocker_argv(args({"-it", "--progress=quiet"}, {"sh"})),
      {{"# ", "stty size; [ -t 0 ] && echo on-a-tty\r"},
       // Ctrl-C reaches the container's terminal as a key and interrupts only the sleep.
       {"on-a-tty\r\n", "sleep 20\r"},
       {"sleep 20\r\n", "\x03"},
       {"# ", "stty size; exit 3\r", 40, 120}});
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("33 111\r\non-a-tty\r\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("40 120\r\n"), std::string::npos) << "resized: " << r.out;
}

TEST_F(PivotRoot, TtyWithoutATerminalStillGivesTheContainerOne) {
  auto r = sh("[ -t 0 ] && [ -t 1 ] && echo tty; echo err >&2", {"-t"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "tty\r\nerr\r\n") << "one terminal carries stdout and stderr, as in docker";
  // The terminal is the container's own, from its devpts, and belongs to its user.
  r = sh("tty; stat -c %u $(tty); ls -1 /dev/pts", {"-t", "-u", "nobody"});
  EXPECT_EQ(r.out, "/dev/pts/0\r\n65534\r\n0\r\nptmx\r\n") << r.err;
}

TEST_F(PivotRoot, ChrootRefusesWhatOnlyPivotRootDoes) {
  for (const auto& flag : std::vector<std::vector<std::string>>{{"--memory", "64m"},
                                                                {"--pids-limit", "10"},
                                                                {"--cap-add", "NET_ADMIN"},
                                                                {"--network", "none"}}) {
    std::vector<std::string> a{"--root", store.str(), "run", "--isolation=chroot"};
    a.insert(a.end(), flag.begin(), flag.end());
    a.push_back(images_dir() + "/busybox-oci");
    a.push_back("true");
    const auto r = mydocker(a);
    EXPECT_EQ(r.exit_code, 125) << flag[0];
    EXPECT_NE(r.err.find("use --isolation=pivot_root"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace mydocker::test
