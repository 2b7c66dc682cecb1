#include "child_hooks.hpp"

#include <fcntl.h>
#include <linux/sched.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdint>

#include "mydocker/isolator_support.hpp"

namespace mydocker::isolation {

namespace {

// The hook's stdin: a pipe whose write end is closed, so it reads EOF at once.
void give_empty_stdin() noexcept {
  int fds[2];
  if (::pipe(fds) != 0) return;
  ::close(fds[1]);
  if (fds[0] != 0) {
    ::dup2(fds[0], 0);
    ::close(fds[0]);
  }
}

[[noreturn]] void fail_with_status(const ChildReporter& report, const char* stage, const char* path,
                                   int status) noexcept {
  char reason[48] = "exited with status ";
  char* end = reason + sizeof reason - 1;
  char* at = reason + 19;
  if (WIFSIGNALED(status)) {
    const char killed[] = "killed by signal ";
    for (std::size_t i = 0; i < sizeof killed; ++i) reason[i] = killed[i];
    at = reason + sizeof killed - 1;
  }
  const int value = WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status);
  at = std::to_chars(at, end, value).ptr;
  *at = '\0';
  report.fail_because(stage, path, reason);
}

void run_hook(const ChildReporter& report, const PreparedHook& hook, const char* stage) noexcept {
  const char* path = hook.plan->path.c_str();
  int pidfd = -1;
  clone_args args{};
  args.flags = CLONE_PIDFD;
  args.pidfd = reinterpret_cast<std::uint64_t>(&pidfd);
  args.exit_signal = SIGCHLD;
  const long pid = ::syscall(SYS_clone3, &args, sizeof args);
  if (pid < 0) report.fail(stage, path);
  if (pid == 0) {
    give_empty_stdin();
    ::execve(path, hook.argv.data(), hook.envp.data());
    ::_exit(127);
  }
  const int timeout = hook.plan->timeout_seconds > 0 ? hook.plan->timeout_seconds * 1000 : -1;
  pollfd exited{pidfd, POLLIN, 0};
  int n;
  while ((n = ::poll(&exited, 1, timeout)) < 0 && errno == EINTR) {
  }
  if (n == 0) ::syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, nullptr, 0);
  int status = 0;
  while (::waitpid(static_cast<pid_t>(pid), &status, 0) < 0 && errno == EINTR) {
  }
  ::close(pidfd);
  if (n == 0) report.fail_because(stage, path, "timed out");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) fail_with_status(report, stage, path, status);
}

}  // namespace

std::vector<PreparedHook> prepare_hooks(const std::vector<HookPlan>& hooks) {
  std::vector<PreparedHook> out;
  for (const auto& hook : hooks) {
    PreparedHook p;
    p.plan = &hook;
    p.argv = hook.args.empty() ? std::vector<char*>{const_cast<char*>(hook.path.c_str()), nullptr}
                               : exec_strings(hook.args);
    p.envp = exec_strings(hook.env);
    out.push_back(std::move(p));
  }
  return out;
}

void run_hooks(const ChildReporter& report, const std::vector<PreparedHook>& hooks,
               const char* stage) noexcept {
  for (const auto& hook : hooks) run_hook(report, hook, stage);
}

}  // namespace mydocker::isolation
