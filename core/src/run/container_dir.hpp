// A container's working directory under <store>/containers/<id> (/run/mydocker/containers/<id>
// when the store is read-only), backed by a tmpfs mounted in
// mydocker's private mount namespace: the rootfs is unpacked there (files on tmpfs cost a
// fraction of files on disk) and everything in it vanishes with the namespace, whether the run
// ends normally, by an error or by SIGKILL. Only the empty directory can outlive a kill.
#pragma once

#include <filesystem>
#include <string>

namespace mydocker {

class ContainerDir {
 public:
  // Call only inside a private mount namespace.
  explicit ContainerDir(const std::filesystem::path& store_root);
  ~ContainerDir();
  ContainerDir(const ContainerDir&) = delete;
  ContainerDir& operator=(const ContainerDir&) = delete;

  const std::string& id() const { return id_; }
  const std::filesystem::path& rootfs() const { return rootfs_; }
  // The overlay's writable layer and its work directory: on the tmpfs, so discarded with it.
  std::filesystem::path upper() const { return dir_ / "upper"; }
  std::filesystem::path work() const { return dir_ / "work"; }
  // A file of the container's own beside its rootfs (/etc/hosts, say).
  std::filesystem::path file(const std::string& name) const { return dir_ / "files" / name; }

 private:
  void remove() noexcept;

  std::string id_;
  std::filesystem::path dir_;
  std::filesystem::path rootfs_;
  bool mounted_ = false;
};

}  // namespace mydocker
