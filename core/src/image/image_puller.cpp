#include "image/image_puller.hpp"

#include <spdlog/spdlog.h>

#include <map>
#include <optional>

#include "image/image_reference.hpp"
#include "image/layer_streaming_sink.hpp"
#include "image/platform.hpp"
#include "mydocker/errors.hpp"
#include "store/file_lock.hpp"
#include "store/store_layout.hpp"
#include "util/digest_check.hpp"

namespace mydocker {

namespace {

// Fetches the blobs the store lacks. Each is locked first (in digest order, so two pulls never
// wait on each other in a cycle) and looked for again: of several processes wanting a blob, one
// downloads it and the others find it there.
void fetch_missing(IResolvedImage& image, const std::vector<Descriptor>& blobs, BlobStore& store,
                   IBlobSink& sink) {
  std::map<std::string, Descriptor> wanted;
  for (const auto& blob : blobs) {
    if (!store.has(blob.digest)) wanted.emplace(blob.digest, blob);
  }
  if (wanted.empty()) return;
  const StoreLayout layout(store.root());
  std::vector<FileLock> locks;
  std::vector<Descriptor> missing;
  for (const auto& [digest, blob] : wanted) {
    locks.emplace_back(layout.lock("blob-" + std::string(digest_hex(digest))),
                       FileLock::Mode::exclusive);
    if (!store.has(digest)) missing.push_back(blob);
  }
  if (missing.empty()) return;
  image.fetch(missing, sink);
  for (const auto& blob : missing) {
    if (!store.has(blob.digest)) {
      throw Error("the image source did not deliver blob " + short_digest(blob.digest));
    }
  }
}

std::string layer_name(const PulledImage& image, std::size_t i) {
  return "layer " + std::to_string(i + 1) + "/" + std::to_string(image.manifest.layers.size()) +
         " " + short_digest(image.manifest.layers[i].digest);
}

// What each layer blob unpacks to. A blob listed twice (empty layers often are) streams into
// its first place; the others are unpacked from the stored blob afterwards.
std::map<std::string, LayerTarget> layer_targets(const PulledImage& image) {
  std::map<std::string, LayerTarget> targets;
  const auto chains = chain_ids(image.config.diff_ids);
  for (std::size_t i = 0; i < chains.size(); ++i) {
    targets.emplace(image.manifest.layers[i].digest,
                    LayerTarget{chains[i], image.config.diff_ids[i], layer_name(image, i)});
  }
  return targets;
}

// Reads a manifest or index and settles what it is: the descriptor's media type (from the
// source, e.g. a registry's Content-Type) must agree with the document's own.
std::string read_document(IResolvedImage& image, const Descriptor& desc, BlobStore& store,
                          std::string& media_type) {
  fetch_missing(image, {desc}, store, store);
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

void unpack_missing_layers(const PulledImage& image, const BlobStore& store,
                           const LayerStore& layers) {
  const auto chains = chain_ids(image.config.diff_ids);
  for (std::size_t i = 0; i < chains.size(); ++i) {
    if (layers.has(chains[i])) continue;
    layers.unpack_from_blob(chains[i], image.config.diff_ids[i],
                            store.path_of(image.manifest.layers[i].digest), layer_name(image, i));
  }
}

PulledImage pull_image(IImageSource& source, const std::string& reference, const Platform& platform,
                       BlobStore& store, const PullTargets& targets) {
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
  // The config first: its diff_ids say what each layer unpacks to while it downloads.
  fetch_missing(*image, {pulled.manifest.config}, store, store);
  read_image_config(store, pulled);
  const Platform& have = pulled.config.platform;
  if (!have.architecture.empty() &&
      (have.os != platform.os || have.architecture != platform.architecture)) {
    spdlog::warn("image {} is for {}, not {}: it may not run", pulled.name, to_string(have),
                 to_string(platform));
  }

  const auto& layers = pulled.manifest.layers;
  if (targets.progress != nullptr) {
    std::vector<bool> cached;
    for (const auto& layer : layers) cached.push_back(store.has(layer.digest));
    targets.progress->layers(layers, cached);
  }
  std::map<std::string, LayerTarget> unpack_targets;
  if (targets.layers != nullptr) unpack_targets = layer_targets(pulled);
  LayerStreamingSink unpacking(store, targets.layers, std::move(unpack_targets), targets.progress);
  IBlobSink* sink = &unpacking;
  std::optional<ProgressBlobSink> progress_sink;
  if (targets.progress != nullptr) sink = &progress_sink.emplace(unpacking, *targets.progress);
  fetch_missing(*image, layers, store, *sink);
  if (targets.layers != nullptr) unpack_missing_layers(pulled, store, *targets.layers);
  return pulled;
}

}  // namespace mydocker
