// launch_container and join_container on a real, tiny container (busybox), as root: the start
// gate holds the process until `start` reads the fifo, the hostname and user are the plan's,
// a missing program is 127, a non-root process has no capabilities, and `exec` joins the
// container's namespaces as a child of the caller. Skipped without root.
#include <fcntl.h>
#include <linux/capability.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "container_launch.hpp"
#include "mydocker/errors.hpp"
#include "mydocker/fd_passing.hpp"

namespace mydocker::isolation {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBusybox = "/bin/busybox";

// bin/busybox, bin/sh -> busybox, empty proc and dev: enough for busybox applets.
class TinyRootfs {
 public:
  TinyRootfs() {
    char tmpl[] = "/tmp/launch-root-test-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    // Searchable by a user namespace's root, which the host sees as an unprivileged user.
    fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    fs::create_directories(dir_ / "rootfs/bin");
    fs::create_directories(dir_ / "rootfs/proc");
    fs::create_directories(dir_ / "rootfs/dev/pts");
    fs::copy_file(kBusybox, dir_ / "rootfs/bin/busybox");
    fs::create_symlink("busybox", dir_ / "rootfs/bin/sh");
  }
  ~TinyRootfs() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  std::string rootfs() const { return (dir_ / "rootfs").string(); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

 private:
  fs::path dir_;
};

// Reads everything until EOF.
std::string read_all(int fd) {
  std::string out;
  char buf[256];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  return out;
}

struct Pipe {
  UniqueFd read_end;
  UniqueFd write_end;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw Error("pipe");
    read_end.reset(fds[0]);
    write_end.reset(fds[1]);
  }
};

int wait_exit_code(pid_t pid) {
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string status_field(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(field + ":")) {
      std::istringstream rest(line.substr(field.size() + 1));
      std::string value;
      rest >> value;
      return value;
    }
  }
  return "";
}

class LaunchRoot : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root: real namespaces and pivot_root";
    if (!fs::exists(kBusybox)) GTEST_SKIP() << "needs busybox-static at /bin/busybox";
  }

  ContainerPlan plan(std::vector<std::string> args) const {
    ContainerPlan p;
    p.id = "launch-root-test";
    p.rootfs = root_.rootfs();
    p.namespaces = {{CLONE_NEWNS, ""}, {CLONE_NEWPID, ""}, {CLONE_NEWUTS, ""}, {CLONE_NEWIPC, ""}};
    p.hostname = "tiny-box";
    p.process.args = std::move(args);
    p.mounts = {{"/proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, 0, ""}};
    p.process.env = {"PATH=/usr/bin:/bin"};
    const CapabilitySet held = caller_capabilities().permitted;
    p.process.capabilities = {held, held, 0, held, 0};
    return p;
  }

  LaunchOptions output_to(const Pipe& out) const {
    LaunchOptions o;
    o.stdout_fd = out.write_end.get();
    o.die_with_caller = true;
    o.who = "launch test";
    return o;
  }

  TinyRootfs root_;
};

TEST_F(LaunchRoot, StartGateHoldsTheProcessUntilTheFifoIsRead) {
  const std::string fifo = root_.path("exec.fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0622), 0);
  Pipe out;
  LaunchOptions options = output_to(out);
  options.start_fifo = fifo;
  LaunchedContainer c = launch_container(plan({"sh", "-c", "busybox hostname"}), options);
  out.write_end.reset();

  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  int status = 0;
  EXPECT_EQ(::waitpid(c.pid(), &status, WNOHANG), 0) << "the process must wait at the gate";
  pollfd p{out.read_end.get(), POLLIN, 0};
  EXPECT_EQ(::poll(&p, 1, 0), 0) << "nothing ran before start";

  // As `start` does, but without hanging the test if the process died at the gate.
  const UniqueFd start(::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  ASSERT_TRUE(start);
  pollfd ready{start.get(), POLLIN, 0};
  ASSERT_EQ(::poll(&ready, 1, 5000), 1);
  char byte = 0;
  EXPECT_EQ(::read(start.get(), &byte, 1), 1);
  EXPECT_EQ(read_all(out.read_end.get()), "tiny-box\n");
  EXPECT_EQ(wait_exit_code(c.pid()), 0);
}

// A process in the container holds the container's capabilities, not CAP_SYS_PTRACE. Until
// the exec, the container process still has the runtime's descriptors: such a process must
// not reach them through /proc/PID/fd, as it could if the container process were dumpable.
TEST_F(LaunchRoot, WaitingProcessIsNotReachableThroughProc) {
  const std::string fifo = root_.path("exec.fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0622), 0);
  Pipe out;
  LaunchOptions options = output_to(out);
  options.start_fifo = fifo;
  ContainerPlan p = plan({"/bin/busybox", "true"});
  const CapabilitySet without_ptrace = p.process.capabilities.permitted & ~(1ULL << CAP_SYS_PTRACE);
  p.process.capabilities = {without_ptrace, without_ptrace, 0, without_ptrace, 0};
  LaunchedContainer c = launch_container(p, options);

  const pid_t observer = ::fork();
  ASSERT_GE(observer, 0);
  if (observer == 0) {  // root, with the container's capabilities
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2] = {};
    for (int half = 0; half < 2; ++half) {
      data[half].effective = data[half].permitted =
          static_cast<std::uint32_t>(without_ptrace >> (32 * half));
    }
    if (::syscall(SYS_capset, &header, data) != 0) ::_exit(2);
    char target[256];
    const std::string link = "/proc/" + std::to_string(c.pid()) + "/fd/0";
    ::_exit(::readlink(link.c_str(), target, sizeof target) < 0 && errno == EACCES ? 0 : 1);
  }
  EXPECT_EQ(wait_exit_code(observer), 0) << "/proc/PID/fd of the waiting process was readable";

  const UniqueFd start(::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  ASSERT_TRUE(start);
  pollfd ready{start.get(), POLLIN, 0};
  ASSERT_EQ(::poll(&ready, 1, 5000), 1);
  char byte = 0;
  EXPECT_EQ(::read(start.get(), &byte, 1), 1);
  EXPECT_EQ(wait_exit_code(c.pid()), 0);
}

TEST_F(LaunchRoot, ProcessRunsAsThePlansUserWithItsGroups) {
  Pipe out;
  ContainerPlan p = plan({"/bin/busybox", "id"});
  p.process.uid = 1000;
  p.process.gid = 1000;
  p.process.additional_gids = {10, 20};
  LaunchedContainer c = launch_container(p, output_to(out));
  out.write_end.reset();
  EXPECT_EQ(read_all(out.read_end.get()), "uid=1000 gid=1000 groups=10,20\n");
  EXPECT_EQ(wait_exit_code(c.pid()), 0);
}

TEST_F(LaunchRoot, MissingProgramIs127) {
  Pipe out;
  try {
    launch_container(plan({"no-such-program"}), output_to(out));
    FAIL() << "launched";
  } catch (const ExecError& e) {
    EXPECT_EQ(e.exit_code(), 127) << e.what();
  }
}

TEST_F(LaunchRoot, FailedStepIsNamed) {
  Pipe out;
  ContainerPlan p = plan({"/bin/busybox", "true"});
  p.process.cwd = "/bin/busybox/below-a-file";
  try {
    launch_container(p, output_to(out));
    FAIL() << "launched";
  } catch (const ExecError& e) {
    FAIL() << "an exec error for a setup failure: " << e.what();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/bin/busybox/below-a-file"), std::string::npos)
        << e.what();
  }
}

TEST_F(LaunchRoot, NonRootUserHasNoCapabilitiesAfterExec) {
  Pipe out;
  ContainerPlan p = plan({"/bin/busybox", "sleep", "10"});
  p.process.uid = 1000;
  p.process.gid = 1000;
  LaunchedContainer c = launch_container(p, output_to(out));
  EXPECT_EQ(status_field(c.pid(), "CapEff"), "0000000000000000");
  EXPECT_EQ(status_field(c.pid(), "CapPrm"), "0000000000000000");
  EXPECT_EQ(status_field(c.pid(), "Uid"), "1000");
}

TEST_F(LaunchRoot, BoundingSetIsThePlans) {
  Pipe out;
  ContainerPlan p = plan({"/bin/busybox", "sleep", "10"});
  const CapabilitySet kill_only = CapabilitySet{1} << 5;  // CAP_KILL
  p.process.capabilities = {kill_only, kill_only, 0, kill_only, 0};
  LaunchedContainer c = launch_container(p, output_to(out));
  EXPECT_EQ(status_field(c.pid(), "CapBnd"), "0000000000000020");
  EXPECT_EQ(status_field(c.pid(), "CapEff"), "0000000000000020");
}

TEST_F(LaunchRoot, JoinedProcessSeesTheContainersHostnameAndIsTheCallersChild) {
  Pipe unused;
  LaunchedContainer container =
      launch_container(plan({"/bin/busybox", "sleep", "30"}), output_to(unused));
  Pipe out;
  ProcessPlan exec = plan({}).process;
  exec.args = {"/bin/busybox", "hostname"};
  LaunchedContainer joined = join_container(container.pid(), {}, exec, output_to(out));
  out.write_end.reset();
  EXPECT_EQ(status_field(joined.pid(), "PPid"), std::to_string(::getpid()));
  EXPECT_EQ(read_all(out.read_end.get()), "tiny-box\n");
  EXPECT_EQ(wait_exit_code(joined.pid()), 0) << "reaped by the caller";
  joined.release();
}

TEST_F(LaunchRoot, NewUserNamespaceMapsRootToTheGivenRange) {
  Pipe out;
  ContainerPlan p = plan({"/bin/busybox", "sleep", "10"});
  p.namespaces.push_back({CLONE_NEWUSER, ""});
  p.uid_mappings = {{0, 100000, 65536}};
  p.gid_mappings = {{0, 100000, 65536}};
  // As a bundle for a user namespace is: owned by the container's root, so /dev's nodes can
  // be made in it.
  for (const auto& entry : fs::recursive_directory_iterator(p.rootfs)) {
    ASSERT_EQ(::lchown(entry.path().c_str(), 100000, 100000), 0) << entry.path();
  }
  ASSERT_EQ(::lchown(p.rootfs.c_str(), 100000, 100000), 0);
  LaunchedContainer c = launch_container(p, output_to(out));
  std::ifstream map("/proc/" + std::to_string(c.pid()) + "/uid_map");
  std::string container_id, host_id, size;
  map >> container_id >> host_id >> size;
  EXPECT_EQ(container_id + " " + host_id + " " + size, "0 100000 65536");
  EXPECT_EQ(status_field(c.pid(), "Uid"), "100000") << "the container's root, seen from the host";
}

TEST_F(LaunchRoot, PreservedFdsComeAfterStdio) {
  Pipe out;
  Pipe passed;
  ContainerPlan p = plan({"/bin/busybox", "sh", "-c", "echo through-fd-3 >&3"});
  LaunchOptions options = output_to(out);
  options.preserved_fds = {passed.write_end.get()};
  LaunchedContainer c = launch_container(p, options);
  passed.write_end.reset();
  EXPECT_EQ(read_all(passed.read_end.get()), "through-fd-3\n");
  EXPECT_EQ(wait_exit_code(c.pid()), 0);
}

TEST_F(LaunchRoot, RlimitsAreSet) {
  Pipe out;
  ContainerPlan p = plan({"/bin/busybox", "sh", "-c", "ulimit -n; ulimit -Hn"});
  p.process.rlimits = {{RLIMIT_NOFILE, 100, 200}};
  LaunchedContainer c = launch_container(p, output_to(out));
  out.write_end.reset();
  EXPECT_EQ(read_all(out.read_end.get()), "100\n200\n");
  EXPECT_EQ(wait_exit_code(c.pid()), 0);
}

TEST_F(LaunchRoot, FailingCreateContainerHookFailsTheLaunch) {
  Pipe out;
  ContainerPlan p = plan({"/bin/busybox", "true"});
  p.create_container_hooks = {{kBusybox, {"busybox", "false"}, {}, 0}};
  try {
    launch_container(p, output_to(out));
    FAIL() << "launched";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("createContainer hook"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("exited with status 1"), std::string::npos) << e.what();
  }
}

TEST_F(LaunchRoot, NewNetworkNamespaceGetsLoopbackAndSysctls) {
  Pipe out;
  ContainerPlan p = plan({"/bin/busybox", "sh", "-c",
                          "busybox ip link show lo; busybox cat /proc/sys/net/ipv4/ip_forward"});
  p.namespaces.push_back({CLONE_NEWNET, ""});
  p.bring_up_loopback = true;
  p.sysctl = {{"net.ipv4.ip_forward", "1"}};
  LaunchedContainer c = launch_container(p, output_to(out));
  out.write_end.reset();
  const std::string text = read_all(out.read_end.get());
  EXPECT_NE(text.find("<LOOPBACK,UP,LOWER_UP>"), std::string::npos) << text;
  EXPECT_TRUE(text.ends_with("\n1\n")) << text;
  EXPECT_EQ(wait_exit_code(c.pid()), 0);
}

TEST_F(LaunchRoot, OnCreatedRunsBeforeTheProcessAndItsThrowFailsTheLaunch) {
  Pipe out;
  pid_t seen = 0;
  LaunchOptions options = output_to(out);
  options.on_created = [&seen](pid_t pid) {
    seen = pid;
    throw Error("prestart hook failed");
  };
  try {
    launch_container(plan({"/bin/busybox", "true"}), options);
    FAIL() << "launched";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "prestart hook failed");
  }
  ASSERT_GT(seen, 0);
  EXPECT_EQ(::kill(seen, 0), -1) << "the half-made container is gone (killed and reaped)";
}

// Depends on the rootfs mounting plan.mounts and making /dev/ptmx a link to pts/ptmx.
TEST_F(LaunchRoot, TerminalComesFromTheContainersDevptsThroughTheConsoleSocket) {
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
  const UniqueFd ours(sv[0]);
  UniqueFd theirs(sv[1]);
  ContainerPlan p = plan({"/bin/busybox", "tty"});
  p.process.terminal = true;
  p.mounts.push_back({"/dev/pts", "devpts", "devpts", MS_NOSUID | MS_NOEXEC, 0,
                      "newinstance,ptmxmode=0666,mode=0620"});
  LaunchOptions options;
  options.console_socket_fd = theirs.get();
  LaunchedContainer c = launch_container(p, options);
  theirs.reset();
  const UniqueFd master(receive_fd(ours.get(), MSG_DONTWAIT));
  ASSERT_TRUE(master) << "the pty master was sent before launch returned";
  std::string text;
  char buf[64];
  ssize_t n;
  while ((n = ::read(master.get(), buf, sizeof buf)) > 0)
    text.append(buf, static_cast<std::size_t>(n));
  EXPECT_EQ(text, "/dev/pts/0\r\n");
  EXPECT_EQ(wait_exit_code(c.pid()), 0);
}

std::string namespace_of(pid_t pid, const char* type) {
  return fs::read_symlink("/proc/" + std::to_string(pid) + "/ns/" + type).string();
}

TEST_F(LaunchRoot, NamespaceGivenByPathIsJoinedAsPodsShareANetwork) {
  Pipe out;
  ContainerPlan first = plan({"/bin/busybox", "sleep", "10"});
  first.namespaces.push_back({CLONE_NEWNET, ""});
  LaunchedContainer pod = launch_container(first, output_to(out));
  ContainerPlan second = plan({"/bin/busybox", "sleep", "10"});
  second.namespaces.push_back({CLONE_NEWNET, "/proc/" + std::to_string(pod.pid()) + "/ns/net"});
  LaunchedContainer member = launch_container(second, output_to(out));
  EXPECT_EQ(namespace_of(member.pid(), "net"), namespace_of(pod.pid(), "net"));
  EXPECT_NE(namespace_of(member.pid(), "net"), namespace_of(::getpid(), "net"));
  EXPECT_NE(namespace_of(member.pid(), "uts"), namespace_of(pod.pid(), "uts")) << "a new one";
  EXPECT_NE(namespace_of(::getpid(), "net"), "") << "the caller's own namespaces never change";
}

TEST_F(LaunchRoot, NamespaceThatCannotBeJoinedNamesItsPath) {
  Pipe out;
  ContainerPlan p = plan({"/bin/busybox", "true"});
  p.namespaces.push_back({CLONE_NEWNET, "/proc/self/ns/uts"});  // not a network namespace
  const std::string own_net = namespace_of(::getpid(), "net");
  try {
    launch_container(p, output_to(out));
    FAIL() << "launched";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("join the namespace: /proc/self/ns/uts"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(namespace_of(::getpid(), "net"), own_net);
}

}  // namespace
}  // namespace mydocker::isolation
