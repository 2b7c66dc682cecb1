#include "run/rootfs.hpp"

#include <spdlog/spdlog.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "mydocker/errors.hpp"
#include "store/atomic_file.hpp"
#include "unpack/layer_unpacker.hpp"
#include "util/digest_check.hpp"

namespace mydocker {

namespace {

namespace fs = std::filesystem;

// Written when an overlay mount failed on this store, with the reason: later runs copy
// straight away instead of failing the same way again.
fs::path overlay_marker(const StoreLayout& layout) { return layout.root() / "overlay-unusable"; }

// mount(2) takes the options as one page at most.
constexpr std::size_t kMaxMountOptions = 4000;

void copy_layers(const PulledImage& image, const BlobStore& blobs, const fs::path& rootfs,
                 const BlockedSignals& signals) {
  const auto& layers = image.manifest.layers;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    signals.throw_if_interrupted();
    const std::string name = "layer " + std::to_string(i + 1) + "/" +
                             std::to_string(layers.size()) + " " + short_digest(layers[i].digest);
    const auto stats = apply_layer(blobs.path_of(layers[i].digest).string(), rootfs.string(), name,
                                   image.config.diff_ids[i], WhiteoutMode::apply);
    spdlog::debug("{}: {} entries, {} bytes copied", name, stats.entries, stats.bytes);
  }
}

// The overlay options for the image's layers, topmost first as overlayfs wants them; empty
// when they do not fit in one mount call.
std::string overlay_options(const PulledImage& image, const LayerStore& layers,
                            const ContainerDir& dir) {
  std::string lower;
  const auto chains = chain_ids(image.config.diff_ids);
  for (auto it = chains.rbegin(); it != chains.rend(); ++it) {
    lower += (lower.empty() ? "" : ":") + layers.path_of(*it).string();
  }
  if (lower.empty()) {
    // An image without layers: overlay needs a lower directory, an empty one will do.
    lower = (dir.work().parent_path() / "empty").string();
    fs::create_directory(lower);
  }
  std::string options =
      "lowerdir=" + lower + ",upperdir=" + dir.upper().string() + ",workdir=" + dir.work().string();
  return options.size() <= kMaxMountOptions ? options : std::string();
}

}  // namespace

StorageDriver choose_storage_driver(const std::string& requested, const StoreLayout& layout) {
  if (requested == "vfs") return StorageDriver::vfs;
  if (requested == "overlay") return StorageDriver::overlay;
  if (!requested.empty()) {
    throw Error("--storage-driver must be overlay or vfs, not \"" + requested + "\"");
  }
  std::error_code ec;
  return fs::exists(overlay_marker(layout), ec) ? StorageDriver::vfs : StorageDriver::overlay;
}

void assemble_rootfs(const PulledImage& image, Store& store, StorageDriver driver,
                     const ContainerDir& dir, const BlockedSignals& signals) {
  if (driver == StorageDriver::overlay) {
    const std::string options = overlay_options(image, store.layers, dir);
    if (options.empty()) {
      spdlog::info("{}: too many layers for one overlay mount, copying them instead", image.name);
    } else if (::mount("overlay", dir.rootfs().c_str(), "overlay", 0, options.c_str()) == 0) {
      return;
    } else {
      const std::string reason = std::strerror(errno);
      spdlog::info("overlayfs cannot be used on {} ({}): copying layers instead, from now on",
                   store.layout.root().string(), reason);
      try {
        write_file_atomically(overlay_marker(store.layout),
                              "overlay mount failed: " + reason + "\n");
      } catch (const Error& e) {
        spdlog::debug("{}", e.what());  // a read-only store: the next run tries again
      }
    }
  }
  copy_layers(image, store.blobs, dir.rootfs(), signals);
}

}  // namespace mydocker
