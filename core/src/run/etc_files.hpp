// /etc/hostname, /etc/hosts and /etc/resolv.conf for the container, as docker provides them:
// files of the container's own, bound over the image's, writable even with --read-only.
#pragma once

#include <string>

#include "run/container_dir.hpp"

namespace mydocker {

struct NetworkIdentity {
  std::string hostname;
  bool host_network = false;  // the host's /etc/hosts instead of a loopback-only one
};

// Writes the files into the container's directory and binds them into its rootfs, whose
// directory `root_fd` is.
void provide_etc_files(const ContainerDir& dir, int root_fd, const NetworkIdentity& identity);

// The hosts file of a container with its own network: localhost and its own name.
std::string container_hosts_file(const std::string& hostname);

}  // namespace mydocker
