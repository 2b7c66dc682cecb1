#include "chroot_isolator.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>

#include <string>

#include "child_setup.hpp"
#include "mydocker/child_process.hpp"
#include "mydocker/errors.hpp"
#include "mydocker/isolator_support.hpp"
#include "mydocker/untrusted_file.hpp"

namespace mydocker::chroot {

namespace {

constexpr const char* kWho = "chroot isolator";

// The host file to copy in when the image lacks an absolute command: only an executable
// regular file qualifies (opened without blocking, whatever is at the path).
UniqueFd open_host_executable(const std::string& path) {
  if (path.empty() || path.front() != '/') return UniqueFd();
  try {
    auto file = UntrustedFile::open(AT_FDCWD, path, 0, path);
    struct stat st {};
    if (!file || ::fstat(file->fd(), &st) != 0 || (st.st_mode & 0111) == 0) return UniqueFd();
    return UniqueFd(::fcntl(file->fd(), F_DUPFD_CLOEXEC, 0));
  } catch (const Error&) {
    return UniqueFd();  // not a regular file
  }
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
  ChildPipe report(kWho);
  UniqueFd host_executable = open_host_executable(spec.executable);
  const ChildPlan plan{ContainerChild(spec, report.write_end.get()), host_executable.get()};

  ChildProcess child =
      start_child(CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS, kWho, [&plan] { run_child(plan); });
  report.write_end.reset();
  host_executable.reset();
  await_exec(report.read_end, kWho, spec.args.front(),
             [this, &spec](const std::string&, const std::string&) {
               host_.log(LogLevel::info, "the image has no " + spec.executable +
                                             ": copied the host's executable into the container");
             });
  return std::make_unique<ContainerProcess>(std::move(child));
}

}  // namespace mydocker::chroot
