// The steps every container child takes between clone and exec, in the order docs/plugins.md
// gives: begin_container_child() first, then take_stdio(), the isolator's own setup,
// close_inherited_fds(), and exec_container_command() last. Header-only; each step is system
// calls only, no allocation, and reports its failure through a ChildReporter (which exits).
#pragma once

#include <linux/close_range.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <vector>

#include "mydocker/child_report.hpp"
#include "mydocker/container_init.hpp"
#include "mydocker/isolator_support.hpp"
#include "mydocker/types.hpp"

namespace mydocker {

// What every container child works from, prepared before the clone; an isolator's own plan
// holds it with whatever else its child needs.
struct ContainerChild {
  ContainerChild(const ContainerSpec& spec, int report_fd)
      : spec(&spec),
        argv(exec_strings(spec.args)),
        envp(exec_strings(spec.env)),
        report_fd(report_fd) {}
  const ContainerSpec* spec;
  std::vector<char*> argv;  // null-terminated views into spec
  std::vector<char*> envp;
  int report_fd;  // write end of the report pipe (child_report.hpp)
};

// The first thing the child does. No daemon keeps the container: if mydocker dies (even by
// SIGKILL), so does the child. And a session of its own (leave_caller_session), before
// anything else can fail. In a new PID namespace the parent is outside it (getppid() is 0), so
// the usual re-check of the parent after prctl is not possible; the window is the few
// instructions since clone3.
inline void begin_container_child(const ChildReporter& report) noexcept {
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) report.fail(child_stage::start);
  if (!leave_caller_session()) report.fail(child_stage::session);
}

// spec's stdin, stdout and stderr fds as 0, 1, 2 (without -t; with it the terminal is).
inline void take_stdio(const ChildReporter& report, const ContainerSpec& spec) noexcept {
  const int fds[3] = {spec.stdin_fd, spec.stdout_fd, spec.stderr_fd};
  for (int target = 0; target < 3; ++target) {
    if (fds[target] != target && ::dup2(fds[target], target) < 0) report.fail(child_stage::stdio);
  }
}

// Every descriptor but stdio (and the `first` - 3 passed on after it) is closed at exec,
// whatever the caller forgot to mark.
inline void close_inherited_fds(const ChildReporter& report, unsigned first = 3) noexcept {
  if (::syscall(SYS_close_range, first, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
    report.fail(child_stage::stdio);
  }
}

// What the command starts with: every signal at its default disposition, none blocked.
inline void reset_signals() noexcept {
  for (int sig = 1; sig < NSIG; ++sig) ::signal(sig, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

struct ContainerCommand {
  const char* executable;  // the path to exec, as the child now sees the file system
  char* const* argv;       // exec_strings(), built before the clone
  char* const* envp;
  bool init;  // --init: fork_under_init() first (call this after privileges are reduced)
  bool tty;   // with init: the command takes the terminal's foreground
};

// The last step: --init, default signals, execve. On failure it reports the exec's errno and
// exits 127 (no such file) or 126.
[[noreturn]] inline void exec_container_command(const ChildReporter& report,
                                                const ContainerCommand& command) noexcept {
  if (command.init) {
    if (fork_under_init() != 0) report.fail(child_stage::init);
    // The command leads its own process group, in the foreground of the terminal, so a shell
    // and its job control behave as without --init.
    ::setpgid(0, 0);
    if (command.tty) ::tcsetpgrp(0, ::getpid());
  }
  reset_signals();
  ::execve(command.executable, command.argv, command.envp);
  report.exec_failed();
}

// The same for the spec's own executable, --init and -t.
[[noreturn]] inline void exec_container_command(const ChildReporter& report,
                                                const ContainerChild& child) noexcept {
  const ContainerSpec& spec = *child.spec;
  exec_container_command(
      report, {spec.executable.c_str(), child.argv.data(), child.envp.data(), spec.init, spec.tty});
}

}  // namespace mydocker
