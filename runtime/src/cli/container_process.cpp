#include "cli/container_process.hpp"

#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "mydocker/errors.hpp"
#include "state/container_status.hpp"

namespace mydocker::runtime {

UniqueFd open_container_process(const ContainerState& state) {
  if (state.pid <= 0) return {};
  UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, state.pid, 0)));
  // Checked after opening: from here on the pidfd names this process whatever the PID becomes.
  if (!pidfd || !container_process_alive(state)) return {};
  return pidfd;
}

void signal_process(int pidfd, int signal) {
  if (::syscall(SYS_pidfd_send_signal, pidfd, signal, nullptr, 0) != 0 && errno != ESRCH) {
    throw Error("cannot send signal " + std::to_string(signal) + ": " + std::strerror(errno));
  }
}

bool wait_for_exit(int pidfd, int timeout_ms) {
  pollfd fd{pidfd, POLLIN, 0};
  int ready;
  while ((ready = ::poll(&fd, 1, timeout_ms)) < 0 && errno == EINTR) {
  }
  return ready > 0;
}

int reap_exit_status(int pidfd) {
  siginfo_t info{};
  while (::waitid(P_PIDFD, static_cast<id_t>(pidfd), &info, WEXITED) != 0) {
    if (errno != EINTR)
      throw Error(std::string("cannot wait for the process: ") + std::strerror(errno));
  }
  if (info.si_code == CLD_EXITED) return info.si_status;
  return 128 + info.si_status;
}

}  // namespace mydocker::runtime
