// The pure pieces of launching a container (no root): what is exec'd, which namespaces are
// new and in which order the others are joined, the id maps' text, the fds the process gets.
#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "child_fds.hpp"
#include "namespace_join.hpp"
#include "process_setup.hpp"
#include "user_namespace.hpp"

namespace mydocker::isolation {
namespace {

using Strings = std::vector<std::string>;

TEST(ExecCandidates, BareNameSearchesThePathOfTheProcessEnvironment) {
  EXPECT_EQ(exec_candidates("sh", {"HOME=/", "PATH=/usr/bin:/bin/"}),
            (Strings{"/usr/bin/sh", "/bin/sh"}));
}

TEST(ExecCandidates, EmptyPathEntryIsTheWorkingDirectory) {
  EXPECT_EQ(exec_candidates("tool", {"PATH=:/bin"}), (Strings{"tool", "/bin/tool"}));
}

TEST(ExecCandidates, NameWithSlashIsTakenAsIs) {
  EXPECT_EQ(exec_candidates("./run.sh", {"PATH=/bin"}), (Strings{"./run.sh"}));
  EXPECT_EQ(exec_candidates("/bin/busybox", {}), (Strings{"/bin/busybox"}));
}

TEST(ExecCandidates, NoPathInTheEnvironmentUsesTheDefault) {
  const Strings c = exec_candidates("ls", {"TERM=xterm"});
  ASSERT_FALSE(c.empty());
  EXPECT_EQ(c.front(), "/usr/local/sbin/ls");
  EXPECT_EQ(c.back(), "/bin/ls");
}

TEST(SysctlPath, DotsBecomeDirectories) {
  EXPECT_EQ(sysctl_path("net.ipv4.ip_forward"), "/proc/sys/net/ipv4/ip_forward");
  EXPECT_EQ(sysctl_path("kernel.shm_rmid_forced"), "/proc/sys/kernel/shm_rmid_forced");
}

TEST(IdMapText, OneLinePerMapping) {
  EXPECT_EQ(id_map_text({{0, 100000, 65536}, {65536, 1000, 1}}), "0 100000 65536\n65536 1000 1\n");
  EXPECT_EQ(id_map_text({}), "");
}

TEST(NewNamespaceFlags, OnlyNamespacesWithoutPathAndNeverCgroupAtClone) {
  const std::vector<NamespacePlan> plan = {{CLONE_NEWNS, ""},
                                           {CLONE_NEWNET, "/var/run/netns/pod"},
                                           {CLONE_NEWPID, ""},
                                           {CLONE_NEWCGROUP, ""},
                                           {CLONE_NEWUSER, ""}};
  EXPECT_EQ(new_namespace_flags(plan),
            static_cast<std::uint64_t>(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUSER));
  EXPECT_TRUE(wants_new_namespace(plan, CLONE_NEWCGROUP)) << "unshared after the cgroup is joined";
  EXPECT_FALSE(wants_new_namespace(plan, CLONE_NEWNET)) << "joined, not new";
}

TEST(JoinRank, UserNamespaceFirstMountNamespaceLast) {
  std::vector<int> types = {CLONE_NEWNS, CLONE_NEWNET, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWIPC};
  std::sort(types.begin(), types.end(), [](int a, int b) { return join_rank(a) < join_rank(b); });
  EXPECT_EQ(types.front(), CLONE_NEWUSER);
  EXPECT_EQ(types.back(), CLONE_NEWNS);
}

TEST(OpenPlanNamespaces, OwnNamespaceIsNotJoinedAgain) {
  const auto joins = open_plan_namespaces({{CLONE_NEWNET, "/proc/self/ns/net"}});
  EXPECT_TRUE(joins.empty());
}

TEST(OpenPlanNamespaces, MissingPathNamesIt) {
  try {
    open_plan_namespaces({{CLONE_NEWNET, "/nonexistent/netns"}});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/netns"), std::string::npos) << e.what();
  }
}

TEST(FdAtLeast, MovesALowFdAboveTheMinimum) {
  int fds[2];
  ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
  ::close(fds[1]);
  const UniqueFd moved = fd_at_least(UniqueFd(fds[0]), 40);
  EXPECT_GE(moved.get(), 40);
  EXPECT_EQ(::fcntl(fds[0], F_GETFD), -1) << "the original is closed";
  EXPECT_EQ(::fcntl(moved.get(), F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
}

ino_t inode_of(int fd) {
  struct stat st {};
  return ::fstat(fd, &st) == 0 ? st.st_ino : 0;
}

// Sources that are each other's targets (the first preserved fd is 3, the second 4, passed in
// swapped order) still arrive each at its place, in a forked child as in the container's.
TEST(TakeArrangedFds, PreservedFdsLandInOrderEvenWhenTheyCross) {
  int a[2];
  int b[2];
  ASSERT_EQ(::pipe(a), 0);
  ASSERT_EQ(::pipe(b), 0);
  const ino_t ia = inode_of(a[0]);
  const ino_t ib = inode_of(b[0]);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // In the child: make b's read end fd 3 and a's fd 4, then ask for [a, b] at [3, 4].
    const int report = ::fcntl(a[1], F_DUPFD_CLOEXEC, 100);
    const int high_a = ::fcntl(a[0], F_DUPFD, 50);
    const int high_b = ::fcntl(b[0], F_DUPFD, 60);
    ::dup2(high_b, 3);
    ::dup2(high_a, 4);
    FdArrangement fds = arrange_fds(0, 1, 2, {4, 3});
    take_arranged_fds(ChildReporter(report), fds);
    const bool ok = inode_of(3) == ia && inode_of(4) == ib && ::fcntl(3, F_GETFD) == 0 &&
                    ::fcntl(4, F_GETFD) == 0;
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
  for (int fd : {a[0], a[1], b[0], b[1]}) ::close(fd);
}

}  // namespace
}  // namespace mydocker::isolation
