// Starting a container process, header-only: the pipe the child reports through, clone3 with a
// pidfd, a handle that kills and reaps a child that never got to run, and the IContainer that
// start() returns. See docs/plugins.md, "The isolator skeleton".
#pragma once

#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include "mydocker/child_report.hpp"
#include "mydocker/errors.hpp"
#include "mydocker/isolator.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker {

// A close-on-exec pipe: the report pipe (child_report.hpp), or any other the parent and the
// child share. `who` names the isolator in the error.
struct ChildPipe {
  UniqueFd read_end;
  UniqueFd write_end;

  explicit ChildPipe(const std::string& who) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw Error(who + ": pipe: " + std::strerror(errno));
    read_end.reset(fds[0]);
    write_end.reset(fds[1]);
  }
};

// A child of the isolator, owned: its pid and pidfd. Until release(), destroying the handle
// kills the child and reaps it, so a start() that throws half-way (a failure report, a cgroup
// that could not be joined) never leaves a half-set-up container behind.
class ChildProcess {
 public:
  ChildProcess(pid_t pid, UniqueFd pidfd) noexcept : pid_(pid), pidfd_(std::move(pidfd)) {}
  ChildProcess(ChildProcess&& other) noexcept
      : pid_(std::exchange(other.pid_, -1)), pidfd_(std::move(other.pidfd_)) {}
  ChildProcess& operator=(ChildProcess&&) = delete;
  ~ChildProcess() { kill_and_reap(); }

  pid_t pid() const noexcept { return pid_; }
  int pidfd() const noexcept { return pidfd_.get(); }

  // Hands the process over (to the core, which supervises and reaps it): the pidfd, and the
  // handle no longer kills anything.
  UniqueFd release() noexcept {
    pid_ = -1;
    return std::move(pidfd_);
  }

 private:
  void kill_and_reap() noexcept {
    if (pid_ <= 0) return;
    // Not yet reaped, so the pid cannot name another process; a child that already exited
    // is a zombie, and the signal does nothing.
    if (!pidfd_ || ::syscall(SYS_pidfd_send_signal, pidfd_.get(), SIGKILL, nullptr, 0) != 0) {
      ::kill(pid_, SIGKILL);
    }
    int status;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }

  pid_t pid_;
  UniqueFd pidfd_;
};

// Clones a child with a pidfd in new namespaces (`namespaces`: CLONE_NEW* flags, 0 for none)
// and runs child_main() in it, which must exec or _exit: it runs in a copy of this process, so
// call this from a single-threaded parent and keep child_main to what is async-signal-safe
// (no allocation: build argv and everything else before). `who` names the isolator in errors.
template <typename ChildMain>
ChildProcess start_child(std::uint64_t namespaces, const std::string& who, ChildMain&& child_main) {
  int pidfd = -1;
  clone_args args{};
  args.flags = namespaces | CLONE_PIDFD;
  args.pidfd = reinterpret_cast<std::uint64_t>(&pidfd);
  args.exit_signal = SIGCHLD;
  const long pid = ::syscall(SYS_clone3, &args, sizeof args);
  if (pid < 0) {
    throw Error(who + ": cannot create the container process: " + std::strerror(errno));
  }
  if (pid == 0) {
    child_main();
    ::_exit(kSetupFailedStatus);
  }
  return ChildProcess(static_cast<pid_t>(pid), UniqueFd(pidfd));
}

// What start() returns for a process started with start_child: its pid and pidfd. An isolator
// with more to undo when the core drops the handle (a cgroup) derives from it.
class ContainerProcess : public IContainer {
 public:
  explicit ContainerProcess(ChildProcess&& child) noexcept
      : pid_(child.pid()), pidfd_(child.release()) {}
  int pid() const override { return pid_; }
  int pidfd() const override { return pidfd_.get(); }

 private:
  pid_t pid_;
  UniqueFd pidfd_;
};

}  // namespace mydocker
