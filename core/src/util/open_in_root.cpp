#include "util/open_in_root.hpp"

#include <linux/openat2.h>

namespace mydocker {

UniqueFd open_in_root(int root_fd, const std::string& path, int flags, unsigned mode) {
  return openat2_fd(root_fd, path.c_str(), flags, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS, mode);
}

}  // namespace mydocker
