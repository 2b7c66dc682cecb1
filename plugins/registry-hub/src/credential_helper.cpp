#include "credential_helper.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "mydocker/errors.hpp"
#include "mydocker/unique_fd.hpp"

extern char** environ;

namespace mydocker::hub {

namespace {

constexpr auto kTimeout = std::chrono::seconds(30);

// Reaps the helper on every path; kills it first if it is still running.
class Child {
 public:
  explicit Child(pid_t pid) : pid_(pid) {}
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }
  int wait() {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_;
};

struct SpawnActions {
  posix_spawn_file_actions_t actions;
  SpawnActions() { posix_spawn_file_actions_init(&actions); }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&actions); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
};

// mydocker blocks SIGINT and SIGTERM in every thread (its core watches them): the helper gets
// an empty mask and default handlers, so a Ctrl-C at the terminal ends it too.
struct SpawnAttributes {
  posix_spawnattr_t attr;
  SpawnAttributes() {
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigset_t all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  }
  ~SpawnAttributes() { posix_spawnattr_destroy(&attr); }
  SpawnAttributes(const SpawnAttributes&) = delete;
  SpawnAttributes& operator=(const SpawnAttributes&) = delete;
};

void make_pipe(UniqueFd& read_end, UniqueFd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw Error(std::string("cannot run a credential helper: pipe: ") + std::strerror(errno));
  }
  read_end.reset(fds[0]);
  write_end.reset(fds[1]);
}

// Reads everything until EOF or the deadline.
bool read_all(int fd, std::string& out, std::chrono::steady_clock::time_point deadline) {
  char buf[4096];
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno != EINTR) return false;
    if (ready <= 0) continue;
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    if (out.size() < 1024 * 1024) out.append(buf, static_cast<std::size_t>(n));
  }
}

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? "no output" : line;
}

}  // namespace

std::optional<Credentials> run_credential_helper(const std::string& name,
                                                 const std::string& server) {
  const std::string program = "docker-credential-" + name;
  if (name.empty() || name.find('/') != std::string::npos) {
    throw Error("invalid credential helper name \"" + name + "\" in docker's config.json");
  }
  UniqueFd in_read, in_write, out_read, out_write;
  // stdin is a socket so that writing to a helper that already exited fails with EPIPE
  // (MSG_NOSIGNAL) instead of killing mydocker with SIGPIPE.
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    throw Error(std::string("cannot run a credential helper: socketpair: ") + std::strerror(errno));
  }
  in_read.reset(sv[0]);
  in_write.reset(sv[1]);
  make_pipe(out_read, out_write);
  SpawnActions fa;
  posix_spawn_file_actions_adddup2(&fa.actions, in_read.get(), 0);
  posix_spawn_file_actions_adddup2(&fa.actions, out_write.get(), 1);
  posix_spawn_file_actions_adddup2(&fa.actions, out_write.get(), 2);
  std::string arg0 = program, arg1 = "get";
  char* argv[] = {arg0.data(), arg1.data(), nullptr};
  const SpawnAttributes attributes;
  pid_t pid = -1;
  const int rc =
      ::posix_spawnp(&pid, program.c_str(), &fa.actions, &attributes.attr, argv, environ);
  if (rc != 0) {
    throw Error("cannot run credential helper " + program +
                " (configured in docker's config.json): " + std::strerror(rc));
  }
  Child child(pid);
  in_read.reset();
  out_write.reset();
  // The server name is far smaller than a pipe buffer: this write cannot block.
  const std::string input = server + "\n";
  [[maybe_unused]] const ssize_t n =
      ::send(in_write.get(), input.data(), input.size(), MSG_NOSIGNAL);
  in_write.reset();

  std::string output;
  if (!read_all(out_read.get(), output, std::chrono::steady_clock::now() + kTimeout)) {
    throw Error("credential helper " + program + " did not answer within 30 seconds");
  }
  const int status = child.wait();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    // Every helper says this when it simply has nothing stored for the server.
    if (output.find("credentials not found") != std::string::npos) return std::nullopt;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
      throw Error("credential helper " + program +
                  " is configured in docker's config.json but "
                  "not installed");
    }
    throw Error("credential helper " + program + " failed: " + first_line(output));
  }
  auto creds = parse_helper_output(output);
  if (!creds)
    throw Error("credential helper " + program + " gave an answer that is not credentials");
  return creds;
}

}  // namespace mydocker::hub
