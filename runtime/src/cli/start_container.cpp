#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "cli/container_process.hpp"
#include "cli/hooks.hpp"
#include "cli/lifecycle.hpp"
#include "mydocker/errors.hpp"
#include "state/container_status.hpp"

namespace mydocker::runtime {

namespace {

// Opens the gate the container's process is blocked on (it opens exec.fifo for writing) and
// waits until it is through: a byte, or the writer gone, on the fifo. If the process dies
// first (the pidfd turns readable), the container never ran its program.
void open_start_gate(const std::string& fifo, int pidfd, const std::string& id) {
  // Non-blocking, so a process that died before reaching the gate cannot hang us.
  UniqueFd gate(::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (!gate) throw Error("cannot open " + fifo + ": " + std::strerror(errno));
  for (;;) {
    pollfd fds[2] = {{gate.get(), POLLIN, 0}, {pidfd, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      throw Error(std::string("cannot wait for the container to start: ") + std::strerror(errno));
    }
    if (fds[0].revents & (POLLIN | POLLHUP)) {
      char byte;
      [[maybe_unused]] const ssize_t n = ::read(gate.get(), &byte, 1);
      return;
    }
    if (fds[1].revents & POLLIN) {
      throw Error("container " + id + " exited before it could start");
    }
  }
}

}  // namespace

void start_container(const RuntimeContext& context, const std::string& id) {
  const auto dir = LockedContainerDir::open(context.state_root(), id);
  ContainerState state = dir.load();
  switch (container_status(state, dir.start_gate_present())) {
    case ContainerStatus::stopped:
      throw Error("cannot start a container that has stopped: " + id);
    case ContainerStatus::running:
      throw Error("cannot start an already running container: " + id);
    case ContainerStatus::created:
      break;
  }
  const UniqueFd pidfd = open_container_process(state);
  if (!pidfd) throw Error("cannot start a container that has stopped: " + id);
  open_start_gate(dir.start_gate().string(), pidfd.get(), id);
  ::unlink(dir.start_gate().c_str());
  context.log.debug("started container " + id);
  // Running as far as the hooks are concerned, even if the program already exited (`true`).
  run_hooks_warning_on_failure(state.poststart_hooks, "poststart",
                               oci_state_json(state, ContainerStatus::running).dump(), context.log);
}

}  // namespace mydocker::runtime
