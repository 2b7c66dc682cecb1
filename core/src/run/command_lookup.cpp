#include "run/command_lookup.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include "mydocker/errors.hpp"
#include "util/open_in_root.hpp"
#include "util/system_error.hpp"

namespace mydocker {

std::string resolve_command(const std::string& rootfs, const std::string& command,
                            const std::string& path_env) {
  if (command.find('/') != std::string::npos) return command;
  UniqueFd root(::open(rootfs.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!root) throw_errno("cannot open the container root " + rootfs);

  bool found_not_executable = false;
  std::string_view rest = path_env;
  while (true) {
    const auto colon = rest.find(':');
    const std::string dir(rest.substr(0, colon));
    // Relative PATH entries depend on a working directory that does not exist yet: skipped.
    const std::string candidate = dir + "/" + command;
    UniqueFd fd = dir.starts_with('/') ? open_in_root(root.get(), candidate, O_PATH) : UniqueFd();
    struct stat st {};
    if (fd && ::fstat(fd.get(), &st) == 0 && S_ISREG(st.st_mode)) {
      if (st.st_mode & 0111) return candidate;
      found_not_executable = true;
    }
    if (colon == std::string_view::npos) break;
    rest = rest.substr(colon + 1);
  }
  if (found_not_executable) {
    throw ExecError(126, "exec \"" + command + "\": permission denied (not executable)");
  }
  throw ExecError(127, "exec \"" + command + "\": executable file not found in $PATH (" + path_env +
                           ") inside the image");
}

}  // namespace mydocker
