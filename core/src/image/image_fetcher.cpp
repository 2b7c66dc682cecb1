#include "image/image_fetcher.hpp"

#include <spdlog/spdlog.h>

#include <optional>

#include "image/content_size.hpp"
#include "image/image_reference.hpp"
#include "image/platform.hpp"
#include "image/source_choice.hpp"
#include "loader/plugin_host.hpp"
#include "mydocker/errors.hpp"
#include "util/digest_check.hpp"

namespace mydocker {

namespace {

// Tells the display the pull is over however it ends, so a bar display leaves a clean line.
class ProgressDone {
 public:
  explicit ProgressDone(PullProgress* progress) : progress_(progress) {}
  ProgressDone(const ProgressDone&) = delete;
  ProgressDone& operator=(const ProgressDone&) = delete;
  ~ProgressDone() {
    if (progress_ != nullptr) progress_->done();
  }

 private:
  PullProgress* progress_;
};

bool platform_matches(const Platform& have, const Platform& want) {
  return have.architecture.empty() ||
         (have.os == want.os && have.architecture == want.architecture &&
          (want.variant.empty() || have.variant == want.variant));
}

// Everything a run needs is in the store: no source has to be asked.
bool complete_in_store(const PulledImage& image, const Store& store, bool unpacked_layers) {
  const auto chains = chain_ids(image.config.diff_ids);
  for (std::size_t i = 0; i < chains.size(); ++i) {
    if (!store.blobs.has(image.manifest.layers[i].digest) &&
        !(unpacked_layers && store.layers.has(chains[i]))) {
      return false;
    }
  }
  return true;
}

std::optional<PulledImage> from_store(const std::string& name, const Platform& platform,
                                      const FetchRequest& request, Store& store) {
  const auto record = store.names.find(name);
  if (!record || !store.blobs.has(record->manifest_digest) ||
      !store.blobs.has(record->config_digest)) {
    return std::nullopt;
  }
  PulledImage image = read_stored_image(store.blobs, record->name, record->manifest_digest);
  if (!platform_matches(image.config.platform, platform)) return std::nullopt;
  if (!complete_in_store(image, store, request.unpack_layers)) return std::nullopt;
  if (request.unpack_layers) {
    // Layers whose blob is there but which were never unpacked (or were pruned).
    unpack_missing_layers(image, store.blobs, store.layers);
  }
  spdlog::debug("{}: in the store as manifest {}", name, short_digest(record->manifest_digest));
  return image;
}

std::string source_name_for(const FetchRequest& request) {
  return request.source.empty() ? default_source_for(request.image) : request.source;
}

Platform platform_for(const FetchRequest& request) {
  return request.platform.empty() ? host_platform() : parse_platform_string(request.platform);
}

// The source plugin a request calls for and the host it talks to, which outlives it.
struct SourceSession {
  SourceSession(const FetchRequest& request, const PluginLoader& loader)
      : host(source_name_for(request), request.source_options),
        source(loader.open_source(source_name_for(request), host)) {}
  PluginHost host;
  std::shared_ptr<IImageSource> source;
};

// Same config, same layers: a size already counted for another name (or an earlier pull of
// this one) is not counted again.
ImageRecord record_of(const PulledImage& image, const std::string& name, bool pulled,
                      const Store& store) {
  ImageRecord r;
  r.name = name;
  r.manifest_digest = image.manifest_digest;
  r.config_digest = image.manifest.config.digest;
  r.created = image.config.created;
  r.pulled = pulled;
  for (const auto& known : store.names.list()) {
    if (known.config_digest == r.config_digest && known.size >= 0) r.size = known.size;
  }
  if (r.size < 0) r.size = image_content_size(image, store.blobs, store.layers);
  return r;
}

}  // namespace

std::string store_name(const std::string& name) {
  try {
    return parse_reference(name).canonical();
  } catch (const Error&) {
    return name;
  }
}

PullPolicy parse_pull_policy(const std::string& text) {
  if (text == "always") return PullPolicy::always;
  if (text == "missing") return PullPolicy::missing;
  if (text == "never") return PullPolicy::never;
  throw Error("--pull must be always, missing or never, not \"" + text + "\"");
}

PulledImage fetch_image(const FetchRequest& request, const PluginLoader& loader, Store& store,
                        PullProgress* progress) {
  const Platform platform = platform_for(request);
  // Only registry images have a name that stands for them in the store.
  std::string name;
  if (source_name_for(request) == "hub") name = parse_reference(request.image).canonical();
  if (!name.empty() && request.pull != PullPolicy::always) {
    if (auto image = from_store(name, platform, request, store)) return *image;
    if (request.pull == PullPolicy::never) {
      throw Error("image " + name + " is not in the store and --pull=never forbids pulling it");
    }
  }

  SourceSession session(request, loader);
  ProgressDone done(progress);
  PulledImage image = pull_image(*session.source, request.image, platform, store.blobs,
                                 {request.unpack_layers ? &store.layers : nullptr, progress});
  if (!name.empty()) store.names.put(record_of(image, name, true, store));
  return image;
}

std::vector<PulledImage> load_images(const FetchRequest& request, const PluginLoader& loader,
                                     Store& store) {
  const Platform platform = platform_for(request);
  SourceSession session(request, loader);
  std::vector<PulledImage> images;
  for (const auto& reference : session.source->list(make_image_request(request.image))) {
    PulledImage image = pull_image(*session.source, reference, platform, store.blobs,
                                   {request.unpack_layers ? &store.layers : nullptr, nullptr});
    // A source that has no name for the image leaves the reference in its place.
    if (image.name == reference) image.name.clear();
    if (!image.name.empty())
      store.names.put(record_of(image, store_name(image.name), false, store));
    images.push_back(std::move(image));
  }
  return images;
}

}  // namespace mydocker
