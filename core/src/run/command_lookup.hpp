// Finding the container's command inside its root filesystem, as a shell would with the
// container's own PATH: the host's PATH and files never matter.
#pragma once

#include <string>

namespace mydocker {

// A command with a '/' is returned as is (the isolator reports a missing file). A bare name is
// looked up in `path_env` inside `rootfs`; the first executable regular file wins. Throws
// ExecError(127) when none is found, ExecError(126) when only non-executable ones are.
std::string resolve_command(const std::string& rootfs, const std::string& command,
                            const std::string& path_env);

}  // namespace mydocker
