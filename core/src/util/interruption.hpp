// Ctrl-C and SIGTERM, as the whole process sees them. mydocker blocks SIGINT, SIGTERM, SIGHUP
// and SIGQUIT in every thread from the start of main(); a watcher thread reads them from a
// signalfd and records the first one. Long work (downloads in a source plugin, through
// IHost::cancelled(); blob writes, unpacking, hashing, lock waits in the core) polls
// interrupted() and unwinds with an Interrupted exception, so every temporary file and
// directory is removed by its owner's destructor, and main() exits 128+N as docker does.
// Once a container runs, run/signal_forwarding stops the watcher and forwards the signals to
// the container instead.
#pragma once

#include <string>

#include "mydocker/errors.hpp"

namespace mydocker {

// Thrown where the core notices an interruption. main() reports any failure after an
// interruption as the interruption itself.
class Interrupted : public Error {
 public:
  explicit Interrupted(int signal);
  int signal() const noexcept { return signal_; }

 private:
  int signal_;
};

// Blocks the signals above and watches them on a thread, for the lifetime of the object.
// One per process, made in main() before any other thread exists.
class InterruptWatch {
 public:
  InterruptWatch();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;
};

// The signal that interrupted mydocker, or 0.
int interrupting_signal() noexcept;
inline bool interrupted() noexcept { return interrupting_signal() != 0; }
void throw_if_interrupted();

// Ends the watcher thread (without unblocking the signals): from here on, whoever reads the
// signals (the container's supervisor) gets them. Returns the signal that interrupted mydocker
// before that, or 0. Idempotent.
int stop_interrupt_watch();

// "interrupted by SIGINT"
std::string interruption_message(int signal);

}  // namespace mydocker
