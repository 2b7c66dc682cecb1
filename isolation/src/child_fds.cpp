#include "child_fds.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "mydocker/errors.hpp"

namespace mydocker::isolation {

UniqueFd fd_at_least(UniqueFd fd, int min) {
  if (!fd || fd.get() >= min) return fd;
  UniqueFd moved(::fcntl(fd.get(), F_DUPFD_CLOEXEC, min));
  if (!moved) throw Error(std::string("cannot move a descriptor: ") + std::strerror(errno));
  return moved;
}

FdArrangement arrange_fds(int stdin_fd, int stdout_fd, int stderr_fd,
                          const std::vector<int>& preserved) {
  FdArrangement fds;
  fds.sources = {stdin_fd, stdout_fd, stderr_fd};
  fds.sources.insert(fds.sources.end(), preserved.begin(), preserved.end());
  fds.scratch.assign(fds.sources.size(), -1);
  return fds;
}

void take_arranged_fds(const ChildReporter& report, FdArrangement& fds) noexcept {
  const int count = static_cast<int>(fds.sources.size());
  for (int i = 0; i < count; ++i) {
    if (fds.sources[i] < 0) continue;
    fds.scratch[i] = ::fcntl(fds.sources[i], F_DUPFD_CLOEXEC, count);
    if (fds.scratch[i] < 0) report.fail(i < 3 ? child_stage::stdio : "pass a preserved fd");
  }
  for (int i = 0; i < count; ++i) {
    if (fds.scratch[i] < 0) continue;
    if (::dup2(fds.scratch[i], i) != i) {
      report.fail(i < 3 ? child_stage::stdio : "pass a preserved fd");
    }
    ::close(fds.scratch[i]);
  }
}

}  // namespace mydocker::isolation
