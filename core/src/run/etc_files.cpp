#include "run/etc_files.hpp"

#include <fstream>
#include <sstream>

#include "mydocker/errors.hpp"
#include "run/bind_mount.hpp"

namespace mydocker {

namespace {

std::string read_host_file(const char* path) {
  std::ifstream in(path);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::trunc);
  out << content;
  if (!out.flush()) throw Error("cannot write " + path.string());
}

}  // namespace

std::string container_hosts_file(const std::string& hostname) {
  return "127.0.0.1\tlocalhost\n"
         "::1\tlocalhost ip6-localhost ip6-loopback\n"
         "127.0.1.1\t" +
         hostname + "\n";
}

void provide_etc_files(const ContainerDir& dir, const NetworkIdentity& identity) {
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
    write_file(path, file.content);
    bind_into_rootfs(dir.rootfs(), path, std::string("/etc/") + file.name,
                     {.read_only = false, .replace_symlink = true});
  }
}

}  // namespace mydocker
