// `run -t`: a pseudo-terminal whose slave is the container's stdin, stdout and stderr, and the
// relay that copies between mydocker's own stdio and the master while the container runs.
#pragma once

#include <poll.h>
#include <termios.h>

#include <optional>

#include "mydocker/unique_fd.hpp"

namespace mydocker {

class PseudoTerminal {
 public:
  // Opens a new pty sized like mydocker's own terminal, if it has one. Throws Error.
  PseudoTerminal();
  int master() const { return master_.get(); }
  int slave() const { return slave_.get(); }
  // Once the container holds the slave, ours must go: the master sees EOF only when no one
  // has the slave open.
  void close_slave() { slave_.reset(); }
  // Gives the pty the size of mydocker's terminal (on start and on SIGWINCH).
  void copy_window_size() const;

 private:
  UniqueFd master_;
  UniqueFd slave_;
};

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
class TerminalRelay {
 public:
  TerminalRelay(const PseudoTerminal& pty, bool forward_stdin);
  // Fills at most two pollfds with what to wait for; returns how many.
  int poll_fds(pollfd* fds) const;
  // Acts on what poll reported for the fds poll_fds gave.
  void handle(const pollfd* fds, int count);
  // After the container has exited: copies what it wrote that is still in the pty.
  void drain();
  void resize() const { pty_.copy_window_size(); }

 private:
  bool copy_output();

  const PseudoTerminal& pty_;
  bool stdin_open_;
  bool master_open_ = true;
};

}  // namespace mydocker
