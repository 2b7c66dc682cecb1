// The store as the commands use it: blobs, unpacked layers and image names under one root.
#pragma once

#include <filesystem>

#include "store/blob_store.hpp"
#include "store/image_names.hpp"
#include "store/layer_store.hpp"
#include "store/store_layout.hpp"

namespace mydocker {

// read_only: for commands that only look (images, system check, rmi of a name that is not
// there): nothing is created, so a fresh store stays absent and a read-only one is no error.
enum class StoreAccess { read_write, read_only };

struct Store {
  explicit Store(const std::filesystem::path& root, StoreAccess access = StoreAccess::read_write)
      : layout(root), blobs(root, access == StoreAccess::read_write), layers(root), names(root) {}

  StoreLayout layout;
  BlobStore blobs;
  LayerStore layers;
  ImageNames names;
};

}  // namespace mydocker
