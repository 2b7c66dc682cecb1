// mydocker where its users often run it: inside `docker run --cap-add=SYS_ADMIN`, with only
// Docker's default capabilities plus CAP_SYS_ADMIN (no NET_ADMIN) and, as Docker mounts it,
// a read-only /sys/fs/cgroup. Simulated with capsh (libcap2-bin) and, for the cgroups, a
// private mount namespace (unshare -m) where the cgroup mounts are remounted read-only.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "harness.hpp"

namespace mydocker::test {
namespace {

// CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE NET_RAW
// SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP, and SYS_ADMIN.
constexpr unsigned long long kDockerCapsWithSysAdmin = 0xa80425fbULL | (1ULL << 21);

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every capability this kernel has but the kept ones, as capsh --drop takes them.
std::string capabilities_to_drop() {
  const int last = std::stoi(slurp("/proc/sys/kernel/cap_last_cap"));
  std::string list;
  for (int cap = 0; cap <= last; ++cap) {
    if (kDockerCapsWithSysAdmin & (1ULL << cap)) continue;
    list += (list.empty() ? "" : ",") + std::to_string(cap);
  }
  return list;
}

class DockerCapabilities : public ::testing::Test {
 protected:
  // Runs `mydocker --root <store> run <flags> busybox-oci <command>` with Docker's
  // capabilities; with `read_only_cgroups`, in a mount namespace where the cgroup file
  // systems are read-only.
  Result run(const std::string& flags, const std::string& command, bool read_only_cgroups = false) {
    const std::string script = output.str() + "/script";
    std::ofstream(script) << (read_only_cgroups
                                  ? "for m in $(awk '$5 ~ \"^/sys/fs/cgroup\" {print $5}' "
                                    "/proc/self/mountinfo); do\n"
                                    "  mount -o remount,bind,ro \"$m\" || exit 99\n"
                                    "done\n"
                                  : "")
                          << "exec capsh --drop=" << capabilities_to_drop() << " -- -c '"
                          << MYDOCKER_BIN << " --root " << store.str() << " run " << flags << " "
                          << images_dir() << "/busybox-oci " << command << "'\n";
    const std::string out = output.str() + "/out";
    const std::string err = output.str() + "/err";
    const std::string shell = read_only_cgroups ? "unshare -m sh " : "sh ";
    const int status = std::system((shell + script + " </dev/null >" + out + " 2>" + err).c_str());
    Result r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }

  TempDir store;
  TempDir output;
};

TEST_F(DockerCapabilities, DefaultRunWorksWithLoopbackLeftDownAndOneWarning) {
  const auto r = run("", "sh -c \"echo hi; cat /sys/class/net/lo/operstate\"");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "hi\ndown\n");
  EXPECT_EQ(r.err,
            "mydocker warning: [pivot_root] loopback interface left down: CAP_NET_ADMIN "
            "missing\n");
}

TEST_F(DockerCapabilities, NetworkHostNeedsNoLoopbackAndWarnsOfNothing) {
  const auto r = run("--network=host", "echo hi");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "hi\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(DockerCapabilities, LimitsStillApplyWhereTheCgroupsAreWritable) {
  const auto r = run("--memory 64m --pids-limit 20",
                     "sh -c \"cat /sys/fs/cgroup/pids/pids.max || cat /sys/fs/cgroup/pids.max\"");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "20\n");
}

TEST_F(DockerCapabilities, ReadOnlyCgroupsCostTheAccountingWithOneWarning) {
  const auto r = run("", "echo hi", true);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "hi\n");
  std::istringstream lines(r.err);
  std::string cgroup_warning, loopback_warning, rest;
  std::getline(lines, cgroup_warning);
  std::getline(lines, loopback_warning);
  std::getline(lines, rest, '\0');
  EXPECT_TRUE(cgroup_warning.starts_with(
      "mydocker warning: [pivot_root] no cgroup of its own for the container, its usage is not "
      "accounted: cgroup: cannot create /sys/fs/cgroup/"))
      << r.err;
  EXPECT_TRUE(cgroup_warning.ends_with(": Read-only file system")) << r.err;
  EXPECT_EQ(loopback_warning,
            "mydocker warning: [pivot_root] loopback interface left down: CAP_NET_ADMIN missing");
  EXPECT_EQ(rest, "");
}

TEST_F(DockerCapabilities, ReadOnlyCgroupsRefuseRequestedLimits) {
  for (const std::string flag : {"--memory 64m", "--pids-limit 20", "--cpus 0.5"}) {
    const auto r = run(flag, "echo hi", true);
    EXPECT_EQ(r.exit_code, 125) << flag << ": " << r.err;
    EXPECT_EQ(r.out, "") << flag;
    EXPECT_TRUE(r.err.starts_with(
        "mydocker: cannot apply the resource limits without a cgroup: cgroup: cannot create "))
        << flag << ": " << r.err;
    EXPECT_TRUE(r.err.ends_with(": Read-only file system\n")) << flag << ": " << r.err;
  }
}

TEST_F(DockerCapabilities, ACapabilityMydockerLacksCannotBeAdded) {
  const auto r = run("--cap-add NET_ADMIN", "echo hi");
  EXPECT_EQ(r.exit_code, 125) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(
      r.err,
      "mydocker: cannot give the container CAP_NET_ADMIN: mydocker itself does not have it\n");
}

TEST_F(DockerCapabilities, ChrootIsolationWorks) {
  const auto r = run("--isolation=chroot", "echo hi", true);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "hi\n");
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace mydocker::test
