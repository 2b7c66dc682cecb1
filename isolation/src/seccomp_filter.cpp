#include "seccomp_filter.hpp"

#include <linux/capability.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "mydocker/errors.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker::isolation {

namespace {

// Docker's unconditional allowlist (moby profiles/seccomp/default.json), grouped by purpose.
// Names for other architectures are listed too: on the host they either resolve to nothing or
// to the 32-bit compat ABI, which Docker also filters with this list. The io_uring calls are
// left out as Docker does since 25.0: io_uring performs I/O that seccomp never sees. mknod,
// mknodat, socket, personality, clone and clone3 have rules of their own below.
constexpr const char* kAllowed[] = {
    // Files, directories and descriptors.
    "access", "cachestat", "chdir", "chmod", "chown", "chown32", "close", "close_range",
    "copy_file_range", "creat", "dup", "dup2", "dup3", "faccessat", "faccessat2", "fadvise64",
    "fadvise64_64", "fallocate", "fchdir", "fchmod", "fchmodat", "fchmodat2", "fchown", "fchown32",
    "fchownat", "fcntl", "fcntl64", "fdatasync", "flock", "fstat", "fstat64", "fstatat64",
    "fstatfs", "fstatfs64", "fsync", "ftruncate", "ftruncate64", "futimesat", "getcwd", "getdents",
    "getdents64", "lchown", "lchown32", "link", "linkat", "listmount", "_llseek", "lseek", "lstat",
    "lstat64", "mkdir", "mkdirat", "name_to_handle_at", "newfstatat", "open", "openat", "openat2",
    "readahead", "readlink", "readlinkat", "rename", "renameat", "renameat2", "rmdir", "stat",
    "stat64", "statfs", "statfs64", "statmount", "statx", "symlink", "symlinkat", "sync",
    "sync_file_range", "syncfs", "truncate", "truncate64", "umask", "unlink", "unlinkat", "utime",
    "utimensat", "utimensat_time64", "utimes",
    // Extended attributes.
    "fgetxattr", "flistxattr", "fremovexattr", "fsetxattr", "getxattr", "getxattrat", "lgetxattr",
    "listxattr", "listxattrat", "llistxattr", "lremovexattr", "lsetxattr", "removexattr",
    "removexattrat", "setxattr", "setxattrat",
    // Reading and writing; asynchronous I/O.
    "io_cancel", "io_destroy", "io_getevents", "io_pgetevents", "io_pgetevents_time64", "io_setup",
    "io_submit", "ioctl", "ioprio_get", "ioprio_set", "pread64", "preadv", "preadv2", "pwrite64",
    "pwritev", "pwritev2", "read", "readv", "sendfile", "sendfile64", "splice", "tee", "vmsplice",
    "write", "writev",
    // Waiting for events.
    "epoll_create", "epoll_create1", "epoll_ctl", "epoll_ctl_old", "epoll_pwait", "epoll_pwait2",
    "epoll_wait", "epoll_wait_old", "eventfd", "eventfd2", "fanotify_mark", "inotify_add_watch",
    "inotify_init", "inotify_init1", "inotify_rm_watch", "_newselect", "pipe", "pipe2", "poll",
    "ppoll", "ppoll_time64", "pselect6", "pselect6_time64", "select", "signalfd", "signalfd4",
    "timerfd_create", "timerfd_gettime", "timerfd_gettime64", "timerfd_settime",
    "timerfd_settime64",
    // Memory.
    "brk", "madvise", "map_shadow_stack", "membarrier", "memfd_create", "memfd_secret", "mincore",
    "mlock", "mlock2", "mlockall", "mmap", "mmap2", "mprotect", "mremap", "mseal", "msync",
    "munlock", "munlockall", "munmap", "pkey_alloc", "pkey_free", "pkey_mprotect",
    "remap_file_pages",
    // Processes, threads and their own state. Docker allows ptrace and process_vm_* only on
    // kernels from 4.8, where ptrace can no longer be used to escape seccomp; older kernels are
    // out of scope here.
    "arch_prctl", "capget", "capset", "execve", "execveat", "exit", "exit_group", "fork", "futex",
    "futex_requeue", "futex_time64", "futex_wait", "futex_waitv", "futex_wake", "get_robust_list",
    "get_thread_area", "getpgid", "getpgrp", "getpid", "getppid", "getsid", "gettid",
    "landlock_add_rule", "landlock_create_ruleset", "landlock_restrict_self", "modify_ldt",
    "pidfd_open", "pidfd_send_signal", "prctl", "process_mrelease", "process_vm_readv",
    "process_vm_writev", "ptrace", "restart_syscall", "rseq", "seccomp", "set_robust_list",
    "set_thread_area", "set_tid_address", "setpgid", "setsid", "uretprobe", "vfork", "wait4",
    "waitid", "waitpid",
    // Credentials.
    "getegid", "getegid32", "geteuid", "geteuid32", "getgid", "getgid32", "getgroups",
    "getgroups32", "getresgid", "getresgid32", "getresuid", "getresuid32", "getuid", "getuid32",
    "setfsgid", "setfsgid32", "setfsuid", "setfsuid32", "setgid", "setgid32", "setgroups",
    "setgroups32", "setregid", "setregid32", "setresgid", "setresgid32", "setresuid", "setresuid32",
    "setreuid", "setreuid32", "setuid", "setuid32",
    // Signals.
    "alarm", "kill", "pause", "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo",
    "rt_sigreturn", "rt_sigsuspend", "rt_sigtimedwait", "rt_sigtimedwait_time64",
    "rt_tgsigqueueinfo", "sigaltstack", "sigprocmask", "sigreturn", "tgkill", "tkill",
    // Clocks and timers. adjtimex and clock_adjtime only read the clock without CAP_SYS_TIME.
    "adjtimex", "clock_adjtime", "clock_adjtime64", "clock_getres", "clock_getres_time64",
    "clock_gettime", "clock_gettime64", "clock_nanosleep", "clock_nanosleep_time64", "getitimer",
    "gettimeofday", "nanosleep", "setitimer", "time", "timer_create", "timer_delete",
    "timer_getoverrun", "timer_gettime", "timer_gettime64", "timer_settime", "timer_settime64",
    "times",
    // Scheduling, resource limits and system information.
    "getcpu", "getpriority", "getrandom", "getrlimit", "getrusage", "prlimit64",
    "sched_get_priority_max", "sched_get_priority_min", "sched_getaffinity", "sched_getattr",
    "sched_getparam", "sched_getscheduler", "sched_rr_get_interval", "sched_rr_get_interval_time64",
    "sched_setaffinity", "sched_setattr", "sched_setparam", "sched_setscheduler", "sched_yield",
    "setpriority", "setrlimit", "sysinfo", "ugetrlimit", "uname",
    // System V and POSIX IPC (namespaced by the container's IPC namespace).
    "ipc", "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive", "mq_timedreceive_time64",
    "mq_timedsend", "mq_timedsend_time64", "mq_unlink", "msgctl", "msgget", "msgrcv", "msgsnd",
    "semctl", "semget", "semop", "semtimedop", "semtimedop_time64", "shmat", "shmctl", "shmdt",
    "shmget",
    // Sockets, except socket itself.
    "accept", "accept4", "bind", "connect", "getpeername", "getsockname", "getsockopt", "listen",
    "recv", "recvfrom", "recvmmsg", "recvmmsg_time64", "recvmsg", "send", "sendmmsg", "sendmsg",
    "sendto", "setsockopt", "shutdown", "socketcall", "socketpair",
    // Architecture-specific calls Docker allows on their architecture only; elsewhere these
    // names do not exist.
    "arm_fadvise64_64", "arm_sync_file_range", "breakpoint", "cacheflush", "riscv_flush_icache",
    "riscv_hwprobe", "s390_pci_mmio_read", "s390_pci_mmio_write", "s390_runtime_instr", "set_tls",
    "swapcontext", "sync_file_range2"};

// Calls Docker allows only when the container keeps the capability they need: without it the
// kernel would refuse them anyway, so the filter keeps their code out of the container's reach.
struct CapabilityGated {
  int capability;
  std::span<const char* const> names;
};

constexpr const char* kDacReadSearch[] = {"open_by_handle_at"};
constexpr const char* kSysAdmin[] = {"bpf",
                                     "clone",
                                     "clone3",
                                     "fanotify_init",
                                     "fsconfig",
                                     "fsmount",
                                     "fsopen",
                                     "fspick",
                                     "lookup_dcookie",
                                     "lsm_get_self_attr",
                                     "lsm_list_modules",
                                     "lsm_set_self_attr",
                                     "mount",
                                     "mount_setattr",
                                     "move_mount",
                                     "open_tree",
                                     "perf_event_open",
                                     "quotactl",
                                     "quotactl_fd",
                                     "setdomainname",
                                     "sethostname",
                                     "setns",
                                     "syslog",
                                     "umount",
                                     "umount2",
                                     "unshare"};
constexpr const char* kSysBoot[] = {"reboot"};
constexpr const char* kSysChroot[] = {"chroot"};
constexpr const char* kSysModule[] = {"delete_module", "finit_module", "init_module"};
constexpr const char* kSysPacct[] = {"acct"};
constexpr const char* kSysPtrace[] = {
    "kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv", "process_vm_writev", "ptrace"};
constexpr const char* kSysRawio[] = {"ioperm", "iopl"};
constexpr const char* kSysTime[] = {"clock_settime", "clock_settime64", "settimeofday", "stime"};
constexpr const char* kSysTtyConfig[] = {"vhangup"};
constexpr const char* kSysNice[] = {"get_mempolicy", "mbind", "set_mempolicy",
                                    "set_mempolicy_home_node"};
constexpr const char* kSyslog[] = {"syslog"};
constexpr const char* kBpf[] = {"bpf"};
constexpr const char* kPerfmon[] = {"perf_event_open"};

constexpr CapabilityGated kCapabilityGated[] = {{CAP_DAC_READ_SEARCH, kDacReadSearch},
                                                {CAP_SYS_ADMIN, kSysAdmin},
                                                {CAP_SYS_BOOT, kSysBoot},
                                                {CAP_SYS_CHROOT, kSysChroot},
                                                {CAP_SYS_MODULE, kSysModule},
                                                {CAP_SYS_PACCT, kSysPacct},
                                                {CAP_SYS_PTRACE, kSysPtrace},
                                                {CAP_SYS_RAWIO, kSysRawio},
                                                {CAP_SYS_TIME, kSysTime},
                                                {CAP_SYS_TTY_CONFIG, kSysTtyConfig},
                                                {CAP_SYS_NICE, kSysNice},
                                                {CAP_SYSLOG, kSyslog},
                                                {CAP_BPF, kBpf},
                                                {CAP_PERFMON, kPerfmon}};

// The personality values Docker accepts: PER_LINUX, PER_LINUX32, their UNAME26 variants, and
// the 0xffffffff query.
constexpr scmp_datum_t kPersonalities[] = {0x0, 0x8, 0x20000, 0x20008, 0xffffffff};

constexpr scmp_datum_t kNamespaceFlags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |
                                         CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP;

// Not Docker's: the container keeps CAP_MKNOD (as in Docker, for the fifos and sockets it
// covers), but a device node it creates would open host hardware unless a device cgroup
// forbids it; the filter refuses those whatever the cgroup setup. Type 0 is a regular file.
constexpr scmp_datum_t kMknodTypes[] = {0, S_IFREG, S_IFIFO, S_IFSOCK};

[[noreturn]] void fail(const std::string& what, int error) {
  throw Error("seccomp: " + what + ": " + std::strerror(error));
}

struct FilterRelease {
  void operator()(void* ctx) const { seccomp_release(ctx); }
};
using Filter = std::unique_ptr<void, FilterRelease>;

bool has(unsigned long long capabilities, int capability) {
  return capability < 64 && ((capabilities >> capability) & 1) != 0;
}

// Adds one rule (all comparisons must hold). A name libseccomp does not know for this
// architecture is skipped: Docker's list names calls of every architecture, and a call newer
// than libseccomp cannot be named in a filter anyway.
void add(const Filter& filter, uint32_t action, const char* name,
         std::initializer_list<scmp_arg_cmp> comparisons = {}) {
  const int nr = seccomp_syscall_resolve_name(name);
  if (nr == __NR_SCMP_ERROR) return;
  const int rc = seccomp_rule_add_array(
      filter.get(), action, nr, static_cast<unsigned int>(comparisons.size()), comparisons.begin());
  if (rc != 0) fail(std::string("add a rule for ") + name, -rc);
}

void set_attribute(const Filter& filter, scmp_filter_attr attribute, uint32_t value,
                   const char* what) {
  const int rc = seccomp_attr_set(filter.get(), attribute, value);
  if (rc != 0) fail(std::string("set ") + what, -rc);
}

// Docker filters the compat ABIs the host kernel can run along with the native one (its
// archMap), with the same rules, so that 32-bit programs work in the container.
void add_compat_architectures(const Filter& filter) {
  std::span<const uint32_t> compat;
  static constexpr uint32_t kX86_64[] = {SCMP_ARCH_X86, SCMP_ARCH_X32};
  static constexpr uint32_t kAarch64[] = {SCMP_ARCH_ARM};
  static constexpr uint32_t kS390x[] = {SCMP_ARCH_S390};
  switch (seccomp_arch_native()) {
    case SCMP_ARCH_X86_64:
      compat = kX86_64;
      break;
    case SCMP_ARCH_AARCH64:
      compat = kAarch64;
      break;
    case SCMP_ARCH_S390X:
      compat = kS390x;
      break;
    default:
      break;
  }
  for (const uint32_t arch : compat) {
    const int rc = seccomp_arch_add(filter.get(), arch);
    if (rc != 0 && rc != -EEXIST) fail("add a compat architecture", -rc);
  }
}

void add_rules(const Filter& filter, unsigned long long capabilities) {
  for (const char* name : kAllowed) add(filter, SCMP_ACT_ALLOW, name);

  for (const auto& [capability, names] : kCapabilityGated) {
    if (!has(capabilities, capability)) continue;
    for (const char* name : names) add(filter, SCMP_ACT_ALLOW, name);
  }

  if (!has(capabilities, CAP_SYS_ADMIN)) {
    // s390 passes the clone flags second.
    const uint32_t arch = seccomp_arch_native();
    const unsigned int flags_arg = arch == SCMP_ARCH_S390X || arch == SCMP_ARCH_S390 ? 1 : 0;
    add(filter, SCMP_ACT_ALLOW, "clone", {{flags_arg, SCMP_CMP_MASKED_EQ, kNamespaceFlags, 0}});
    // clone3 passes its flags in memory, out of the filter's reach: ENOSYS makes libc fall
    // back to clone, whose flags the rule above checks.
    add(filter, SCMP_ACT_ERRNO(ENOSYS), "clone3");
  }

  for (const scmp_datum_t persona : kPersonalities) {
    add(filter, SCMP_ACT_ALLOW, "personality", {{0, SCMP_CMP_EQ, persona, 0}});
  }

  // vsock reaches the hypervisor, which no namespace isolates.
  add(filter, SCMP_ACT_ALLOW, "socket", {{0, SCMP_CMP_NE, AF_VSOCK, 0}});

  for (const scmp_datum_t type : kMknodTypes) {
    add(filter, SCMP_ACT_ALLOW, "mknod", {{1, SCMP_CMP_MASKED_EQ, S_IFMT, type}});
    add(filter, SCMP_ACT_ALLOW, "mknodat", {{2, SCMP_CMP_MASKED_EQ, S_IFMT, type}});
  }
}

}  // namespace

// libseccomp 2.5 can only write the program to a descriptor; a memfd keeps it off disk.
std::vector<sock_filter> export_seccomp_program(void* context) {
  const UniqueFd fd(::memfd_create("mydocker-seccomp", MFD_CLOEXEC));
  if (fd.get() < 0) fail("memfd_create", errno);
  const int rc = seccomp_export_bpf(context, fd.get());
  if (rc != 0) fail("export the filter", -rc);

  const off_t size = ::lseek(fd.get(), 0, SEEK_END);
  if (size < 0) fail("size the exported filter", errno);
  if (size == 0 || size % sizeof(sock_filter) != 0) {
    throw Error("seccomp: the exported filter has a bad size (" + std::to_string(size) + ")");
  }
  std::vector<sock_filter> program(static_cast<std::size_t>(size) / sizeof(sock_filter));
  if (program.size() > BPF_MAXINSNS) {
    throw Error("seccomp: the filter has " + std::to_string(program.size()) +
                " instructions, more than the kernel accepts");
  }
  auto* out = reinterpret_cast<char*>(program.data());
  std::size_t done = 0;
  while (done < static_cast<std::size_t>(size)) {
    const ssize_t n = ::pread(fd.get(), out + done, static_cast<std::size_t>(size) - done,
                              static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("read the exported filter", errno);
    if (n == 0) throw Error("seccomp: the exported filter was cut short");
    done += static_cast<std::size_t>(n);
  }
  return program;
}

SeccompFilter SeccompFilter::docker_default(unsigned long long capabilities) {
  Filter filter(seccomp_init(SCMP_ACT_ERRNO(EPERM)));
  if (!filter) throw Error("seccomp: cannot create a filter context");

  // The child sets no_new_privs itself; the exported program does not carry this anyway.
  set_attribute(filter, SCMP_FLTATR_CTL_NNP, 0, "the no_new_privs attribute");
  // A syscall from an ABI the filter does not cover is numbered in a table the rules were not
  // resolved against. On x86_64 none is left once the compat ABIs are added; elsewhere it is
  // an ABI nobody vetted. Docker keeps libseccomp's default, which kills only the calling
  // thread and leaves the rest of the process running half-broken; killing the process
  // refuses as firmly and cleanly. EPERM would be safe too, but would leave a program
  // limping on calls that all fail instead of stopping it with a clear SIGSYS.
  set_attribute(filter, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS, "the bad-arch action");
  // A binary tree instead of a linear scan: every system call of the container runs the
  // filter, and the kernel runs it for every syscall number when it is installed.
  set_attribute(filter, SCMP_FLTATR_CTL_OPTIMIZE, 2, "the binary-tree optimization");

  add_compat_architectures(filter);
  add_rules(filter, capabilities);

  SeccompFilter result;
  result.program_ = export_seccomp_program(filter.get());
  return result;
}

SeccompFilter SeccompFilter::from_program(std::vector<sock_filter> program, unsigned int flags) {
  SeccompFilter result;
  result.program_ = std::move(program);
  result.flags_ = flags;
  return result;
}

bool SeccompFilter::install() const noexcept {
  if (program_.empty()) {
    errno = EINVAL;
    return false;
  }
  struct sock_fprog prog {
    static_cast<unsigned short>(program_.size()), const_cast<sock_filter*>(program_.data())
  };
  return ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags_, &prog) == 0;
}

}  // namespace mydocker::isolation
