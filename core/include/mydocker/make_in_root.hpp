// Creating a path inside a directory tree as if the tree were the root, the way docker (runc's
// securejoin) does for a working directory or a mount target: an image's symlinks, dangling
// ones included, are followed inside the tree and what they point to is created there, never
// anything outside. Header-only and without allocation, so an isolator may call it between
// clone and exec, and the core uses the same one.
#pragma once

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mydocker {

// What to create at the end of the path when nothing is there.
enum class PathEnd { directory, file };

namespace detail {

// Replaces *dir with `next` (which may be -1); false when it is -1.
inline bool step_to(int* dir, int next) noexcept {
  if (next < 0) return false;
  ::close(*dir);
  *dir = next;
  return true;
}

// Follows the symlink `name` in `*dir`: `rest` (the part of the path after it, in `todo`)
// becomes the link's target followed by `rest`, and an absolute target starts again at the
// root. False with errno set.
inline bool splice_link(int root_fd, int* dir, const char* name, char* todo, std::size_t size,
                        const char* rest) noexcept {
  char target[PATH_MAX];
  const ssize_t n = ::readlinkat(*dir, name, target, sizeof target - 1);
  if (n < 0) return false;
  target[n] = '\0';
  const std::size_t rest_len = std::strlen(rest);
  if (static_cast<std::size_t>(n) + 1 + rest_len + 1 > size) {
    errno = ENAMETOOLONG;
    return false;
  }
  std::memmove(todo + n + 1, rest, rest_len + 1);
  std::memcpy(todo, target, static_cast<std::size_t>(n));
  todo[n] = '/';
  return target[0] != '/' || step_to(dir, ::openat(root_fd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC));
}

// ".." from *dir, which never climbs above the root.
inline bool step_up(int root_fd, int* dir) noexcept {
  struct stat here {
  }, root{};
  if (::fstat(*dir, &here) != 0 || ::fstat(root_fd, &root) != 0) return false;
  if (here.st_dev == root.st_dev && here.st_ino == root.st_ino) return true;
  return step_to(dir, ::openat(*dir, "..", O_PATH | O_DIRECTORY | O_CLOEXEC));
}

// Creates `name` in `dir` as what it must be; someone else creating it first is fine.
inline bool create_entry(int dir, const char* name, PathEnd what) noexcept {
  if (what == PathEnd::directory) return ::mkdirat(dir, name, 0755) == 0 || errno == EEXIST;
  const int fd = ::openat(dir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd >= 0) ::close(fd);
  return fd >= 0 || errno == EEXIST;
}

}  // namespace detail

// Opens `path` inside the tree `root_fd` as if it were "/", creating every missing directory
// on the way and, when the last component is missing, a directory or an empty file as `end`
// says. Symlinks are followed as openat2 RESOLVE_IN_ROOT follows them: an absolute target
// starts again at `root_fd`, ".." stops there. Returns an O_PATH fd of what `path` names, or
// -1 with errno set. Nothing may change the tree meanwhile (the container has not started).
inline int open_or_make_in_root(int root_fd, const char* path, PathEnd end) noexcept {
  char todo[PATH_MAX];
  if (std::strlen(path) >= sizeof todo) {
    errno = ENAMETOOLONG;
    return -1;
  }
  std::strcpy(todo, path);
  int dir = ::openat(root_fd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
  int links = 0;
  const char* p = todo;
  while (dir >= 0) {
    while (*p == '/') ++p;
    if (*p == '\0') return dir;
    const std::size_t len = std::strcspn(p, "/");
    if (len > NAME_MAX) {
      errno = ENAMETOOLONG;
      break;
    }
    char name[NAME_MAX + 1];
    std::memcpy(name, p, len);
    name[len] = '\0';
    p += len;
    const bool last = p[std::strspn(p, "/")] == '\0';
    if (std::strcmp(name, ".") == 0) continue;
    if (std::strcmp(name, "..") == 0) {
      if (!detail::step_up(root_fd, &dir)) break;
      continue;
    }
    struct stat st {};
    if (::fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno != ENOENT || !detail::create_entry(dir, name, last ? end : PathEnd::directory) ||
          ::fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        break;
      }
    }
    if (S_ISLNK(st.st_mode)) {
      if (++links > 40) {
        errno = ELOOP;
        break;
      }
      // `rest` moves within `todo`: splice_link copies it before writing over it.
      char rest[PATH_MAX];
      std::strcpy(rest, p);
      if (!detail::splice_link(root_fd, &dir, name, todo, sizeof todo, rest)) break;
      p = todo;
      continue;
    }
    const int flags =
        last ? O_PATH | O_NOFOLLOW | O_CLOEXEC : O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    if (!detail::step_to(&dir, ::openat(dir, name, flags))) break;
    if (last) return dir;
  }
  const int saved = errno;
  if (dir >= 0) ::close(dir);
  errno = saved;
  return -1;
}

// mkdir -p for an absolute path under the current root (after chroot or pivot_root, the
// container's), through the image's symlinks as open_or_make_in_root follows them; the last
// component too when `include_last`. False with errno set.
inline bool make_directories(const char* path, bool include_last) noexcept {
  char parent[PATH_MAX];
  if (!include_last) {
    const char* slash = std::strrchr(path, '/');
    const std::size_t len = slash == nullptr ? 0 : static_cast<std::size_t>(slash - path);
    if (len >= sizeof parent) {
      errno = ENAMETOOLONG;
      return false;
    }
    std::memcpy(parent, path, len);
    parent[len] = '\0';
    path = parent;
  }
  const int root = ::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (root < 0) return false;
  const int fd = open_or_make_in_root(root, path, PathEnd::directory);
  const int saved = errno;
  ::close(root);
  if (fd >= 0) ::close(fd);
  errno = saved;
  return fd >= 0;
}

}  // namespace mydocker
