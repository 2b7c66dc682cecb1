#include "util/interruption.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>

#include <atomic>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>

#include "mydocker/unique_fd.hpp"
#include "util/system_error.hpp"

namespace mydocker {

namespace {

constexpr int kWatched[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

std::atomic<int> g_signal{0};

// The watcher: its thread, the signalfd it reads and the eventfd that ends it.
struct Watcher {
  std::mutex mutex;
  std::thread thread;
  UniqueFd signals;
  UniqueFd wake;
};

Watcher& watcher() {
  static Watcher w;
  return w;
}

sigset_t watched_set() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : kWatched) sigaddset(&set, sig);
  return set;
}

void watch(int signals, int wake) {
  pollfd fds[2] = {{signals, POLLIN, 0}, {wake, POLLIN, 0}};
  while (true) {
    if (::poll(fds, 2, -1) < 0) continue;  // EINTR only: every signal is blocked here
    if (fds[1].revents != 0) return;
    signalfd_siginfo info{};
    while (::read(signals, &info, sizeof info) == sizeof info) {
      int none = 0;
      g_signal.compare_exchange_strong(none, static_cast<int>(info.ssi_signo));
    }
  }
}

}  // namespace

Interrupted::Interrupted(int signal) : Error(interruption_message(signal)), signal_(signal) {}

std::string interruption_message(int signal) {
  return std::string("interrupted by SIG") + sigabbrev_np(signal);
}

InterruptWatch::InterruptWatch() {
  const sigset_t set = watched_set();
  if (::pthread_sigmask(SIG_BLOCK, &set, nullptr) != 0) throw_errno("pthread_sigmask");
  Watcher& w = watcher();
  std::lock_guard lock(w.mutex);
  w.signals.reset(::signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!w.signals) throw_errno("signalfd");
  w.wake.reset(::eventfd(0, EFD_CLOEXEC));
  if (!w.wake) throw_errno("eventfd");
  // The thread starts with every signal blocked, so none is ever delivered to it.
  sigset_t all;
  sigset_t previous;
  sigfillset(&all);
  ::pthread_sigmask(SIG_SETMASK, &all, &previous);
  w.thread = std::thread(watch, w.signals.get(), w.wake.get());
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

// The signals stay blocked: a pending SIGINT must not kill mydocker before main() returns 130.
InterruptWatch::~InterruptWatch() { stop_interrupt_watch(); }

int interrupting_signal() noexcept { return g_signal.load(std::memory_order_relaxed); }

void throw_if_interrupted() {
  if (const int sig = interrupting_signal(); sig != 0) throw Interrupted(sig);
}

int stop_interrupt_watch() {
  Watcher& w = watcher();
  std::lock_guard lock(w.mutex);
  if (w.thread.joinable()) {
    const std::uint64_t one = 1;
    if (::write(w.wake.get(), &one, sizeof one) != sizeof one) std::terminate();
    w.thread.join();
    w.signals.reset();
    w.wake.reset();
  }
  return interrupting_signal();
}

}  // namespace mydocker
