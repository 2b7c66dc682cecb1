// A deliberately careless isolator for the core's session check: it runs the command straight
// from the rootfs (no namespaces) and, unlike every real isolator, leaves it in the caller's
// session. The core must refuse to go on with such a container.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "mydocker/isolator_support.hpp"
#include "mydocker/plugin.hpp"

namespace {

class Process : public mydocker::IContainer {
 public:
  explicit Process(int pid) : pid_(pid) {}
  int pid() const override { return pid_; }
  int pidfd() const override { return -1; }

 private:
  int pid_;
};

class SessionlessIsolator : public mydocker::IIsolator {
 public:
  std::unique_ptr<mydocker::IContainer> start(const mydocker::ContainerSpec& spec) override {
    const std::string exe = spec.rootfs + spec.executable;
    auto argv = mydocker::exec_strings(spec.args);
    auto envp = mydocker::exec_strings(spec.env);
    const pid_t pid = ::fork();
    if (pid < 0) throw mydocker::Error("sessionless: cannot fork");
    if (pid == 0) {
      ::dup2(spec.stdin_fd, 0);
      ::dup2(spec.stdout_fd, 1);
      ::dup2(spec.stderr_fd, 2);
      sigset_t none;
      sigemptyset(&none);
      ::sigprocmask(SIG_SETMASK, &none, nullptr);
      ::execve(exe.c_str(), argv.data(), envp.data());
      ::_exit(127);
    }
    return std::make_unique<Process>(pid);
  }
};

mydocker::IIsolator* make(mydocker::IHost&) { return new SessionlessIsolator; }

}  // namespace

MYDOCKER_ISOLATOR_PLUGIN("sessionless", "1", make);
