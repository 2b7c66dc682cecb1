#include <seccomp.h>

#include "cli/commands.hpp"

namespace mydocker::runtime {

std::string version_text() {
  const scmp_version* seccomp = seccomp_version();
  return std::string("mydocker-runtime version ") + MYDOCKER_RUNTIME_VERSION +
         "\nspec: 1.0.2\nlibseccomp: " + std::to_string(seccomp->major) + "." +
         std::to_string(seccomp->minor) + "." + std::to_string(seccomp->micro);
}

}  // namespace mydocker::runtime
