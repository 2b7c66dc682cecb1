// Binding a host file or directory into the container's rootfs, in mydocker's private mount
// namespace before the isolator starts: volumes (-v) and the /etc files mydocker provides.
#pragma once

#include <filesystem>
#include <string>

namespace mydocker {

// `target` is an absolute path inside the container, resolved inside the root directory
// `root_fd` (an image's symlinks cannot lead it out) and created when missing, through dangling
// symlinks too: a directory, or an empty file when `source` is not a directory. A symlink in the
// image at `target` itself is followed (inside the rootfs) unless `replace_symlink`, when it is
// removed first: a file of mydocker's own replaces whatever the image had there. Throws Error
// naming both paths.
struct BindOptions {
  bool read_only = false;
  bool replace_symlink = false;
};
void bind_into_rootfs(int root_fd, const std::filesystem::path& source, const std::string& target,
                      BindOptions options);

}  // namespace mydocker
