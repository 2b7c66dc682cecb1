// Making a container's root filesystem from an image in the store: an overlay mount of its
// unpacked layers under a fresh writable layer on the container's tmpfs, or, where overlayfs
// cannot be used, a copy of the layers onto that tmpfs. Either way the mount lives in mydocker's
// private mount namespace and the writable part is discarded when the run ends.
#pragma once

#include <string>

#include "image/image_puller.hpp"
#include "run/container_dir.hpp"
#include "run/signal_forwarding.hpp"
#include "store/store.hpp"

namespace mydocker {

// docker's names: overlay2 is the overlay driver, vfs the one that copies.
enum class StorageDriver { overlay, vfs };

// The driver to use: `requested` ("", "overlay" or "vfs"; "" = overlay unless this store found
// it unusable before).
StorageDriver choose_storage_driver(const std::string& requested, const StoreLayout& layout);

// Fills or mounts dir.rootfs(). With the overlay driver the layers must be unpacked in the
// store; if the overlay mount fails, the store remembers it (logged once) and the layers are
// copied instead.
void assemble_rootfs(const PulledImage& image, Store& store, StorageDriver driver,
                     const ContainerDir& dir, const BlockedSignals& signals);

}  // namespace mydocker
