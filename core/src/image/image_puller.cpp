#include "image/image_puller.hpp"

#include <spdlog/spdlog.h>

#include "image/platform.hpp"
#include "image/reference.hpp"
#include "mydocker/errors.hpp"

namespace mydocker {

namespace {

constexpr std::size_t kMetadataLimit = 4 * 1024 * 1024;

void fetch_missing(IResolvedImage& image, const std::vector<Descriptor>& blobs, BlobStore& store,
                   PullProgress* progress = nullptr) {
  std::vector<Descriptor> missing;
  for (const auto& blob : blobs) {
    if (!store.has(blob.digest)) missing.push_back(blob);
  }
  if (missing.empty()) return;
  if (progress != nullptr) {
    ProgressBlobSink sink(store, *progress);
    image.fetch(missing, sink);
  } else {
    image.fetch(missing, store);
  }
  for (const auto& blob : missing) {
    if (!store.has(blob.digest)) {
      throw Error("the image source did not deliver blob " + short_digest(blob.digest));
    }
  }
}

// Reads a manifest or index and settles what it is: the descriptor's media type (from the
// source, e.g. a registry's Content-Type) must agree with the document's own.
std::string read_document(IResolvedImage& image, const Descriptor& desc, BlobStore& store,
                          std::string& media_type) {
  fetch_missing(image, {desc}, store);
  std::string bytes = store.read_small(desc.digest, kMetadataLimit);
  const std::string what = "manifest " + short_digest(desc.digest);
  const std::string declared = declared_media_type(bytes, what);
  if (!desc.media_type.empty() && !declared.empty() && desc.media_type != declared) {
    throw Error(what + " declares media type " + declared + " but was served as " +
                desc.media_type);
  }
  media_type = declared.empty() ? desc.media_type : declared;
  return bytes;
}

}  // namespace

ImageRequest make_image_request(const std::string& reference) {
  ImageRequest request;
  request.reference = reference;
  try {
    const ImageReference parsed = parse_reference(reference);
    request.is_registry_reference = true;
    request.registry_reference = {parsed.registry, parsed.repository, parsed.tag, parsed.digest};
  } catch (const Error& e) {
    request.reference_error = e.what();
  }
  return request;
}

PulledImage pull_image(IImageSource& source, const std::string& reference, const Platform& platform,
                       BlobStore& store, PullProgress* progress) {
  auto image = source.resolve(make_image_request(reference));
  PulledImage pulled;
  pulled.name = image->name().empty() ? reference : image->name();

  Descriptor desc = image->root();
  std::string media_type;
  std::string bytes = read_document(*image, desc, store, media_type);
  if (is_index_media_type(media_type)) {
    const ImageIndex index = parse_index(bytes, "index " + short_digest(desc.digest));
    desc = select_platform(index, platform, pulled.name).descriptor;
    spdlog::debug("{}: platform {} is manifest {}", pulled.name, to_string(platform),
                  short_digest(desc.digest));
    bytes = read_document(*image, desc, store, media_type);
  }
  if (!is_manifest_media_type(media_type)) {
    throw Error("image " + pulled.name + ": unsupported manifest type \"" + media_type + "\"");
  }
  pulled.manifest_digest = desc.digest;
  pulled.manifest = parse_manifest(bytes, "manifest " + short_digest(desc.digest));

  const auto& layers = pulled.manifest.layers;
  if (progress != nullptr) {
    std::vector<bool> cached;
    for (const auto& layer : layers) cached.push_back(store.has(layer.digest));
    progress->layers(layers, cached);
  }
  // The config travels with the layers, in parallel; progress displays only know the layers.
  std::vector<Descriptor> blobs{pulled.manifest.config};
  blobs.insert(blobs.end(), layers.begin(), layers.end());
  fetch_missing(*image, blobs, store, progress);

  const auto& config_digest = pulled.manifest.config.digest;
  pulled.config = parse_config(store.read_small(config_digest, kMetadataLimit),
                               "image config " + short_digest(config_digest));
  if (pulled.config.diff_ids.size() != pulled.manifest.layers.size()) {
    throw Error("image " + pulled.name + ": the manifest lists " +
                std::to_string(pulled.manifest.layers.size()) + " layers but the config " +
                std::to_string(pulled.config.diff_ids.size()) + " diff_ids");
  }
  const Platform& have = pulled.config.platform;
  if (!have.architecture.empty() &&
      (have.os != platform.os || have.architecture != platform.architecture)) {
    spdlog::warn("image {} is for {}, not {}: it may not run", pulled.name, to_string(have),
                 to_string(platform));
  }
  return pulled;
}

}  // namespace mydocker
