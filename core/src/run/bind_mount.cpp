#include "run/bind_mount.hpp"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <cstdio>

#include "mydocker/errors.hpp"
#include "mydocker/make_in_root.hpp"
#include "util/open_in_root.hpp"
#include "util/system_error.hpp"

namespace mydocker {

namespace {

std::string fd_path(int fd) { return "/proc/self/fd/" + std::to_string(fd); }

void remove_symlink(int root, const std::filesystem::path& target) {
  const UniqueFd parent = open_in_root(root, target.parent_path().string(), O_PATH | O_DIRECTORY);
  const std::string name = target.filename().string();
  struct stat st {};
  if (parent && ::fstatat(parent.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
      S_ISLNK(st.st_mode)) {
    ::unlinkat(parent.get(), name.c_str(), 0);
  }
}

}  // namespace

void bind_into_rootfs(int root_fd, const std::filesystem::path& source, const std::string& target,
                      BindOptions options) {
  const std::string what = "cannot mount " + source.string() + " at " + target;
  struct stat st {};
  if (::stat(source.c_str(), &st) != 0) throw_errno(what);
  const auto path = std::filesystem::path(target).lexically_normal();
  if (options.replace_symlink) remove_symlink(root_fd, path);
  // Through the image's symlinks, dangling ones too, inside the rootfs, as docker does.
  const UniqueFd at(open_or_make_in_root(root_fd, path.c_str(),
                                         S_ISDIR(st.st_mode) ? PathEnd::directory : PathEnd::file));
  if (!at) throw_errno(what);
  if (::mount(source.c_str(), fd_path(at.get()).c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0) {
    throw_errno(what);
  }
  if (!options.read_only) return;
  const UniqueFd bound = open_in_root(root_fd, path.string(), O_PATH);
  if (!bound || ::mount(nullptr, fd_path(bound.get()).c_str(), nullptr,
                        MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0) {
    throw_errno(what + " read-only");
  }
}

}  // namespace mydocker
