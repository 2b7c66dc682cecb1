#include "store/stored_image.hpp"

#include "mydocker/errors.hpp"
#include "util/digest_check.hpp"

namespace mydocker {

void read_image_config(const BlobStore& store, PulledImage& image) {
  const auto& digest = image.manifest.config.digest;
  image.config = parse_config(store.read_small(digest, kMetadataLimit),
                              "image config " + short_digest(digest));
  if (image.config.diff_ids.size() != image.manifest.layers.size()) {
    throw Error("image " + image.name + ": the manifest lists " +
                std::to_string(image.manifest.layers.size()) + " layers but the config " +
                std::to_string(image.config.diff_ids.size()) + " diff_ids");
  }
}

PulledImage read_stored_image(const BlobStore& store, const std::string& name,
                              const std::string& manifest_digest) {
  PulledImage image;
  image.name = name;
  image.manifest_digest = manifest_digest;
  image.manifest = parse_manifest(store.read_small(manifest_digest, kMetadataLimit),
                                  "manifest " + short_digest(manifest_digest));
  read_image_config(store, image);
  return image;
}

}  // namespace mydocker
