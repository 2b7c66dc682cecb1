// load_bundle and load_process_file on whole files: what `runc spec` writes, a podman-like
// config with many mounts, a seccomp profile and capabilities, and every way a bundle can be
// unusable.
#include "oci/bundle.hpp"

#include <gtest/gtest.h>
#include <linux/capability.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "oci_test_support.hpp"
#include "runtime_tools_default_config.hpp"

namespace mydocker::runtime {
namespace {

using oci::testing::error_of;
using oci::testing::exit_status_under;
using oci::testing::syscall_errno;
using oci::testing::TempDir;

constexpr isolation::CapabilitySet bit(int cap) { return isolation::CapabilitySet{1} << cap; }

// What `runc spec` (runc 1.1.5) writes.
constexpr const char* kRuncSpec = R"({
	"ociVersion": "1.0.2-dev",
	"process": {
		"terminal": true,
		"user": {"uid": 0, "gid": 0},
		"args": ["sh"],
		"env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"],
		"cwd": "/",
		"capabilities": {
			"bounding": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
			"effective": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
			"permitted": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
			"ambient": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"]
		},
		"rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}],
		"noNewPrivileges": true
	},
	"root": {"path": "rootfs", "readonly": true},
	"hostname": "runc",
	"mounts": [
		{"destination": "/proc", "type": "proc", "source": "proc"},
		{"destination": "/dev", "type": "tmpfs", "source": "tmpfs",
		 "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
		{"destination": "/dev/pts", "type": "devpts", "source": "devpts",
		 "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]},
		{"destination": "/dev/shm", "type": "tmpfs", "source": "shm",
		 "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]},
		{"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue",
		 "options": ["nosuid", "noexec", "nodev"]},
		{"destination": "/sys", "type": "sysfs", "source": "sysfs",
		 "options": ["nosuid", "noexec", "nodev", "ro"]},
		{"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup",
		 "options": ["nosuid", "noexec", "nodev", "relatime", "ro"]}
	],
	"linux": {
		"resources": {"devices": [{"allow": false, "access": "rwm"}]},
		"namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"},
		               {"type": "mount"}],
		"maskedPaths": ["/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
		                "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
		                "/proc/sched_debug", "/sys/firmware", "/proc/scsi"],
		"readonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]
	}
})";

// Shaped like podman 4.3's config.json for `podman run --network=none -d IMAGE top`: its binds
// of the container's own files, its default capabilities, a seccomp profile in podman's form
// (ENOSYS for unknown calls, EPERM for the refused ones), annotations and a cgroupsPath.
constexpr const char* kPodmanLike = R"({
  "ociVersion": "1.0.2-dev",
  "process": {
    "user": {"uid": 0, "gid": 0, "umask": 18, "additionalGids": [0, 1, 2, 3, 4, 6, 10, 11, 20, 26, 27]},
    "args": ["top"],
    "env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "TERM=xterm", "container=podman", "HOSTNAME=7a3c1d0e9f2b", "HOME=/root"],
    "cwd": "/",
    "capabilities": {
      "bounding": ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
                   "CAP_NET_BIND_SERVICE", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP",
                   "CAP_SETUID", "CAP_SYS_CHROOT"],
      "effective": ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
                    "CAP_NET_BIND_SERVICE", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP",
                    "CAP_SETUID", "CAP_SYS_CHROOT"],
      "permitted": ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
                    "CAP_NET_BIND_SERVICE", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP",
                    "CAP_SETUID", "CAP_SYS_CHROOT"]
    },
    "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 20000, "soft": 20000},
                {"type": "RLIMIT_NPROC", "hard": 32768, "soft": 32768}],
    "oomScoreAdj": 0,
    "apparmorProfile": "containers-default-0.50.1",
    "selinuxLabel": ""
  },
  "root": {"path": "/var/lib/containers/storage/overlay/abc/merged"},
  "hostname": "7a3c1d0e9f2b",
  "mounts": [
    {"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid", "noexec", "nodev"]},
    {"destination": "/dev", "type": "tmpfs", "source": "tmpfs",
     "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
    {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]},
    {"destination": "/dev/pts", "type": "devpts", "source": "devpts",
     "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]},
    {"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue", "options": ["nosuid", "noexec", "nodev"]},
    {"destination": "/etc/hostname", "type": "bind",
     "source": "/run/containers/storage/overlay-containers/7a3c/userdata/hostname",
     "options": ["bind", "rprivate"]},
    {"destination": "/run/.containerenv", "type": "bind",
     "source": "/run/containers/storage/overlay-containers/7a3c/userdata/.containerenv",
     "options": ["bind", "rprivate"]},
    {"destination": "/etc/hosts", "type": "bind",
     "source": "/run/containers/storage/overlay-containers/7a3c/userdata/hosts",
     "options": ["bind", "rprivate"]},
    {"destination": "/dev/shm", "type": "bind",
     "source": "/var/lib/containers/storage/overlay-containers/7a3c/userdata/shm",
     "options": ["bind", "rprivate"]},
    {"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup",
     "options": ["rprivate", "nosuid", "noexec", "nodev", "relatime", "ro"]},
    {"destination": "/tmp", "type": "tmpfs", "source": "tmpfs",
     "options": ["rw", "rprivate", "nosuid", "nodev", "tmpcopyup"]}
  ],
  "annotations": {"io.container.manager": "libpod", "io.podman.annotations.autoremove": "FALSE",
                  "org.opencontainers.image.stopSignal": "15"},
  "linux": {
    "sysctl": {"net.ipv4.ping_group_range": "0 0"},
    "resources": {"devices": [{"allow": false, "access": "rwm"}], "pids": {"limit": 2048}},
    "cgroupsPath": "/libpod_parent/libpod-7a3c1d0e9f2b",
    "namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"},
                   {"type": "mount"}, {"type": "cgroup"}],
    "seccomp": {
      "defaultAction": "SCMP_ACT_ERRNO",
      "defaultErrnoRet": 38,
      "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
      "syscalls": [
        {"names": ["bdflush", "io_pgetevents", "kexec_file_load", "kexec_load", "migrate_pages",
                   "move_pages", "nfsservctl", "nice", "oldfstat", "oldlstat", "oldolduname",
                   "oldstat", "olduname", "pciconfig_iobase", "pciconfig_read",
                   "pciconfig_write", "sgetmask", "ssetmask", "swapcontext", "swapoff",
                   "swapon", "sysfs", "uselib", "userfaultfd", "ustat", "vm86", "vm86old",
                   "vmsplice", "umask"],
         "action": "SCMP_ACT_ERRNO", "errnoRet": 1},
        {"names": ["_llseek", "_newselect", "accept", "accept4", "access", "arch_prctl",
                   "brk", "capget", "capset", "chdir", "chmod", "chown", "clock_gettime",
                   "clone", "close", "connect", "dup", "dup2", "dup3", "epoll_create1",
                   "epoll_ctl", "epoll_pwait", "execve", "exit", "exit_group", "faccessat",
                   "fchdir", "fchmod", "fchown", "fcntl", "fstat", "futex", "getcwd",
                   "getdents64", "getegid", "geteuid", "getgid", "getpid", "getppid",
                   "getrandom", "getuid", "ioctl", "kill", "lseek", "madvise", "mmap",
                   "mprotect", "munmap", "nanosleep", "newfstatat", "openat", "pipe2", "poll",
                   "prctl", "pread64", "prlimit64", "read", "readlink", "rt_sigaction",
                   "rt_sigprocmask", "rt_sigreturn", "sched_yield", "set_robust_list",
                   "set_tid_address", "setgid", "setgroups", "setuid", "statx", "sysinfo",
                   "tgkill", "uname", "wait4", "write", "writev", "not_a_syscall_yet"],
         "action": "SCMP_ACT_ALLOW"},
        {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
         "args": [{"index": 0, "value": 0, "op": "SCMP_CMP_EQ"}]},
        {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
         "args": [{"index": 0, "value": 4294967295, "op": "SCMP_CMP_EQ"}]},
        {"names": ["socket"], "action": "SCMP_ACT_ERRNO", "errnoRet": 22,
         "args": [{"index": 0, "value": 16, "op": "SCMP_CMP_EQ"},
                  {"index": 2, "value": 9, "op": "SCMP_CMP_EQ"}]},
        {"names": ["socket"], "action": "SCMP_ACT_ALLOW",
         "args": [{"index": 2, "value": 9, "op": "SCMP_CMP_NE"}]}
      ]
    },
    "maskedPaths": ["/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                    "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
                    "/sys/firmware", "/sys/fs/selinux", "/sys/dev/block"],
    "readonlyPaths": ["/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
                      "/proc/sysrq-trigger"],
    "mountLabel": ""
  }
})";

// A bundle directory with a rootfs/ and the given config.json.
class BundleDir {
 public:
  explicit BundleDir(const std::string& config) {
    std::filesystem::create_directory(dir_.path() + "/rootfs");
    if (!config.empty()) dir_.write("config.json", config);
  }
  const std::string& path() const { return dir_.path(); }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
};

std::string canonical(const std::string& path) { return std::filesystem::canonical(path).string(); }

TEST(OciBundle, RuncSpec) {
  const BundleDir dir(kRuncSpec);
  const Bundle bundle = load_bundle(dir.path(), "c1");
  const auto& plan = bundle.plan;
  EXPECT_EQ(bundle.path, canonical(dir.path()));
  EXPECT_EQ(bundle.rootfs, canonical(dir.path()) + "/rootfs");
  EXPECT_EQ(bundle.oci_version, "1.0.2-dev");
  EXPECT_TRUE(bundle.annotations.empty());
  EXPECT_EQ(plan.id, "c1");
  EXPECT_EQ(plan.rootfs, bundle.rootfs);
  EXPECT_TRUE(plan.readonly_root);
  EXPECT_EQ(plan.hostname, "runc");

  EXPECT_EQ(plan.process.args, std::vector<std::string>{"sh"});
  EXPECT_TRUE(plan.process.terminal);
  EXPECT_EQ(plan.process.env.size(), 2u);
  EXPECT_EQ(plan.process.cwd, "/");
  const auto three = bit(CAP_AUDIT_WRITE) | bit(CAP_KILL) | bit(CAP_NET_BIND_SERVICE);
  EXPECT_EQ(plan.process.capabilities.bounding, three);
  EXPECT_EQ(plan.process.capabilities.effective, three);
  EXPECT_EQ(plan.process.capabilities.permitted, three);
  EXPECT_EQ(plan.process.capabilities.ambient, three);
  EXPECT_EQ(plan.process.capabilities.inheritable, 0u);
  ASSERT_EQ(plan.process.rlimits.size(), 1u);
  EXPECT_EQ(plan.process.rlimits[0].resource, RLIMIT_NOFILE);
  EXPECT_EQ(plan.process.rlimits[0].hard, 1024u);
  EXPECT_TRUE(plan.process.no_new_privileges);
  EXPECT_FALSE(plan.process.seccomp);

  ASSERT_EQ(plan.mounts.size(), 7u);
  EXPECT_EQ(plan.mounts[0].destination, "/proc");
  EXPECT_EQ(plan.mounts[0].flags, 0u);
  EXPECT_EQ(plan.mounts[2].type, "devpts");
  EXPECT_EQ(plan.mounts[2].flags, MS_NOSUID | MS_NOEXEC);
  EXPECT_EQ(plan.mounts[2].data, "newinstance,ptmxmode=0666,mode=0620,gid=5");
  EXPECT_EQ(plan.mounts[5].flags, MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RDONLY);
  EXPECT_EQ(plan.mounts[6].flags, MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RELATIME | MS_RDONLY);
  EXPECT_EQ(plan.mounts[6].data, "");

  ASSERT_EQ(plan.namespaces.size(), 5u);
  EXPECT_EQ(plan.namespaces[1].type, CLONE_NEWNET);
  EXPECT_TRUE(plan.bring_up_loopback);
  // runc's spec denies every device; the defaults every container needs are allowed after.
  ASSERT_EQ(plan.cgroup.device_rules.size(), 12u);
  EXPECT_FALSE(plan.cgroup.device_rules[0].allow);
  EXPECT_TRUE(plan.cgroup.device_rules[3].allow);
  EXPECT_EQ(plan.cgroup.device_rules[3].major, 1);
  EXPECT_EQ(plan.cgroup.device_rules[3].minor, 3) << "/dev/null";
  EXPECT_EQ(plan.masked_paths.size(), 10u);
  EXPECT_EQ(plan.readonly_paths.size(), 5u);
  EXPECT_TRUE(plan.uid_mappings.empty());
  EXPECT_EQ(plan.rootfs_propagation, 0u);
}

TEST(OciBundle, WhatRuncSpecWritesToday) {
  // The embedded copy above could drift from runc; the installed runc, when there is one,
  // must give a bundle that loads too.
  const TempDir dir;
  const std::string command = "runc spec --bundle " + dir.path() + " 2>/dev/null";
  if (::system("command -v runc >/dev/null 2>&1") != 0 || ::system(command.c_str()) != 0) {
    GTEST_SKIP() << "runc is not installed";
  }
  std::filesystem::create_directory(dir.path() + "/rootfs");
  const Bundle bundle = load_bundle(dir.path(), "live");
  EXPECT_EQ(bundle.plan.process.args, std::vector<std::string>{"sh"});
  EXPECT_FALSE(bundle.plan.mounts.empty());
}

TEST(OciBundle, PodmanLike) {
  // Podman gives an absolute root.path; point it at a directory that exists here.
  const TempDir rootfs;
  std::string config = kPodmanLike;
  const std::string podman_root = "/var/lib/containers/storage/overlay/abc/merged";
  config.replace(config.find(podman_root), podman_root.size(), rootfs.path());
  const BundleDir dir(config);

  const Bundle bundle = load_bundle(dir.path(), "7a3c1d0e9f2b");
  const auto& plan = bundle.plan;
  EXPECT_EQ(bundle.rootfs, rootfs.path());
  EXPECT_FALSE(plan.readonly_root);
  EXPECT_EQ(bundle.annotations.at("io.container.manager"), "libpod");
  EXPECT_EQ(bundle.annotations.size(), 3u);

  EXPECT_EQ(plan.process.umask, mode_t{022});
  EXPECT_EQ(plan.process.additional_gids.size(), 11u);
  EXPECT_EQ(plan.process.capabilities.bounding, isolation::CapabilitySet{0x800405fb});
  EXPECT_EQ(plan.process.capabilities.effective, plan.process.capabilities.bounding);
  EXPECT_EQ(plan.process.capabilities.ambient, 0u);
  EXPECT_EQ(plan.process.rlimits.size(), 2u);
  EXPECT_EQ(plan.process.oom_score_adj, 0);

  ASSERT_EQ(plan.mounts.size(), 11u);
  for (const int i : {5, 6, 7, 8}) {
    EXPECT_EQ(plan.mounts[i].type, "bind") << i;
    EXPECT_EQ(plan.mounts[i].flags, MS_BIND) << i;
    EXPECT_EQ(plan.mounts[i].propagation, MS_PRIVATE | MS_REC) << i;
    EXPECT_TRUE(plan.mounts[i].source.starts_with("/")) << i;
  }
  EXPECT_EQ(plan.mounts[9].propagation, MS_PRIVATE | MS_REC);
  EXPECT_EQ(plan.mounts[10].flags, MS_NOSUID | MS_NODEV);
  EXPECT_EQ(plan.mounts[10].data, "");

  EXPECT_EQ(plan.cgroup.path, "/libpod_parent/libpod-7a3c1d0e9f2b");
  EXPECT_EQ(plan.cgroup.pids_limit, 2048);
  EXPECT_EQ(plan.sysctl.at("net.ipv4.ping_group_range"), "0 0");
  EXPECT_EQ(plan.namespaces.size(), 6u);
  EXPECT_EQ(plan.masked_paths.size(), 11u);

  ASSERT_TRUE(plan.process.seccomp);
  const auto& filter = *plan.process.seccomp;
  EXPECT_GT(filter.instruction_count(), 50u);
  if (oci::testing::kSanitizerBuild) GTEST_SKIP() << oci::testing::kSanitizerSkip;
  // Listed with EPERM: refused even though umask cannot fail.
  EXPECT_EQ(exit_status_under(filter, [] { return syscall_errno(SYS_umask, 022); }), EPERM);
  // Not listed: ENOSYS, podman's default for calls the profile does not know.
  EXPECT_EQ(exit_status_under(filter, [] { return syscall_errno(SYS_getsid, 0); }), ENOSYS);
  // Allowed: the call does what it does without the filter.
  EXPECT_EQ(exit_status_under(filter, [] { return ::syscall(SYS_getppid) > 0 ? 7 : 8; }), 7);
  // Refused when every comparison of the rule holds (AF_NETLINK, NETLINK_AUDIT), not otherwise.
  EXPECT_EQ(exit_status_under(filter, [] { return syscall_errno(SYS_socket, 16, 3, 9); }), EINVAL);
  EXPECT_EQ(exit_status_under(filter, [] { return ::syscall(SYS_socket, 1, 1, 0) >= 0 ? 7 : 8; }),
            7);
  // Allowed only for some arguments.
  EXPECT_EQ(exit_status_under(
                filter, [] { return ::syscall(SYS_personality, 0xffffffffUL) == -1 ? 1 : 0; }),
            0);
  EXPECT_EQ(exit_status_under(filter, [] { return syscall_errno(SYS_personality, 0x0008UL); }),
            ENOSYS);
}

TEST(OciBundle, ConformanceSuiteDefault) {
  const BundleDir dir(testing::kRuntimeToolsDefaultConfig);

  const Bundle bundle = load_bundle(dir.path(), "suite");
  EXPECT_EQ(bundle.rootfs, canonical(dir.path()));
  EXPECT_EQ(bundle.plan.hostname, "mrsdalloway");
  EXPECT_EQ(bundle.plan.process.args, std::vector<std::string>{"/runtimetest"});
  EXPECT_EQ(bundle.plan.process.capabilities.inheritable, isolation::kDockerDefaultCapabilities);
  ASSERT_TRUE(bundle.plan.process.seccomp);
  const auto& filter = *bundle.plan.process.seccomp;
  EXPECT_EQ(exit_status_under(filter, [] { return syscall_errno(SYS_getcwd, nullptr, 0); }),
            ERANGE);
  // personality is allowed for three values (three comparisons of one argument).
  EXPECT_EQ(exit_status_under(filter, [] { return syscall_errno(SYS_personality, 0xffffffffUL); }),
            0);
  EXPECT_EQ(exit_status_under(filter, [] { return syscall_errno(SYS_personality, 0x20UL); }),
            EPERM);
  // unshare(0) changes nothing and succeeds anywhere it is allowed; the profile does not list it.
  if (syscall_errno(SYS_unshare, 0) == 0) {
    EXPECT_EQ(exit_status_under(filter, [] { return syscall_errno(SYS_unshare, 0); }), EPERM);
  }
}

TEST(OciBundle, UnknownFieldsAreIgnored) {
  const BundleDir dir(R"({"ociVersion": "1.1.0", "root": {"path": "rootfs"},
    "process": {"args": ["true"], "cwd": "/", "consoleSize": {"height": 1, "width": 2},
                "ioPriority": {"class": "IOPRIO_CLASS_IDLE"}},
    "vm": {"hypervisor": {}}, "windows": {"layerFolders": []}, "solaris": 1,
    "linux": {"intelRdt": {"closID": "x"}, "personality": {"domain": "LINUX"},
              "resources": {"hugepageLimits": [], "network": {"classID": 1}},
              "mountLabel": "system_u:object_r:container_file_t:s0:c1,c2"},
    "hooks": {"somethingNew": [{"path": "x"}]}})");
  const Bundle bundle = load_bundle(dir.path(), "c");
  EXPECT_EQ(bundle.oci_version, "1.1.0");
  EXPECT_TRUE(bundle.plan.namespaces.empty());
  EXPECT_FALSE(bundle.plan.bring_up_loopback);
}

TEST(OciBundle, HooksAreSplit) {
  const BundleDir dir(R"({"root": {"path": "rootfs"}, "process": {"args": ["true"], "cwd": "/"},
    "hooks": {"prestart": [{"path": "/bin/a"}], "createRuntime": [{"path": "/bin/b"}],
              "createContainer": [{"path": "/bin/c"}], "startContainer": [{"path": "/bin/d"}],
              "poststart": [{"path": "/bin/e"}], "poststop": [{"path": "/bin/f"}]}})");
  const Bundle bundle = load_bundle(dir.path(), "c");
  EXPECT_EQ(bundle.hooks.prestart.at(0).path, "/bin/a");
  EXPECT_EQ(bundle.hooks.create_runtime.at(0).path, "/bin/b");
  EXPECT_EQ(bundle.plan.create_container_hooks.at(0).path, "/bin/c");
  EXPECT_EQ(bundle.plan.start_container_hooks.at(0).path, "/bin/d");
  EXPECT_EQ(bundle.hooks.poststart.at(0).path, "/bin/e");
  EXPECT_EQ(bundle.hooks.poststop.at(0).path, "/bin/f");
}

TEST(OciBundle, RelativeBindSourcesAreInTheBundle) {
  const BundleDir dir(R"({"root": {"path": "rootfs"}, "process": {"args": ["true"], "cwd": "/"},
    "mounts": [{"destination": "/data", "type": "bind", "source": "data", "options": ["rbind"]}]})");
  const Bundle bundle = load_bundle(dir.path() + "/./", "c");
  EXPECT_EQ(bundle.plan.mounts.at(0).source, canonical(dir.path()) + "/data");
}

TEST(OciBundle, MissingConfig) {
  const BundleDir dir("");
  EXPECT_EQ(error_of([&] { load_bundle(dir.path(), "c"); }),
            "cannot read config.json in " + dir.path() + ": No such file or directory");
  EXPECT_EQ(error_of([&] { load_bundle(dir.path() + "/nowhere", "c"); }),
            "cannot read config.json in " + dir.path() + "/nowhere: No such file or directory");
}

TEST(OciBundle, ConfigThatIsNotAFile) {
  const BundleDir dir("");
  std::filesystem::create_directory(dir.path() + "/config.json");
  EXPECT_EQ(
      error_of([&] { load_bundle(dir.path(), "c"); }),
      "config.json in " + dir.path() + " is a directory, not a regular file; refusing to read it");
}

TEST(OciBundle, HugeConfig) {
  const BundleDir dir("");
  std::filesystem::resize_file(dir.dir().write("config.json", "{"), 5 << 20);
  const std::string message = error_of([&] { load_bundle(dir.path(), "c"); });
  EXPECT_NE(message.find("over the 4 MiB limit"), std::string::npos) << message;
}

TEST(OciBundle, MalformedConfig) {
  const BundleDir dir("{\"ociVersion\": \"1.0.2\",\n \"root\": }");
  const std::string message = error_of([&] { load_bundle(dir.path(), "c"); });
  EXPECT_TRUE(message.starts_with("config.json in " + dir.path() +
                                  " is not valid JSON: parse error at line 2"))
      << message;
  EXPECT_EQ(message.find('\n'), std::string::npos);
}

std::string bundle_error(const std::string& config) {
  const BundleDir dir(config);
  std::string message = error_of([&] { load_bundle(dir.path(), "c"); });
  // The temporary directory's name is not the point.
  if (const auto at = message.find(canonical(dir.path())); at != std::string::npos) {
    message.replace(at, canonical(dir.path()).size(), "BUNDLE");
  }
  return message;
}

TEST(OciBundle, StructuralErrors) {
  EXPECT_EQ(bundle_error("[]"), "config.json: the document must be a JSON object");
  EXPECT_EQ(bundle_error(R"({"process": {"args": ["true"], "cwd": "/"}})"),
            "config.json: root is required");
  EXPECT_EQ(bundle_error(R"({"root": {"path": "rootfs"}})"), "config.json: process is required");
  EXPECT_EQ(bundle_error(R"({"root": {"path": "rootfs"}, "process": ["sh"]})"),
            "config.json: process must be an object, not an array");
  EXPECT_EQ(bundle_error(R"({"root": {"path": "rootfs"}, "process": {"args": ["true"], "cwd": "/"},
                             "linux": "yes"})"),
            "config.json: linux must be an object, not a string");
  EXPECT_EQ(bundle_error(R"({"root": {"path": 7}, "process": {"args": ["true"], "cwd": "/"}})"),
            "config.json: root.path must be a string, not a number");
  EXPECT_EQ(bundle_error(R"({"root": {"path": "rootfs"}, "process": {"args": [], "cwd": "/"}})"),
            "config.json: process.args must be a non-empty array of strings");
  EXPECT_EQ(bundle_error(R"({"root": {"path": "rootfs"}, "process": {"args": ["true"], "cwd": "/"},
                             "annotations": {"a": true}})"),
            "config.json: annotations.a must be a string, not a boolean");
  EXPECT_EQ(bundle_error(R"({"root": {"path": "rootfs"}, "process": {"args": ["true"], "cwd": "/"},
                             "linux": {"namespaces": [{"type": "pidfd"}]}})"),
            "config.json: linux.namespaces[0].type names an unknown namespace type \"pidfd\"");
  EXPECT_EQ(bundle_error(R"({"root": {"path": "rootfs"}, "process": {"args": ["true"], "cwd": "/",
                             "capabilities": {"effective": ["CAP_NOPE"]}}})"),
            "config.json: process.capabilities.effective[0] names an unknown capability "
            "\"CAP_NOPE\"");
}

TEST(OciBundle, RootfsMustBeADirectory) {
  EXPECT_EQ(
      bundle_error(R"({"root": {"path": "gone"}, "process": {"args": ["true"], "cwd": "/"}})"),
      "config.json: root.path leads to BUNDLE/gone, which cannot be used: No such file or "
      "directory");
  EXPECT_EQ(bundle_error(R"({"root": {"path": "config.json"}, "process": {"args": ["true"],
                             "cwd": "/"}})"),
            "config.json: root.path leads to BUNDLE/config.json, which is not a directory");
  const BundleDir dir(R"({"root": {"path": "link"}, "process": {"args": ["true"], "cwd": "/"}})");
  std::filesystem::create_directory_symlink("rootfs", dir.path() + "/link");
  EXPECT_EQ(error_of([&] { load_bundle(dir.path(), "c"); }),
            "config.json: root.path leads to " + canonical(dir.path()) +
                "/link, a symbolic link; give its target");
}

TEST(OciBundle, HostnameNeedsAPrivateUtsNamespace) {
  EXPECT_EQ(bundle_error(R"({"root": {"path": "rootfs"}, "process": {"args": ["true"], "cwd": "/"},
                             "hostname": "box", "linux": {"namespaces": [{"type": "pid"}]}})"),
            "config.json: unable to set hostname without a private UTS namespace");
  EXPECT_EQ(bundle_error(R"({"root": {"path": "rootfs"}, "process": {"args": ["true"], "cwd": "/"},
                             "domainname": "example.org"})"),
            "config.json: unable to set domainname without a private UTS namespace");
  // An empty hostname asks for nothing.
  EXPECT_EQ(bundle_error(R"({"root": {"path": "rootfs"}, "process": {"args": ["true"], "cwd": "/"},
                             "hostname": ""})"),
            "no error");
}

TEST(OciBundle, ProcessFile) {
  const BundleDir dir(kRuncSpec);
  const Bundle bundle = load_bundle(dir.path(), "c");
  const std::string file = dir.dir().write("process.json", R"({
    "terminal": false, "user": {"uid": 1000, "gid": 1000}, "args": ["/bin/ps", "aux"],
    "env": ["PATH=/bin"], "cwd": "/tmp", "noNewPrivileges": true})");
  const auto process = load_process_file(file, bundle.plan);
  EXPECT_EQ(process.args, (std::vector<std::string>{"/bin/ps", "aux"}));
  EXPECT_EQ(process.uid, 1000u);
  EXPECT_EQ(process.cwd, "/tmp");
  EXPECT_FALSE(process.terminal);
  // What the file leaves out is the container's.
  EXPECT_EQ(process.capabilities.bounding, bundle.plan.process.capabilities.bounding);
  EXPECT_EQ(process.rlimits.size(), 1u);

  EXPECT_EQ(error_of([&] { load_process_file(dir.path() + "/none.json", bundle.plan); }),
            "cannot read " + dir.path() + "/none.json: No such file or directory");
  const std::string bad = dir.dir().write("bad.json", R"({"args": ["ps"], "cwd": 1})");
  EXPECT_EQ(error_of([&] { load_process_file(bad, bundle.plan); }),
            bad + ": cwd must be a string, not a number");
  const std::string array = dir.dir().write("array.json", "[]");
  EXPECT_EQ(error_of([&] { load_process_file(array, bundle.plan); }),
            array + ": the document must be a JSON object (a runtime-spec process)");
}

}  // namespace
}  // namespace mydocker::runtime
