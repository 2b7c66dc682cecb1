// The code that runs in the cloned child, between clone and exec. It runs in a copy of a
// single-threaded parent, uses only data prepared before the clone, and never returns.
#pragma once

#include <string>
#include <vector>

#include "child_report.hpp"
#include "mydocker/types.hpp"

namespace mydocker::chroot {

struct ChildPlan {
  const ContainerSpec* spec;
  std::vector<char*> argv;  // null-terminated views into spec
  std::vector<char*> envp;
  int report_fd;           // write end of the report pipe (close-on-exec)
  int host_executable_fd;  // the host's file at spec->executable, or -1
};

[[noreturn]] void run_child(const ChildPlan& plan);

}  // namespace mydocker::chroot
