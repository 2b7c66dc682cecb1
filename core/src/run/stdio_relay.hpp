// Without -t, a terminal on mydocker's side is never handed to the container: an fd of the
// user's terminal lets a container read what the user types, or, with CAP_SYS_ADMIN, make it
// its controlling terminal and type commands into the user's shell (TIOCSTI). As docker does
// without -t, each of mydocker's stdin (with -i), stdout and stderr that is a terminal is
// replaced by a pipe, and this relay copies between the two while the container runs. Files,
// pipes and sockets are passed on as they are.
#pragma once

#include <array>

#include "mydocker/types.hpp"
#include "mydocker/unique_fd.hpp"
#include "run/stream_relay.hpp"

namespace mydocker {

class StdioRelay final : public StreamRelay {
 public:
  // Points spec.stdin_fd (when `forward_stdin`), stdout_fd and stderr_fd at pipes where
  // mydocker's own are terminals. `spec` must outlive start().
  StdioRelay(ContainerSpec& spec, bool forward_stdin);
  // Whether any stream is relayed at all.
  bool active() const;
  // After IIsolator::start: drops our copies of the container's ends, so its exit is an EOF.
  void container_started();

  int poll_fds(pollfd* fds) const override;
  void handle(const pollfd* fds, int count) override;
  void drain() override;

 private:
  struct Stream {
    int own_fd = -1;         // mydocker's 0, 1 or 2
    UniqueFd relay_end;      // the end this process reads (output) or writes (input)
    UniqueFd container_end;  // the end the container gets, until it has it
    bool open = false;
  };
  bool copy_output(Stream& stream);
  void copy_input(Stream& stream);

  std::array<Stream, 3> streams_;
};

}  // namespace mydocker
