#include "run/container_dir.hpp"

#include <spdlog/spdlog.h>
#include <sys/mount.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "mydocker/errors.hpp"
#include "store/store_layout.hpp"
#include "util/system_error.hpp"

namespace mydocker {

namespace {

std::string random_id() {
  unsigned char bytes[16];
  if (::getrandom(bytes, sizeof bytes, 0) != sizeof bytes) throw_errno("getrandom");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (unsigned char b : bytes) {
    id += kHex[b >> 4];
    id += kHex[b & 0xf];
  }
  return id;
}

// Where containers get their directories: under the store, or, when the store cannot be written
// (a read-only bind mount, say), under /run, which needs nothing from the store.
std::filesystem::path containers_parent(const std::filesystem::path& store_root) {
  const auto in_store = StoreLayout(store_root).containers_dir();
  std::error_code ec;
  std::filesystem::create_directories(in_store, ec);
  if (!ec && ::access(in_store.c_str(), W_OK) == 0) return in_store;
  const std::filesystem::path elsewhere = "/run/mydocker/containers";
  spdlog::debug("cannot use {} ({}): containers go to {}", in_store.string(),
                ec ? ec.message() : std::strerror(errno), elsewhere.string());
  std::filesystem::create_directories(elsewhere, ec);
  if (ec) throw Error("cannot create " + elsewhere.string() + ": " + ec.message());
  return elsewhere;
}

}  // namespace

ContainerDir::ContainerDir(const std::filesystem::path& store_root) : id_(random_id()) {
  dir_ = containers_parent(store_root) / id_;
  if (::mkdir(dir_.c_str(), 0700) != 0) throw_errno("cannot create " + dir_.string());
  if (::mount("tmpfs", dir_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "mode=0700") != 0) {
    const int err = errno;
    ::rmdir(dir_.c_str());
    throw_errno("cannot mount a tmpfs for the container at " + dir_.string(), err);
  }
  mounted_ = true;
  rootfs_ = dir_ / "rootfs";
  for (const auto& sub : {rootfs_, upper(), work(), dir_ / "files"}) {
    if (::mkdir(sub.c_str(), 0755) != 0) {
      const int err = errno;
      remove();
      throw_errno("cannot create " + sub.string(), err);
    }
  }
}

ContainerDir::~ContainerDir() { remove(); }

void ContainerDir::remove() noexcept {
  if (mounted_ && ::umount2(dir_.c_str(), MNT_DETACH) != 0) {
    spdlog::warn("cannot unmount {}: {}", dir_.string(), std::strerror(errno));
  }
  mounted_ = false;
  if (!dir_.empty() && ::rmdir(dir_.c_str()) != 0 && errno != ENOENT) {
    spdlog::warn("cannot remove {}: {}", dir_.string(), std::strerror(errno));
  }
  dir_.clear();
}

}  // namespace mydocker
