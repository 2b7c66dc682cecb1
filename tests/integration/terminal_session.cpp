#include "terminal_session.hpp"

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

namespace mydocker::test {

std::vector<std::string> mydocker_argv(const std::vector<std::string>& args) {
  std::vector<std::string> argv{MYDOCKER_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

Result run_on_terminal(const std::vector<std::string>& arguments, std::vector<TerminalStep> steps,
                       int timeout_seconds) {
  winsize size{};
  size.ws_row = 33;
  size.ws_col = 111;
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, &size);
  if (pid == 0) {
    std::vector<std::string> keep = arguments;
    std::vector<char*> argv;
    for (auto& s : keep) argv.push_back(s.data());
    argv.push_back(nullptr);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execv(argv[0], argv.data());
    _exit(99);
  }
  Result r;
  std::size_t seen = 0;  // output before this offset has matched a step already
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{master, POLLIN, 0};
    if (poll(&p, 1, 200) > 0) {
      char buf[4096];
      const ssize_t n = read(master, buf, sizeof buf);
      if (n <= 0) break;  // EIO: the program and everything it started are gone
      r.out.append(buf, static_cast<std::size_t>(n));
    }
    if (steps.empty()) continue;
    const auto found = r.out.find(steps.front().wait_for, seen);
    if (found == std::string::npos) continue;
    seen = found + steps.front().wait_for.size();
    if (steps.front().rows != 0) {
      // The kernel tells the terminal's foreground job with SIGWINCH.
      winsize resized{};
      resized.ws_row = steps.front().rows;
      resized.ws_col = steps.front().cols;
      ioctl(master, TIOCSWINSZ, &resized);
      usleep(100000);
    }
    [[maybe_unused]] auto n = write(master, steps.front().input.data(), steps.front().input.size());
    steps.erase(steps.begin());
  }
  int status = 0;
  if (waitpid(pid, &status, WNOHANG) == 0) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  close(master);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

}  // namespace mydocker::test
