// Where everything lives under the store root. One place, so every part agrees:
//   blobs/sha256/<hex>      verified blobs (manifests, configs, compressed layers)
//   layers/<chain hex>/     unpacked layers in overlayfs form, named by chain id
//   layers/.tmp/            layers being unpacked (moved into place once verified)
//   images.json             image names -> manifests
//   locks/                  flock files
//   containers/<id>/        per-container state, on a tmpfs private to the run
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace mydocker {

class StoreLayout {
 public:
  explicit StoreLayout(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path blobs_dir() const { return root_ / "blobs" / "sha256"; }
  std::filesystem::path layers_dir() const { return root_ / "layers"; }
  std::filesystem::path layer_temp_dir() const { return layers_dir() / ".tmp"; }
  std::filesystem::path images_file() const { return root_ / "images.json"; }
  std::filesystem::path locks_dir() const { return root_ / "locks"; }
  std::filesystem::path containers_dir() const { return root_ / "containers"; }
  // The lock file for `name` ("images", "store", "blob-<hex>", "layer-<hex>").
  std::filesystem::path lock(std::string_view name) const {
    return locks_dir() / (std::string(name) + ".lock");
  }

  // Creates the directories above that are missing.
  void create() const;

 private:
  std::filesystem::path root_;
};

}  // namespace mydocker
