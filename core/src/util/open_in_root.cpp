#include "util/open_in_root.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

#include "mydocker/errors.hpp"

namespace mydocker {

UniqueFd openat2_fd(int dir_fd, const char* path, int flags, std::uint64_t resolve, unsigned mode) {
  struct open_how how {};
  how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
  how.mode = mode;
  how.resolve = resolve;
  long fd;
  do {
    // EAGAIN: a rename raced with a RESOLVE_IN_ROOT lookup; the kernel asks for a retry.
    fd = ::syscall(SYS_openat2, dir_fd, path, &how, sizeof(how));
  } while (fd < 0 && (errno == EINTR || errno == EAGAIN));
  if (fd < 0 && errno == ENOSYS) {
    throw Error("this kernel lacks openat2 (Linux 5.6 or newer is needed to handle images safely)");
  }
  return UniqueFd(static_cast<int>(fd));
}

UniqueFd open_in_root(int root_fd, const std::string& path, int flags, unsigned mode) {
  return openat2_fd(root_fd, path.c_str(), flags, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS, mode);
}

}  // namespace mydocker
