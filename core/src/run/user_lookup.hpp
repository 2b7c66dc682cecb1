// Who the container's process runs as, from docker's --user (or the image's User): "name",
// "uid", "name:group", "uid:gid", resolved from the image's own /etc/passwd and /etc/group,
// never the host's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mydocker {

struct ContainerUser {
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::vector<std::uint32_t> additional_gids;  // gid, then the groups listing the user by name
  std::string home = "/";
};

// `root_fd` is the container's root directory. Throws Error when a name is not in the image's
// files or a number is out of range. An empty `user` means root.
ContainerUser resolve_user(int root_fd, const std::string& user);

// The same, from the files' contents: what resolve_user reads, for tests without a rootfs.
ContainerUser resolve_user(const std::string& user, const std::string& passwd,
                           const std::string& group);

}  // namespace mydocker
