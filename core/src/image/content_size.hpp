// The size `images` shows, the same however an image arrived: the bytes of the files its
// layers hold, uncompressed (regular files; a hard link counts once), as docker counts the
// content of an image's layers. A gzip'd registry blob and the plain tar a `docker save`
// holds of the same layer give the same number.
#pragma once

#include <cstdint>
#include <string>

#include "store/blob_store.hpp"
#include "store/layer_store.hpp"
#include "store/stored_image.hpp"

namespace mydocker {

// Takes each layer's size as recorded when it was unpacked; a layer not unpacked yet is
// counted from its blob (a pass of decompression).
std::int64_t image_content_size(const PulledImage& image, const BlobStore& blobs,
                                const LayerStore& layers);

}  // namespace mydocker
