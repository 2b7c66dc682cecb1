// Pulling an image through a source into the blob store: the one place that walks from a
// reference to a manifest, config and layers, whatever the source.
#pragma once

#include <string>

#include "image/image_model.hpp"
#include "image/pull_progress.hpp"
#include "mydocker/image_source.hpp"
#include "store/blob_store.hpp"

namespace mydocker {

struct PulledImage {
  std::string name;             // as the source names it
  std::string manifest_digest;  // the platform-specific manifest
  ImageManifest manifest;
  ImageConfig config;
};

// The request a source gets: the reference as given, and its registry form when it has one.
ImageRequest make_image_request(const std::string& reference);

// Fetches whatever the store lacks of the image `reference` names, for `platform`, and returns
// its parsed metadata. Every blob is verified by the store before it is used. `progress`, when
// given, hears about the layers.
PulledImage pull_image(IImageSource& source, const std::string& reference, const Platform& platform,
                       BlobStore& store, PullProgress* progress = nullptr);

}  // namespace mydocker
