// The code that runs in the cloned child, between clone and exec. It runs in a copy of a
// single-threaded parent, uses only data prepared before the clone, and never returns.
#pragma once

#include <vector>

#include "mydocker/types.hpp"

namespace mydocker::chroot {

struct ChildPlan {
  const ContainerSpec* spec;
  std::vector<char*> argv;  // null-terminated views into spec
  std::vector<char*> envp;
  int report_fd;           // write end of the report pipe (mydocker/child_report.hpp)
  int host_executable_fd;  // the host's file at spec->executable, or -1
};

// Reported as a notice when the host's executable was copied into the rootfs.
inline constexpr const char* kCopyHostExecutable = "copy the host executable into the container";

[[noreturn]] void run_child(const ChildPlan& plan);

}  // namespace mydocker::chroot
