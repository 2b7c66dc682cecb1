#include "harness.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace mydocker::test {

namespace {

using Clock = std::chrono::steady_clock;

std::vector<char*> argv_of(const std::string& binary, const std::vector<std::string>& args,
                           std::vector<std::string>& keep) {
  keep.clear();
  keep.push_back(binary);
  keep.insert(keep.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : keep) argv.push_back(s.data());
  argv.push_back(nullptr);
  return argv;
}

// Forks `binary` with its stdin/stdout/stderr on pipes; returns the pid.
int spawn(const std::string& binary, const std::vector<std::string>& args, int& in_fd, int& out_fd,
          int& err_fd) {
  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) {
    throw std::runtime_error("pipe failed");
  }
  std::vector<std::string> keep;
  auto argv = argv_of(binary, args, keep);
  const int pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execv(argv[0], argv.data());
    _exit(99);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  in_fd = in[1];
  out_fd = out[0];
  err_fd = err[0];
  return pid;
}

// Reads both pipes until EOF on both or the deadline; kills the process at the deadline.
void drain(int pid, int out_fd, int err_fd, std::string& out, std::string& err,
           Clock::time_point deadline) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open_count = 2;
  char buf[65536];
  while (open_count > 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      kill(pid, SIGKILL);
      err += "\n[harness: timed out, killed mydocker]";
      break;
    }
    if (poll(fds, 2, static_cast<int>(left)) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        fds[i].fd = -1;
        --open_count;
      } else {
        (i == 0 ? out : err).append(buf, static_cast<std::size_t>(n));
      }
    }
  }
}

// In a sanitized build (MYDOCKER_SANITIZE) a report fails the test, whatever exit status
// mydocker ended with: a report from the container's process before its exec would otherwise
// pass for the command's own failure.
void expect_no_sanitizer_report(const std::string& err) {
  for (const char* marker : {"Sanitizer", "runtime error:"}) {
    if (err.find(marker) != std::string::npos) {
      ADD_FAILURE() << "a sanitizer report on mydocker's stderr:\n" << err;
      return;
    }
  }
}

int reap(int pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

Result mydocker(const RunSpec& spec) { return run_program(MYDOCKER_BIN, spec); }

Result run_program(const std::string& binary, const RunSpec& spec) {
  int in_fd, out_fd, err_fd;
  const int pid = spawn(binary, spec.args, in_fd, out_fd, err_fd);
  // Small inputs fit the pipe buffer; the tests never send more than that.
  if (!spec.stdin_data.empty()) {
    [[maybe_unused]] auto n = write(in_fd, spec.stdin_data.data(), spec.stdin_data.size());
  }
  close(in_fd);
  Result r;
  drain(pid, out_fd, err_fd, r.out, r.err,
        Clock::now() + std::chrono::seconds(spec.timeout_seconds));
  close(out_fd);
  close(err_fd);
  r.exit_code = reap(pid);
  expect_no_sanitizer_report(r.err);
  return r;
}

Result mydocker(const std::vector<std::string>& args) { return mydocker(RunSpec{args, "", 60}); }

Background::Background(const std::vector<std::string>& args) {
  int in_fd;
  pid_ = spawn(MYDOCKER_BIN, args, in_fd, out_fd_, err_fd_);
  close(in_fd);
}

Background::~Background() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    reap(pid_);
  }
  if (out_fd_ >= 0) close(out_fd_);
  if (err_fd_ >= 0) close(err_fd_);
}

bool Background::wait_for_stdout(const std::string& text, int timeout_seconds) {
  const auto deadline = Clock::now() + std::chrono::seconds(timeout_seconds);
  char buf[4096];
  while (out_.find(text) == std::string::npos) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{out_fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    const ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) return false;
    out_.append(buf, static_cast<std::size_t>(n));
  }
  return true;
}

Result Background::wait(int timeout_seconds) {
  Result r;
  r.out = out_;
  drain(pid_, out_fd_, err_fd_, r.out, r.err, Clock::now() + std::chrono::seconds(timeout_seconds));
  r.exit_code = reap(pid_);
  pid_ = -1;
  expect_no_sanitizer_report(r.err);
  return r;
}

std::string images_dir() { return MYDOCKER_TEST_IMAGES; }
std::string explorer_on_host() { return MYDOCKER_EXPLORER_BIN; }

TempDir::TempDir() {
  char tmpl[] = "/tmp/mydocker-test-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

int first_child_of(int pid, int timeout_seconds) {
  const auto deadline = Clock::now() + std::chrono::seconds(timeout_seconds);
  const std::string path =
      "/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children";
  while (Clock::now() < deadline) {
    std::ifstream f(path);
    int child = -1;
    if (f >> child) return child;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

}  // namespace mydocker::test
