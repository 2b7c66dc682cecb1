#include "run/etc_files.hpp"

#include <fcntl.h>

#include "mydocker/untrusted_file.hpp"
#include "run/bind_mount.hpp"
#include "store/atomic_file.hpp"

namespace mydocker {

namespace {

// The host's copy, or nothing when the host has none.
std::string read_host_file(const char* path) {
  return read_untrusted_file(AT_FDCWD, path, 0, std::string("the host's ") + path).value_or("");
}

}  // namespace

std::string container_hosts_file(const std::string& hostname) {
  return "127.0.0.1\tlocalhost\n"
         "::1\tlocalhost ip6-localhost ip6-loopback\n"
         "127.0.1.1\t" +
         hostname + "\n";
}

void provide_etc_files(const ContainerDir& dir, int root_fd, const NetworkIdentity& identity) {
  const struct {
    const char* name;
    std::string content;
  } files[] = {
      {"hostname", identity.hostname + "\n"},
      {"hosts", identity.host_network ? read_host_file("/etc/hosts")
                                      : container_hosts_file(identity.hostname)},
      // The host's resolvers: with no network of its own the container cannot reach them
      // anyway, and with the host's network they are the right ones.
      {"resolv.conf", read_host_file("/etc/resolv.conf")},
  };
  for (const auto& file : files) {
    const auto path = dir.file(file.name);
    write_file_atomically(path, file.content);
    bind_into_rootfs(root_fd, path, std::string("/etc/") + file.name,
                     {.read_only = false, .replace_symlink = true});
  }
}

}  // namespace mydocker
