// IIsolator: how a process is isolated inside a prepared root filesystem.
#pragma once

#include <cstddef>
#include <memory>

#include "mydocker/errors.hpp"
#include "mydocker/types.hpp"

namespace mydocker {

// A started container process. The core supervises it (waits, forwards signals); destroying
// the handle undoes what the isolator set up for it (a cgroup, say), never the process itself.
class IContainer {
 public:
  virtual ~IContainer() = default;
  virtual int pid() const = 0;    // in the caller's PID namespace; the core reaps it
  virtual int pidfd() const = 0;  // a pidfd for the process, or -1 if the isolator has none
};

class IIsolator {
 public:
  virtual ~IIsolator() = default;
  // Starts spec.args inside spec.rootfs and returns once the command has been exec'd.
  // Throws ExecError (127 not found, 126 not executable) when the exec itself fails, after
  // reaping the child; any other failure throws mydocker::Error. The child must start with
  // default signal dispositions and an empty signal mask whatever the caller had blocked.
  virtual std::unique_ptr<IContainer> start(const ContainerSpec& spec) = 0;
  // Removes what containers left on the host when their mydocker was killed (SIGKILL skips
  // every destructor): a cgroup, say. Never anything of a container that is starting or
  // running, in this process or another. Returns how many leftovers it removed. Called by
  // `mydocker system prune`; an isolator that leaves nothing behind keeps this default.
  virtual std::size_t prune() { return 0; }
};

}  // namespace mydocker
