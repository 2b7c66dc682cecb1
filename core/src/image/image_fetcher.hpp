// From an image reference to verified blobs in the store, through the source plugin the
// reference calls for: what `run` and `pull` share.
#pragma once

#include <map>
#include <string>

#include "image/image_puller.hpp"
#include "image/pull_progress.hpp"
#include "plugins/plugin_loader.hpp"
#include "store/blob_store.hpp"

namespace mydocker {

struct FetchRequest {
  std::string image;
  std::string source;    // empty: chosen from the reference
  std::string platform;  // empty: the host's
  std::map<std::string, std::string> source_options;
};

PulledImage fetch_image(const FetchRequest& request, const PluginLoader& loader, BlobStore& store,
                        PullProgress* progress);

}  // namespace mydocker
