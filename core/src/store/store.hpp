// The store as the commands use it: blobs, unpacked layers and image names under one root.
#pragma once

#include <filesystem>

#include "store/blob_store.hpp"
#include "store/image_names.hpp"
#include "store/layer_store.hpp"
#include "store/store_layout.hpp"

namespace mydocker {

struct Store {
  explicit Store(const std::filesystem::path& root)
      : layout(root), blobs(root), layers(root), names(root) {}

  StoreLayout layout;
  BlobStore blobs;
  LayerStore layers;
  ImageNames names;
};

}  // namespace mydocker
