#include "run/signal_forwarding.hpp"

#include <spdlog/spdlog.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "mydocker/errors.hpp"
#include "util/system_error.hpp"

namespace mydocker {

namespace {

constexpr int kForwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH};

}  // namespace

BlockedSignals::BlockedSignals() {
  sigemptyset(&set_);
  for (int sig : kForwarded) sigaddset(&set_, sig);
  sigaddset(&set_, SIGCHLD);
  if (::sigprocmask(SIG_BLOCK, &set_, &previous_) != 0) throw_errno("sigprocmask");
}

BlockedSignals::~BlockedSignals() { ::sigprocmask(SIG_SETMASK, &previous_, nullptr); }

void BlockedSignals::throw_if_interrupted() const {
  sigset_t pending;
  sigpending(&pending);
  for (int sig : kForwarded) {
    if (sig != SIGWINCH && sigismember(&pending, sig)) {
      throw Error(std::string("interrupted by ") + sigabbrev_np(sig));
    }
  }
}

int BlockedSignals::supervise(const IContainer& container) const {
  const pid_t pid = container.pid();
  while (true) {
    // Reap first: a SIGCHLD that arrived before we got here is pending and would also wake us,
    // but checking avoids depending on that.
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return exit_status_from_wait(status);
    if (r < 0 && errno != EINTR) throw_errno("cannot wait for the container");

    siginfo_t info{};
    const int sig = ::sigwaitinfo(&set_, &info);
    if (sig < 0 || sig == SIGCHLD) continue;
    spdlog::debug("forwarding {} to the container", sigabbrev_np(sig));
    const int rc =
        container.pidfd() >= 0
            ? static_cast<int>(::syscall(SYS_pidfd_send_signal, container.pidfd(), sig, nullptr, 0))
            : ::kill(pid, sig);
    if (rc != 0 && errno != ESRCH) {
      spdlog::warn("cannot forward {}: {}", sigabbrev_np(sig), std::strerror(errno));
    }
  }
}

int exit_status_from_wait(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return 125;
}

}  // namespace mydocker
