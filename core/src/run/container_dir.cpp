#include "run/container_dir.hpp"

#include <spdlog/spdlog.h>
#include <sys/mount.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
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

}  // namespace

ContainerDir::ContainerDir(const std::filesystem::path& store_root) : id_(random_id()) {
  const auto parent = StoreLayout(store_root).containers_dir();
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) throw Error("cannot create " + parent.string() + ": " + ec.message());
  dir_ = parent / id_;
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
