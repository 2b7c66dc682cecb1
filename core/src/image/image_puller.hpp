// Pulling an image through a source into the blob store: the one place that walks from a
// reference to a manifest, config and layers, whatever the source.
#pragma once

#include <string>

#include "image/image_model.hpp"
#include "image/pull_progress.hpp"
#include "mydocker/image_source.hpp"
#include "store/blob_store.hpp"
#include "store/layer_store.hpp"
#include "store/stored_image.hpp"

namespace mydocker {

// The request a source gets: the reference as given, and its registry form when it has one.
ImageRequest make_image_request(const std::string& reference);

// Where a pull puts what it fetches besides the blob store. Both optional.
struct PullTargets {
  const LayerStore* layers = nullptr;  // unpack every layer there (while it downloads)
  PullProgress* progress = nullptr;    // hears about the layers
};

// Fetches whatever the store lacks of the image `reference` names, for `platform`, and returns
// its parsed metadata. Every blob is verified by the store before it is used.
PulledImage pull_image(IImageSource& source, const std::string& reference, const Platform& platform,
                       BlobStore& store, const PullTargets& targets = {});

// Unpacks into `layers` each layer of `image` that is not there yet, from the stored blobs.
void unpack_missing_layers(const PulledImage& image, const BlobStore& store,
                           const LayerStore& layers);

}  // namespace mydocker
