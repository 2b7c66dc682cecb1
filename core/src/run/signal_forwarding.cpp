#include "run/signal_forwarding.hpp"

#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "mydocker/errors.hpp"
#include "mydocker/unique_fd.hpp"
#include "util/interruption.hpp"
#include "util/system_error.hpp"

namespace mydocker {

namespace {

constexpr int kForwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH};

void forward(const IContainer& container, int sig) {
  spdlog::debug("forwarding {} to the container", sigabbrev_np(sig));
  if (signal_container(container, sig) != 0 && errno != ESRCH) {
    spdlog::warn("cannot forward {}: {}", sigabbrev_np(sig), std::strerror(errno));
  }
}

}  // namespace

BlockedSignals::BlockedSignals() {
  sigemptyset(&set_);
  for (int sig : kForwarded) sigaddset(&set_, sig);
  sigaddset(&set_, SIGCHLD);
  if (::sigprocmask(SIG_BLOCK, &set_, &previous_) != 0) throw_errno("sigprocmask");
}

BlockedSignals::~BlockedSignals() { ::sigprocmask(SIG_SETMASK, &previous_, nullptr); }

void BlockedSignals::throw_if_interrupted() const { mydocker::throw_if_interrupted(); }

int BlockedSignals::supervise(const IContainer& container, StreamRelay* relay) const {
  const pid_t pid = container.pid();
  // From here the signals are the container's: a Ctrl-C the watcher saw after the last check
  // before the start is passed on, like any later one.
  if (const int early = stop_interrupt_watch(); early != 0) forward(container, early);
  const UniqueFd signals(::signalfd(-1, &set_, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!signals) throw_errno("signalfd");
  while (true) {
    // Reap first: a SIGCHLD that arrived before we got here is already consumed or pending,
    // and checking avoids depending on which.
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      if (relay != nullptr) relay->drain();
      return exit_status_from_wait(status);
    }
    if (r < 0 && errno != EINTR) throw_errno("cannot wait for the container");

    pollfd fds[1 + StreamRelay::kMaxPollFds] = {{signals.get(), POLLIN, 0}};
    const int count = 1 + (relay != nullptr ? relay->poll_fds(fds + 1) : 0);
    if (::poll(fds, count, -1) < 0) {
      if (errno == EINTR) continue;
      throw_errno("poll");
    }
    if (relay != nullptr) relay->handle(fds + 1, count - 1);
    signalfd_siginfo info{};
    while (::read(signals.get(), &info, sizeof info) == sizeof info) {
      const int sig = static_cast<int>(info.ssi_signo);
      if (sig == SIGCHLD) continue;
      if (sig == SIGWINCH && relay != nullptr && relay->resize()) continue;
      forward(container, sig);
    }
  }
}

int signal_container(const IContainer& container, int sig) {
  // Through the pidfd where there is one: a recycled pid cannot be hit.
  return container.pidfd() >= 0 ? static_cast<int>(::syscall(SYS_pidfd_send_signal,
                                                             container.pidfd(), sig, nullptr, 0))
                                : ::kill(container.pid(), sig);
}

int exit_status_from_wait(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return 125;
}

}  // namespace mydocker
