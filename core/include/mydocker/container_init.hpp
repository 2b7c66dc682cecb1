// A minimal init for `run --init`, header-only so any isolator can offer it: PID 1 of the
// container stays this small loop, which reaps every orphan that is re-parented to it (so no
// zombie piles up) and passes every signal it receives on to the command.
#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mydocker {

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
