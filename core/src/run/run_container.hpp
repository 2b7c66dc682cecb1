// `mydocker run`: pull, assemble the rootfs, start the isolated process, supervise it.
#pragma once

#include "run/run_options.hpp"

namespace mydocker {

// Returns the container's exit status. Throws Error for mydocker's own failures and
// ExecError when the command cannot be executed.
int run_container(const RunOptions& options);

}  // namespace mydocker
