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
#include <cstdlib>
#include <cstring>

namespace mydocker {

namespace container_init_detail {

// Overwrites this process's command line in place with "init": the init is a fork of the
// runtime, whose argv (host paths, image names) the container could read in /proc/1/cmdline.
// PR_SET_MM would need CAP_SYS_RESOURCE; the bytes /proc reads are ours to change.
inline void hide_command_line() noexcept {
  char stat[2048];
  const int fd = ::open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  const ssize_t n = ::read(fd, stat, sizeof stat - 1);
  ::close(fd);
  if (n <= 0) return;
  stat[n] = '\0';
  // Fields 48 and 49 are arg_start and arg_end; counting starts after the ")" closing comm.
  const char* p = std::strrchr(stat, ')');
  if (p == nullptr) return;
  unsigned long long fields[2] = {0, 0};
  for (int field = 2; *p != '\0' && field < 49; ++p) {
    if (*p != ' ') continue;
    ++field;
    if (field >= 48) fields[field - 48] = std::strtoull(p + 1, nullptr, 10);
  }
  char* start = reinterpret_cast<char*>(fields[0]);
  char* end = reinterpret_cast<char*>(fields[1]);
  if (start == nullptr || end <= start) return;
  std::memset(start, 0, static_cast<std::size_t>(end - start));
  std::memcpy(start, "init", std::min<std::size_t>(5, static_cast<std::size_t>(end - start)));
}

}  // namespace container_init_detail

// Forks. In the child it returns 0 with every signal blocked (the caller execs the command
// after restoring a mask); if the fork fails it returns -1 with errno set. The parent becomes
// the init: it closes every descriptor but stdio (the container can read an init's fds through
// /proc/1/fd), never returns, and exits with the command's status, 128+N if a signal N killed
// it. Call it from a single-threaded process, after the container's privileges are reduced.
inline int fork_under_init() noexcept {
  sigset_t all;
  sigfillset(&all);
  ::sigprocmask(SIG_SETMASK, &all, nullptr);
  const pid_t command = ::fork();
  if (command <= 0) return command < 0 ? -1 : 0;

  ::prctl(PR_SET_NAME, "init", 0, 0, 0);
  container_init_detail::hide_command_line();
  // Still a copy of the runtime's memory (credentials, say): not dumpable, so the container
  // cannot read it through ptrace or /proc/1/mem without CAP_SYS_PTRACE.
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
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
