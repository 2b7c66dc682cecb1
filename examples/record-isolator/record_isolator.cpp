// The isolator "record": writes the ContainerSpec the core hands it, as JSON, to the file named
// by $MYDOCKER_RECORD_SPEC, then runs the command with no isolation at all (the rootfs is only
// where the executable and the working directory are looked up). For tests of what the core
// decides: never use it for anything you do not trust.
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "mydocker/isolator_support.hpp"
#include "mydocker/plugin.hpp"
#include "mydocker/unique_fd.hpp"

namespace {

using mydocker::ContainerSpec;
using mydocker::UniqueFd;

void record(const ContainerSpec& spec) {
  const char* path = std::getenv("MYDOCKER_RECORD_SPEC");
  if (path == nullptr || *path == '\0') return;
  const nlohmann::json doc = {{"id", spec.id},
                              {"rootfs", spec.rootfs},
                              {"executable", spec.executable},
                              {"args", spec.args},
                              {"env", spec.env},
                              {"cwd", spec.cwd},
                              {"hostname", spec.hostname},
                              {"uid", spec.uid},
                              {"gid", spec.gid},
                              {"additional_gids", spec.additional_gids},
                              {"tty", spec.tty},
                              {"init", spec.init},
                              {"read_only_rootfs", spec.read_only_rootfs},
                              {"network", spec.network},
                              {"cap_add", spec.cap_add},
                              {"cap_drop", spec.cap_drop},
                              {"seccomp", spec.seccomp},
                              {"limits",
                               {{"memory_bytes", spec.limits.memory_bytes},
                                {"pids", spec.limits.pids},
                                {"cpus", spec.limits.cpus}}},
                              {"options", spec.options}};
  std::ofstream out(path, std::ios::trunc);
  out << doc.dump(2) << "\n";
  if (!out) throw mydocker::Error(std::string("record: cannot write ") + path);
}

class RecordedProcess : public mydocker::IContainer {
 public:
  RecordedProcess(int pid, UniqueFd pidfd) : pid_(pid), pidfd_(std::move(pidfd)) {}
  int pid() const override { return pid_; }
  int pidfd() const override { return pidfd_.get(); }

 private:
  int pid_;
  UniqueFd pidfd_;
};

// In the child: everything here is async-signal-safe, the argument vectors were built before.
[[noreturn]] void exec_child(const ContainerSpec& spec, const std::string& exe,
                             const std::string& dir, char* const* argv, char* const* envp,
                             int report_fd) {
  // A session of its own: the caller's terminal must never be the container's.
  mydocker::leave_caller_session();
  ::dup2(spec.stdin_fd, 0);
  ::dup2(spec.stdout_fd, 1);
  ::dup2(spec.stderr_fd, 2);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  if (::chdir(dir.c_str()) == 0) ::execve(exe.c_str(), argv, envp);
  const int error = errno;
  [[maybe_unused]] auto n = ::write(report_fd, &error, sizeof error);
  ::_exit(127);
}

class RecordIsolator : public mydocker::IIsolator {
 public:
  std::unique_ptr<mydocker::IContainer> start(const ContainerSpec& spec) override {
    record(spec);
    const std::string exe = spec.rootfs + spec.executable;
    const std::string dir = spec.rootfs + spec.cwd;
    std::vector<char*> argv, envp;
    for (const auto& a : spec.args) argv.push_back(const_cast<char*>(a.c_str()));
    for (const auto& e : spec.env) envp.push_back(const_cast<char*>(e.c_str()));
    argv.push_back(nullptr);
    envp.push_back(nullptr);

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw mydocker::Error("record: cannot create a pipe");
    UniqueFd report_read(fds[0]), report_write(fds[1]);
    const pid_t pid = ::fork();
    if (pid < 0) throw mydocker::Error("record: cannot fork");
    if (pid == 0) exec_child(spec, exe, dir, argv.data(), envp.data(), report_write.get());
    report_write.reset();

    int error = 0;
    if (::read(report_read.get(), &error, sizeof error) == static_cast<ssize_t>(sizeof error)) {
      ::waitpid(pid, nullptr, 0);
      throw mydocker::ExecError(
          error == ENOENT ? 127 : 126,
          "record: cannot run " + spec.executable + ": " + std::strerror(error));
    }
    UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    return std::make_unique<RecordedProcess>(pid, std::move(pidfd));
  }
};

}  // namespace

MYDOCKER_ISOLATOR_PLUGIN("record", "1.0", [](mydocker::IHost&) -> mydocker::IIsolator* {
  return new RecordIsolator();
});
