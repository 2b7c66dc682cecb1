// A minimal init for `run --init`, header-only so any isolator can offer it: PID 1 of the
// container stays this small loop, which reaps every orphan that is re-parented to it (so no
// zombie piles up) and passes every signal it receives on to the command.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace mydocker {

namespace container_init_detail {

// Overwrites this process's command line and environment in place, the command line with
// "init": the init is a fork of the runtime, whose argv (host paths, image names) anyone in the
// container can read in /proc/1/cmdline, and whose environment is the host user's. PR_SET_MM
// would need CAP_SYS_RESOURCE; the bytes /proc reads are ours to change.
inline void hide_runtime_strings() noexcept {
  char stat[2048];
  const int fd = ::open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  const ssize_t n = ::read(fd, stat, sizeof stat - 1);
  ::close(fd);
  if (n <= 0) return;
  stat[n] = '\0';
  // Fields 48 to 51 are arg_start, arg_end, env_start and env_end; counting starts after the
  // ")" closing comm.
  const char* p = std::strrchr(stat, ')');
  if (p == nullptr) return;
  unsigned long long fields[4] = {0, 0, 0, 0};
  for (int field = 2; *p != '\0' && field < 51; ++p) {
    if (*p != ' ') continue;
    ++field;
    if (field >= 48) fields[field - 48] = std::strtoull(p + 1, nullptr, 10);
  }
  for (int i = 0; i < 4; i += 2) {
    char* start = reinterpret_cast<char*>(fields[i]);
    char* end = reinterpret_cast<char*>(fields[i + 1]);
    if (start == nullptr || end <= start) continue;
    std::memset(start, 0, static_cast<std::size_t>(end - start));
    if (i == 0) {
      std::memcpy(start, "init", std::min<std::size_t>(5, static_cast<std::size_t>(end - start)));
    }
  }
}

}  // namespace container_init_detail

// Forks. In the child it returns 0 with every signal blocked (the caller execs the command
// after restoring a mask); if the fork fails it returns -1 with errno set. The parent becomes
// the init: it never returns, and exits with the command's status, 128+N if a signal N killed
// it. Call it from a single-threaded process, after the container's privileges are reduced.
//
// The init is a copy of the runtime (its memory, its descriptors: a handle on the rootfs in
// the host's mount namespace leads to the host's /). Whatever the command starts can look at
// /proc/1, so the init is made not dumpable (no /proc/1/mem, environ, exe or fd/N without
// CAP_SYS_PTRACE) before the fork, and the child waits until the init has closed every
// descriptor but stdio before it goes on to exec: there is no moment in which a process of
// the container finds the host through PID 1.
inline int fork_under_init() noexcept {
  sigset_t all;
  sigfillset(&all);
  ::sigprocmask(SIG_SETMASK, &all, nullptr);
  ::prctl(PR_SET_NAME, "init", 0, 0, 0);
  container_init_detail::hide_runtime_strings();
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) return -1;
  int gate[2];
  if (::pipe2(gate, O_CLOEXEC) != 0) return -1;
  const pid_t command = ::fork();
  if (command < 0) {
    const int saved = errno;
    ::close(gate[0]);
    ::close(gate[1]);
    errno = saved;
    return -1;
  }
  if (command == 0) {
    // EOF once the init has closed its end, and with it everything else it held.
    ::close(gate[1]);
    char byte;
    while (::read(gate[0], &byte, 1) < 0 && errno == EINTR) {
    }
    ::close(gate[0]);
    return 0;
  }
  ::syscall(SYS_close_range, 3U, ~0U, 0U);
  while (true) {
    siginfo_t info{};
    const int sig = ::sigwaitinfo(&all, &info);
    if (sig < 0) continue;
    if (sig != SIGCHLD) {
      ::kill(command, sig);
      continue;
    }
    int status = 0;
    pid_t reaped;
    while ((reaped = ::waitpid(-1, &status, WNOHANG)) > 0) {
      if (reaped != command) continue;
      // Leaving takes the rest of the container with it, as when the command is PID 1.
      ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    }
  }
}

}  // namespace mydocker
