// An image's metadata as the blob store holds it: the manifest for one platform and its config,
// parsed. A pull returns it; runs, `system check` and `system prune` read it back from the store
// without any source.
#pragma once

#include <cstddef>
#include <string>

#include "image/image_model.hpp"
#include "store/blob_store.hpp"

namespace mydocker {

struct PulledImage {
  std::string name;             // as the source names it
  std::string manifest_digest;  // the platform-specific manifest
  ImageManifest manifest;
  ImageConfig config;
};

// The most the core reads of a manifest, index or config.
constexpr std::size_t kMetadataLimit = 4 * 1024 * 1024;

// An image whose manifest and config are in the store, without asking any source.
PulledImage read_stored_image(const BlobStore& store, const std::string& name,
                              const std::string& manifest_digest);

// Parses the config `image.manifest` names into `image.config`; it must list one diff_id per
// layer of the manifest.
void read_image_config(const BlobStore& store, PulledImage& image);

}  // namespace mydocker
