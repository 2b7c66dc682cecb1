// The descriptors a container process starts with: its stdio as 0, 1, 2 and the preserved fds
// (runc's --preserve-fds, systemd's socket activation) as 3, 4, ... in order, whatever numbers
// they had in the caller. The child's own working fds (report pipe, start gate, console
// socket) are first moved out of that range by the parent (fd_at_least), so arranging the
// targets can clobber none of them.
#pragma once

#include <vector>

#include "mydocker/child_report.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker::isolation {

struct FdArrangement {
  std::vector<int> sources;  // [stdin, stdout, stderr, preserved...]; -1: leave that target
  std::vector<int> scratch;  // as many slots, written by the child
  unsigned first_unpassed() const { return static_cast<unsigned>(sources.size()); }
};

// `fd` itself when it is at least `min`, else a close-on-exec duplicate that is (the original
// closes). Throws mydocker::Error.
UniqueFd fd_at_least(UniqueFd fd, int min);

// stdio (-1 each with a terminal, which becomes 0, 1, 2 later) then the preserved fds.
FdArrangement arrange_fds(int stdin_fd, int stdout_fd, int stderr_fd,
                          const std::vector<int>& preserved);

// In the child: every source i becomes fd i (not close-on-exec), by way of duplicates above
// the target range, so a source that is another's target is not lost.
void take_arranged_fds(const ChildReporter& report, FdArrangement& fds) noexcept;

}  // namespace mydocker::isolation
