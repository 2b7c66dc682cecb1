#include "image/content_size.hpp"

#include "image/image_model.hpp"
#include "unpack/layer_reader.hpp"

namespace mydocker {

namespace {

std::uint64_t counted_from_blob(const std::string& blob_path, const std::string& layer_name) {
  LayerReader reader(blob_path, layer_name);
  std::uint64_t bytes = 0;
  while (archive_entry* entry = reader.next()) bytes += content_bytes_of(entry);
  return bytes;
}

}  // namespace

std::int64_t image_content_size(const PulledImage& image, const BlobStore& blobs,
                                const LayerStore& layers) {
  std::uint64_t total = 0;
  const auto& blob_layers = image.manifest.layers;
  const auto chains = chain_ids(image.config.diff_ids);
  for (std::size_t i = 0; i < blob_layers.size(); ++i) {
    const auto recorded = i < chains.size() ? layers.content_bytes(chains[i]) : std::nullopt;
    total += recorded ? *recorded
                      : counted_from_blob(blobs.path_of(blob_layers[i].digest).string(),
                                          image.name + " layer " + std::to_string(i + 1));
  }
  return static_cast<std::int64_t>(total);
}

}  // namespace mydocker
