#include "image/content_size.hpp"

#include <archive_entry.h>

#include "unpack/layer_reader.hpp"

namespace mydocker {

namespace {

std::uint64_t layer_content_size(const std::string& blob_path, const std::string& layer_name) {
  LayerReader reader(blob_path, layer_name);
  std::uint64_t bytes = 0;
  while (archive_entry* entry = reader.next()) {
    if (archive_entry_filetype(entry) == AE_IFREG && archive_entry_hardlink(entry) == nullptr &&
        archive_entry_size(entry) > 0) {
      bytes += static_cast<std::uint64_t>(archive_entry_size(entry));
    }
  }
  return bytes;
}

}  // namespace

std::int64_t image_content_size(const PulledImage& image, const BlobStore& blobs) {
  std::uint64_t total = 0;
  const auto& layers = image.manifest.layers;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    total += layer_content_size(blobs.path_of(layers[i].digest).string(),
                                image.name + " layer " + std::to_string(i + 1));
  }
  return static_cast<std::int64_t>(total);
}

}  // namespace mydocker
