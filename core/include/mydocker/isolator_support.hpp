// Helpers for isolators, header-only: what every isolator does around its clone and exec.
#pragma once

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "mydocker/errors.hpp"
#include "mydocker/fd_passing.hpp"
#include "mydocker/make_in_root.hpp"  // make_directories, for the working directory
#include "mydocker/syscalls.hpp"

namespace mydocker {

// argv or envp for execve: pointers into `strings`, null-terminated. Build it before the clone;
// it stays valid while `strings` is unchanged.
inline std::vector<char*> exec_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// Every container process leads a session of its own, whatever its stdio: in the caller's
// session it would keep the caller's terminal as its controlling terminal, and /dev/tty plus
// TIOCSTI would type commands into the user's shell. Call it first in the child, before
// anything else can fail. Already leading a session (a second call) is fine. The core checks
// after start() that the container left mydocker's session, and refuses the run if not.
inline bool leave_caller_session() noexcept { return ::setsid() >= 0 || ::getsid(0) == ::getpid(); }

// Switches the child to uid and gid with exactly `groups` as its supplementary groups: the
// groups and the gid first, while the process may still change them, the uid last. Raw
// system calls (see Syscalls::setgroups). No allocation. False with errno set.
inline bool switch_user(const Syscalls& sys, unsigned uid, unsigned gid,
                        const std::uint32_t* groups, std::size_t count) noexcept {
  static_assert(sizeof(gid_t) == sizeof(std::uint32_t));
  return sys.setgroups(count, groups) == 0 && sys.setresgid(gid, gid, gid) == 0 &&
         sys.setresuid(uid, uid, uid) == 0;
}

inline bool switch_user(unsigned uid, unsigned gid, const std::uint32_t* groups,
                        std::size_t count) noexcept {
  return switch_user(real_syscalls(), uid, gid, groups, count);
}

// For ContainerSpec::tty, in the child once `ptmx` names the container's own /dev/ptmx (after
// pivot_root or chroot): a new pty whose slave becomes stdin, stdout, stderr and the
// controlling terminal of the process's own session (see leave_caller_session), owned by `uid`; its
// master goes to the core through `console_socket`. No allocation. False with errno set.
inline bool open_container_terminal(const char* ptmx, int console_socket, std::uint16_t rows,
                                    std::uint16_t cols, unsigned uid) noexcept {
  const int master = ::open(ptmx, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) return false;
  int unlock = 0;
  // TIOCGPTPEER opens the slave from the master, never through a path the image controls.
  const int slave = ::ioctl(master, TIOCSPTLCK, &unlock) == 0
                        ? ::ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY)
                        : -1;
  winsize size{};
  size.ws_row = rows;
  size.ws_col = cols;
  const bool ok = slave >= 0 && (rows == 0 || ::ioctl(slave, TIOCSWINSZ, &size) == 0) &&
                  ::fchown(slave, uid, static_cast<gid_t>(-1)) == 0 &&
                  send_fd(console_socket, master) && leave_caller_session() &&
                  ::ioctl(slave, TIOCSCTTY, 0) == 0 && ::dup2(slave, 0) == 0 &&
                  ::dup2(slave, 1) == 1 && ::dup2(slave, 2) == 2;
  const int saved = errno;
  ::close(master);
  if (slave > 2) ::close(slave);
  errno = saved;
  return ok;
}

// The error for an execve of `command` that failed with `error`, with docker's exit codes:
// 127 when the file (or its program interpreter) is missing, 126 otherwise.
inline ExecError exec_failure(const std::string& command, int error) {
  const std::string what = "exec \"" + command + "\": ";
  if (error == ENOENT) {
    return ExecError(127, what +
                              "no such file or directory in the image (or its program "
                              "interpreter is missing)");
  }
  return ExecError(126, what + std::strerror(error));
}

}  // namespace mydocker
