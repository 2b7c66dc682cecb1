// The size `images` shows, the same however an image arrived: the bytes of the files its
// layers hold, uncompressed (regular files; a hard link counts once), as docker counts the
// content of an image's layers. A gzip'd registry blob and the plain tar a `docker save`
// holds of the same layer give the same number.
#pragma once

#include <cstdint>
#include <string>

#include "image/image_puller.hpp"
#include "store/blob_store.hpp"

namespace mydocker {

// Reads every layer blob of `image` from the store (a pass of decompression each): meant to
// run once per image, when its name is recorded.
std::int64_t image_content_size(const PulledImage& image, const BlobStore& blobs);

}  // namespace mydocker
