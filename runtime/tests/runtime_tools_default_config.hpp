// What the conformance suite's generator writes for every test (`oci-runtime-tool generate
// --rootfs-path . --args /runtimetest`, runtime-tools 0105384): root.path ".", Docker's default
// capabilities in all five sets, and Docker's seccomp profile of its day. Wrapped JSON.
#pragma once

namespace mydocker::runtime::testing {

inline constexpr const char* kRuntimeToolsDefaultConfig = R"json(
{"ociVersion": "1.0.2-dev", "process": {"user": {"uid": 0, "gid": 0}, "args": ["/runtimetest"],
"env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"],
"cwd": "/", "capabilities": {"bounding": ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
"CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP",
"CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"],
"effective": ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD",
"CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
"CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"], "inheritable": ["CAP_CHOWN",
"CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
"CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
"CAP_KILL", "CAP_AUDIT_WRITE"], "permitted": ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
"CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP",
"CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"],
"ambient": ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD",
"CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
"CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"]}, "rlimits": [{"type": "RLIMIT_NOFILE", "hard":
1024, "soft": 1024}]}, "root": {"path": "."}, "hostname": "mrsdalloway", "mounts":
[{"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid", "noexec",
"nodev"]}, {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid",
"noexec", "strictatime", "mode=755", "size=65536k"]}, {"destination": "/dev/pts", "type":
"devpts", "source": "devpts", "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666",
"mode=0620", "gid=5"]}, {"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options":
["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]}, {"destination": "/dev/mqueue",
"type": "mqueue", "source": "mqueue", "options": ["nosuid", "noexec", "nodev"]}, {"destination":
"/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]}],
"linux": {"resources": {"devices": [{"allow": false, "access": "rwm"}]}, "namespaces": [{"type":
"pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}], "seccomp":
{"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86",
"SCMP_ARCH_X32"], "syscalls": [{"names": ["accept", "accept4", "access", "alarm", "bind", "brk",
"capget", "capset", "chdir", "chmod", "chown", "chown32", "clock_getres", "clock_gettime",
"clock_nanosleep", "close", "connect", "copy_file_range", "creat", "dup", "dup2", "dup3",
"epoll_create", "epoll_create1", "epoll_ctl", "epoll_ctl_old", "epoll_pwait", "epoll_wait",
"epoll_wait_old", "eventfd", "eventfd2", "execve", "execveat", "exit", "exit_group",
"faccessat", "fadvise64", "fadvise64_64", "fallocate", "fanotify_mark", "fchdir", "fchmod",
"fchmodat", "fchown", "fchown32", "fchownat", "fcntl", "fcntl64", "fdatasync", "fgetxattr",
"flistxattr", "flock", "fork", "fremovexattr", "fsetxattr", "fstat", "fstat64", "fstatat64",
"fstatfs", "fstatfs64", "fsync", "ftruncate", "ftruncate64", "futex", "futimesat", "getcpu",
"getcwd", "getdents", "getdents64", "getegid", "getegid32", "geteuid", "geteuid32", "getgid",
"getgid32", "getgroups", "getgroups32", "getitimer", "getpeername", "getpgid", "getpgrp",
"getpid", "getppid", "getpriority", "getrandom", "getresgid", "getresgid32", "getresuid",
"getresuid32", "getrlimit", "get_robust_list", "getrusage", "getsid", "getsockname",
"getsockopt", "get_thread_area", "gettid", "gettimeofday", "getuid", "getuid32", "getxattr",
"inotify_add_watch", "inotify_init", "inotify_init1", "inotify_rm_watch", "io_cancel", "ioctl",
"io_destroy", "io_getevents", "ioprio_get", "ioprio_set", "io_setup", "io_submit", "ipc",
"kill", "lchown", "lchown32", "lgetxattr", "link", "linkat", "listen", "listxattr",
"llistxattr", "_llseek", "lremovexattr", "lseek", "lsetxattr", "lstat", "lstat64", "madvise",
"memfd_create", "mincore", "mkdir", "mkdirat", "mknod", "mknodat", "mlock", "mlock2",
"mlockall", "mmap", "mmap2", "mprotect", "mq_getsetattr", "mq_notify", "mq_open",
"mq_timedreceive", "mq_timedsend", "mq_unlink", "mremap", "msgctl", "msgget", "msgrcv",
"msgsnd", "msync", "munlock", "munlockall", "munmap", "nanosleep", "newfstatat", "_newselect",
"open", "openat", "pause", "pipe", "pipe2", "poll", "ppoll", "prctl", "pread64", "preadv",
"prlimit64", "pselect6", "pwrite64", "pwritev", "read", "readahead", "readlink", "readlinkat",
"readv", "recv", "recvfrom", "recvmmsg", "recvmsg", "remap_file_pages", "removexattr", "rename",
"renameat", "renameat2", "restart_syscall", "rmdir", "rt_sigaction", "rt_sigpending",
"rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn", "rt_sigsuspend", "rt_sigtimedwait",
"rt_tgsigqueueinfo", "sched_getaffinity", "sched_getattr", "sched_getparam",
"sched_get_priority_max", "sched_get_priority_min", "sched_getscheduler",
"sched_rr_get_interval", "sched_setaffinity", "sched_setattr", "sched_setparam",
"sched_setscheduler", "sched_yield", "seccomp", "select", "semctl", "semget", "semop",
"semtimedop", "send", "sendfile", "sendfile64", "sendmmsg", "sendmsg", "sendto", "setfsgid",
"setfsgid32", "setfsuid", "setfsuid32", "setgid", "setgid32", "setgroups", "setgroups32",
"setitimer", "setpgid", "setpriority", "setregid", "setregid32", "setresgid", "setresgid32",
"setresuid", "setresuid32", "setreuid", "setreuid32", "setrlimit", "set_robust_list", "setsid",
"setsockopt", "set_thread_area", "set_tid_address", "setuid", "setuid32", "setxattr", "shmat",
"shmctl", "shmdt", "shmget", "shutdown", "sigaltstack", "signalfd", "signalfd4", "sigreturn",
"socket", "socketcall", "socketpair", "splice", "stat", "stat64", "statfs", "statfs64", "statx",
"symlink", "symlinkat", "sync", "sync_file_range", "syncfs", "sysinfo", "syslog", "tee",
"tgkill", "time", "timer_create", "timer_delete", "timerfd_create", "timerfd_gettime",
"timerfd_settime", "timer_getoverrun", "timer_gettime", "timer_settime", "times", "tkill",
"truncate", "truncate64", "ugetrlimit", "umask", "uname", "unlink", "unlinkat", "utime",
"utimensat", "utimes", "vfork", "vmsplice", "wait4", "waitid", "waitpid", "write", "writev"],
"action": "SCMP_ACT_ALLOW"}, {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args":
[{"index": 0, "value": 0, "op": "SCMP_CMP_EQ"}, {"index": 0, "value": 8, "op": "SCMP_CMP_EQ"},
{"index": 0, "value": 4294967295, "op": "SCMP_CMP_EQ"}]}, {"names": ["chroot"], "action":
"SCMP_ACT_ALLOW"}, {"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0,
"value": 2080505856, "op": "SCMP_CMP_MASKED_EQ"}]}, {"names": ["arch_prctl"], "action":
"SCMP_ACT_ALLOW"}, {"names": ["modify_ldt"], "action": "SCMP_ACT_ALLOW"}]}}}
)json";

}  // namespace mydocker::runtime::testing
