// The process `exec` starts: from --process FILE (a runtime-spec process object), or from the
// container's own process with the arguments after the ID and the --tty/--cwd/--env/--user
// flags over it, as runc builds it.
#pragma once

#include <string>
#include <vector>

#include "container_plan.hpp"

namespace mydocker::runtime {

struct ExecRequest {
  std::string id;
  std::vector<std::string> args;  // after the ID ("--" dropped)
  std::string process_file;
  bool detach = false;
  std::string pid_file;
  std::string console_socket;
  bool tty = false;
  std::string cwd;
  std::vector<std::string> env;  // KEY=VALUE, replacing the container's KEY
  std::string user;              // uid[:gid]
  int preserve_fds = 0;
};

// "1000" -> {1000, 0}; "1000:100" -> {1000, 100}. Throws mydocker::Error for names or junk:
// the runtime has no access to the container's /etc/passwd at this point.
std::pair<std::uint32_t, std::uint32_t> parse_exec_user(const std::string& user);

// The container's process with the request's arguments and flags applied. Throws
// mydocker::Error when there are no arguments.
isolation::ProcessPlan exec_process_from_flags(const isolation::ProcessPlan& container,
                                               const ExecRequest& request);

}  // namespace mydocker::runtime
