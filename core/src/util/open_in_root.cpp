#include "util/open_in_root.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

#include "mydocker/errors.hpp"

namespace mydocker {

UniqueFd open_in_root(int root_fd, const std::string& path, int flags, unsigned mode) {
  struct open_how how {};
  how.flags = static_cast<unsigned long long>(flags | O_CLOEXEC);
  how.mode = mode;
  how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
  long fd;
  do {
    fd = ::syscall(SYS_openat2, root_fd, path.c_str(), &how, sizeof(how));
  } while (fd < 0 && (errno == EINTR || errno == EAGAIN));
  if (fd < 0 && errno == ENOSYS) {
    throw Error("this kernel lacks openat2 (Linux 5.6 or newer is needed to handle images safely)");
  }
  return UniqueFd(static_cast<int>(fd));
}

}  // namespace mydocker
