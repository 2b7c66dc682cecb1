// The steps of a container's life that more than one command takes: create and run create,
// start and run start, delete and run delete.
#pragma once

#include <string>

#include "cli/context.hpp"
#include "container_launch.hpp"

namespace mydocker::runtime {

struct CreateRequest {
  std::string id;
  std::string bundle = ".";
  std::string pid_file;
  std::string console_socket;
  int preserve_fds = 0;  // the caller's fds 3 .. 3+N-1 become the container's
};

// Loads the bundle, records the container in the state root, launches it up to its start gate
// (prestart and createRuntime hooks run meanwhile) and writes the pid file. Anything that
// fails leaves no state directory, process or cgroup behind. The caller releases the handle
// (create) or waits on it (run).
isolation::LaunchedContainer create_container(const RuntimeContext& context,
                                              const CreateRequest& request);

// Lets a created container run its program: opens its exec.fifo, removes it, then runs the
// poststart hooks (failures are warnings).
void start_container(const RuntimeContext& context, const std::string& id);

// Removes a created or stopped container, or with `force` any: kills what is left in its
// cgroup, removes the cgroup, runs the poststop hooks (failures are warnings) and removes its
// state. A directory without a readable state.json (its create died) is removed as it is.
// With `force`, an unknown ID is not an error.
void delete_container(const RuntimeContext& context, const std::string& id, bool force);

// run: create, start, and unless `detach`, wait for the program and delete the container;
// returns the program's exit status (128+N for signal N), 0 when detached.
int run_container(const RuntimeContext& context, const CreateRequest& request, bool detach);

}  // namespace mydocker::runtime
