// `run -t`: the isolator opens a pseudo-terminal inside the container and sends its master
// back; the relay copies between mydocker's own stdio and that master while the container runs.
#pragma once

#include <poll.h>
#include <termios.h>

#include <sys/ioctl.h>

#include <optional>
#include <string>

#include "mydocker/unique_fd.hpp"
#include "run/stream_relay.hpp"

namespace mydocker {

// The socket pair an isolator sends the container terminal's master through (SCM_RIGHTS).
class ConsoleSocket {
 public:
  ConsoleSocket();
  int isolator_end() const { return isolator_.get(); }
  // After IIsolator::start: the master the isolator sent. Throws Error when it sent none.
  UniqueFd receive_master(const std::string& isolation);

 private:
  UniqueFd ours_;
  UniqueFd isolator_;
};

// The size of mydocker's own terminal, {0, 0} when it has none.
winsize own_window_size();

// mydocker's terminal in raw mode while alive, so every key reaches the container unchanged
// (Ctrl-C included: the container's terminal turns it into SIGINT).
class RawTerminalMode {
 public:
  explicit RawTerminalMode(int fd);
  ~RawTerminalMode();
  RawTerminalMode(const RawTerminalMode&) = delete;
  RawTerminalMode& operator=(const RawTerminalMode&) = delete;

 private:
  int fd_;
  std::optional<termios> saved_;
};

// Copies stdin to the master (with -i) and the master to stdout.
class TerminalRelay final : public StreamRelay {
 public:
  TerminalRelay(UniqueFd master, bool forward_stdin);
  int poll_fds(pollfd* fds) const override;
  void handle(const pollfd* fds, int count) override;
  void drain() override;
  // Gives the container's terminal the size of mydocker's; the kernel tells its foreground job.
  bool resize() const override;

 private:
  bool copy_output();

  UniqueFd master_;
  bool stdin_open_;
  bool master_open_ = true;
};

}  // namespace mydocker
