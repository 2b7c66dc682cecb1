#include "cli/hooks.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "mydocker/errors.hpp"
#include "mydocker/unique_fd.hpp"

extern char** environ;

namespace mydocker::runtime {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kKeptOutput = 4096;

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// The hook's last non-empty output line, for the error message.
std::string last_line(const std::string& output) {
  auto end = output.find_last_not_of("\n\r \t");
  if (end == std::string::npos) return {};
  const auto start = output.rfind('\n', end);
  return output.substr(start == std::string::npos ? 0 : start + 1,
                       end - (start == std::string::npos ? 0 : start + 1) + 1);
}

void read_available(int fd, std::string& output) {
  char buffer[1024];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) {
    output.append(buffer, static_cast<std::size_t>(n));
    if (output.size() > kKeptOutput) output.erase(0, output.size() - kKeptOutput);
  }
}

// Spawns the hook with stdin on a socket (send with MSG_NOSIGNAL: a hook that never reads
// must not kill the runtime with SIGPIPE) and stdout/stderr on a pipe we read.
void run_hook(const isolation::HookPlan& hook, const std::string& kind,
              const std::string& state_json) {
  const std::string name = kind + " hook " + hook.path;
  const auto failed = [&](const std::string& why) { return Error(name + " failed: " + why); };
  int stdin_pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, stdin_pair) != 0) {
    throw failed(std::string("socketpair: ") + std::strerror(errno));
  }
  UniqueFd stdin_ours(stdin_pair[0]), stdin_theirs(stdin_pair[1]);
  int output_pipe[2];
  if (::pipe2(output_pipe, O_CLOEXEC) != 0)
    throw failed(std::string("pipe: ") + std::strerror(errno));
  UniqueFd output_ours(output_pipe[0]), output_theirs(output_pipe[1]);

  std::vector<std::string> args =
      hook.args.empty() ? std::vector<std::string>{hook.path} : hook.args;
  std::vector<std::string> env = hook.env;
  auto argv = pointers(args);
  auto envp = pointers(env);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdin_theirs.get(), 0);
  posix_spawn_file_actions_adddup2(&actions, output_theirs.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, output_theirs.get(), 2);
  pid_t pid = -1;
  // No env in config.json: the hook inherits the runtime's, as with runc.
  const int spawn_error = ::posix_spawn(&pid, hook.path.c_str(), &actions, nullptr, argv.data(),
                                        hook.env.empty() ? environ : envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_error != 0) throw failed(std::strerror(spawn_error));
  stdin_theirs.reset();
  output_theirs.reset();

  ::fcntl(stdin_ours.get(), F_SETFL, O_NONBLOCK);
  [[maybe_unused]] const ssize_t sent =
      ::send(stdin_ours.get(), state_json.data(), state_json.size(), MSG_NOSIGNAL);
  ::shutdown(stdin_ours.get(), SHUT_WR);
  ::fcntl(output_ours.get(), F_SETFL, O_NONBLOCK);

  UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  const auto deadline = Clock::now() + std::chrono::seconds(hook.timeout_seconds);
  std::string output;
  bool timed_out = false;
  while (pidfd) {
    int wait_ms = -1;
    if (hook.timeout_seconds > 0) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) {
        timed_out = true;
        ::kill(pid, SIGKILL);
        break;
      }
      wait_ms = static_cast<int>(left.count());
    }
    pollfd fds[2] = {{pidfd.get(), POLLIN, 0}, {output_ours.get(), POLLIN, 0}};
    const int ready = ::poll(fds, output_ours ? 2 : 1, wait_ms);
    if (ready < 0 && errno != EINTR) break;
    if (ready > 0 && output_ours && (fds[1].revents & (POLLIN | POLLHUP))) {
      read_available(output_ours.get(), output);
      if (fds[1].revents & POLLHUP && !(fds[1].revents & POLLIN)) output_ours.reset();
    }
    if (ready > 0 && (fds[0].revents & POLLIN)) break;
  }
  if (output_ours) read_available(output_ours.get(), output);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  const std::string said = last_line(output);
  const std::string suffix = said.empty() ? "" : ": " + said;
  if (timed_out) {
    throw failed("timed out after " + std::to_string(hook.timeout_seconds) + " s" + suffix);
  }
  if (WIFSIGNALED(status))
    throw failed("killed by signal " + std::to_string(WTERMSIG(status)) + suffix);
  if (WEXITSTATUS(status) != 0) {
    throw failed("exit status " + std::to_string(WEXITSTATUS(status)) + suffix);
  }
}

}  // namespace

void run_hooks(const std::vector<isolation::HookPlan>& hooks, const std::string& kind,
               const std::string& state_json) {
  for (const auto& hook : hooks) run_hook(hook, kind, state_json);
}

void run_hooks_warning_on_failure(const std::vector<isolation::HookPlan>& hooks,
                                  const std::string& kind, const std::string& state_json,
                                  const RuntimeLog& log) {
  for (const auto& hook : hooks) {
    try {
      run_hook(hook, kind, state_json);
    } catch (const Error& e) {
      log.warning(e.what());
    }
  }
}

}  // namespace mydocker::runtime
