#include "chroot_isolator.hpp"

#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "child_setup.hpp"
#include "mydocker/errors.hpp"
#include "mydocker/isolator_support.hpp"
#include "mydocker/untrusted_file.hpp"

namespace mydocker::chroot {

namespace {

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(o.release()) {}
  Fd& operator=(Fd&&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

class ChrootContainer : public IContainer {
 public:
  ChrootContainer(pid_t pid, Fd pidfd) : pid_(pid), pidfd_(std::move(pidfd)) {}
  int pid() const override { return pid_; }
  int pidfd() const override { return pidfd_.get(); }

 private:
  pid_t pid_;
  Fd pidfd_;
};

[[noreturn]] void throw_errno(const std::string& what) {
  throw Error("chroot isolator: " + what + ": " + std::strerror(errno));
}

// The host file to copy in when the image lacks an absolute command: only an executable
// regular file qualifies (opened without blocking, whatever is at the path).
Fd open_host_executable(const std::string& path) {
  if (path.empty() || path.front() != '/') return Fd();
  try {
    auto file = UntrustedFile::open(AT_FDCWD, path, 0, path);
    struct stat st {};
    if (!file || ::fstat(file->fd(), &st) != 0 || (st.st_mode & 0111) == 0) return Fd();
    return Fd(::fcntl(file->fd(), F_DUPFD_CLOEXEC, 0));
  } catch (const Error&) {
    return Fd();  // not a regular file
  }
}

[[noreturn]] void throw_child_failure(const ChildReport& r, const ContainerSpec& spec) {
  if (r.stage == Stage::exec) throw exec_failure(spec.args.front(), r.error);
  std::string detail = std::strerror(r.error);
  if (r.stage == Stage::workdir) detail = spec.cwd + ": " + detail;
  throw Error(std::string("chroot isolator: cannot ") + describe(r.stage) + ": " + detail);
}

// What only the pivot_root isolator can do: refused rather than silently ignored.
void refuse_unsupported(const ContainerSpec& spec) {
  const auto refuse = [](const std::string& flag) {
    throw Error("the chroot isolator does not support " + flag + ": use --isolation=pivot_root");
  };
  if (!spec.network.empty() && spec.network != "host") refuse("--network=" + spec.network);
  if (!spec.cap_add.empty()) refuse("--cap-add");
  if (!spec.cap_drop.empty()) refuse("--cap-drop");
  if (spec.limits.memory_bytes != 0) refuse("--memory");
  if (spec.limits.pids != 0) refuse("--pids-limit");
  if (spec.limits.cpus != 0) refuse("--cpus");
}

}  // namespace

std::unique_ptr<IContainer> ChrootIsolator::start(const ContainerSpec& spec) {
  if (spec.args.empty() || spec.executable.empty()) throw Error("chroot isolator: no command");
  refuse_unsupported(spec);
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw_errno("pipe");
  Fd report_read(pipe_fds[0]);
  Fd report_write(pipe_fds[1]);
  Fd host_executable = open_host_executable(spec.executable);

  ChildPlan plan{&spec, exec_strings(spec.args), exec_strings(spec.env), report_write.get(),
                 host_executable.get()};

  int pidfd = -1;
  struct clone_args args {};
  args.flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_PIDFD;
  args.pidfd = reinterpret_cast<std::uint64_t>(&pidfd);
  args.exit_signal = SIGCHLD;
  const long pid = ::syscall(SYS_clone3, &args, sizeof args);
  if (pid < 0) throw_errno("cannot create the container process");
  if (pid == 0) run_child(plan);

  Fd pidfd_owner(pidfd);
  report_write.reset();
  host_executable.reset();
  ChildReport r{};
  while (true) {
    const ssize_t n = ::read(report_read.get(), &r, sizeof r);
    if (n < 0 && errno == EINTR) continue;
    if (n != static_cast<ssize_t>(sizeof r)) break;  // EOF: exec succeeded
    if (r.kind == ReportKind::failed) {
      int status;
      ::waitpid(static_cast<pid_t>(pid), &status, 0);
      throw_child_failure(r, spec);
    }
    host_.log(LogLevel::info, "the image has no " + spec.executable +
                                  ": copied the host's executable into the container");
  }
  return std::make_unique<ChrootContainer>(static_cast<pid_t>(pid), std::move(pidfd_owner));
}

}  // namespace mydocker::chroot
