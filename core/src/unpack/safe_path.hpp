// Resolving and changing paths inside a layer root without ever leaving it. Everything here
// works on fds: a path is resolved by the kernel inside the root (openat2 RESOLVE_IN_ROOT) and
// the last component is acted on with *at() calls that do not follow symlinks.
#pragma once

#include <dirent.h>

#include <cstdint>
#include <functional>
#include <string>

#include "mydocker/unique_fd.hpp"
#include "util/open_in_root.hpp"

namespace mydocker {

// The directory at normalised `path` (not "") inside root_fd, as an O_PATH fd. Symlinks on the
// way are resolved inside the root, as the container will see them. `via_symlink` tells whether
// any was: the fd then stands for where they pointed at the time, not for the path itself.
UniqueFd open_dir_in_root(int root_fd, const std::string& path, bool& via_symlink);

// Opens directory `path` inside root_fd, creating what is missing (mode 0755) one component at
// a time, each resolved inside the root. A component that is a dangling symlink is followed
// (inside the root) and its target created, as docker does. `on_created` is told each directory
// made, by its path, when that path was reached without following a dangling symlink.
// Returns an empty fd with errno set on failure.
UniqueFd make_dirs_in_root(int root_fd, const std::string& path,
                           const std::function<void(const std::string&)>& on_created);

// Removes `name` in directory parent_fd, whatever it is: a file, a symlink (never its target)
// or a whole directory tree, without following any symlink. Nothing there counts as success.
// Returns 0 or an errno value.
int remove_tree(int parent_fd, const char* name);

// readdir over an owned directory fd, skipping "." and "..".
class DirReader {
 public:
  // `fd` must be open O_RDONLY|O_DIRECTORY; ok() is false (and error() says why) if it cannot
  // be read.
  explicit DirReader(UniqueFd fd);
  DirReader(DirReader&& other) noexcept;
  DirReader& operator=(DirReader&& other) noexcept;
  DirReader(const DirReader&) = delete;
  DirReader& operator=(const DirReader&) = delete;
  ~DirReader();

  bool ok() const noexcept { return dir_ != nullptr; }
  int fd() const noexcept { return dir_ ? ::dirfd(dir_) : -1; }
  // The next entry, or nullptr at the end or on an error (then error() is non-zero).
  const dirent* next();
  int error() const noexcept { return error_; }

 private:
  DIR* dir_ = nullptr;
  int error_ = 0;
};

}  // namespace mydocker
