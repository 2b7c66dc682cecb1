// From an image reference to verified blobs (and unpacked layers) in the store, through the
// source plugin the reference calls for, or from the store alone when the image is there:
// what `run` and `pull` share.
#pragma once

#include <map>
#include <string>

#include "image/image_puller.hpp"
#include "image/pull_progress.hpp"
#include "loader/plugin_loader.hpp"
#include "store/store.hpp"

namespace mydocker {

// docker's --pull: ask the source always, only when the store lacks the image, or never.
enum class PullPolicy { always, missing, never };
PullPolicy parse_pull_policy(const std::string& text);

struct FetchRequest {
  std::string image;
  std::string source;    // empty: chosen from the reference
  std::string platform;  // empty: the host's
  std::map<std::string, std::string> source_options;
  PullPolicy pull = PullPolicy::missing;
  bool unpack_layers = true;  // into the layer store, for overlay rootfs
};

// Registry images are named in the store by their canonical reference; names of images from
// local archives are not recorded (the archive stays their home).
PulledImage fetch_image(const FetchRequest& request, const PluginLoader& loader, Store& store,
                        PullProgress* progress);

// docker load: every image the reference covers (all of an archive's), fetched into the store
// and named there by its own name in canonical form ("busybox:latest" is
// docker.io/library/busybox:latest, so `run busybox` finds it). Unnamed images are fetched but
// not named.
std::vector<PulledImage> load_images(const FetchRequest& request, const PluginLoader& loader,
                                     Store& store);

// The name an image goes by in the store: canonical when it is a registry reference.
std::string store_name(const std::string& name);

}  // namespace mydocker
