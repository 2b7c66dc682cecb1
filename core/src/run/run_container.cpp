#include "run/run_container.hpp"

#include <spdlog/spdlog.h>

#include "image/image_fetcher.hpp"
#include "plugins/plugin_host.hpp"
#include "plugins/plugin_loader.hpp"
#include "run/command_lookup.hpp"
#include "run/container_dir.hpp"
#include "run/mount_namespace.hpp"
#include "run/process_config.hpp"
#include "run/signal_forwarding.hpp"
#include "store/blob_store.hpp"
#include "unpack/layer_unpacker.hpp"

namespace mydocker {

namespace {

void apply_layers(const PulledImage& image, const BlobStore& store, const std::string& rootfs,
                  const BlockedSignals& signals) {
  const auto& layers = image.manifest.layers;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    signals.throw_if_interrupted();
    const std::string name = "layer " + std::to_string(i + 1) + "/" +
                             std::to_string(layers.size()) + " " + short_digest(layers[i].digest);
    const auto stats = apply_layer(store.path_of(layers[i].digest).string(), rootfs, name,
                                   image.config.diff_ids[i]);
    spdlog::debug("{}: {} entries, {} bytes", name, stats.entries, stats.bytes);
  }
}

}  // namespace

int run_container(const RunOptions& options) {
  BlockedSignals signals;
  const PluginLoader loader(PluginLoader::default_search_dirs(options.plugin_dirs));

  // The host outlives the isolator it serves: declared first, destroyed last.
  PluginHost isolator_host(options.isolation, {});
  auto isolator = loader.open_isolator(options.isolation, isolator_host);

  BlobStore store(options.store_root);
  const PulledImage image = fetch_image(options.image, loader, store, options.progress);
  signals.throw_if_interrupted();

  ProcessConfig process = make_process_config(image.config, options);

  enter_private_mount_namespace();
  ContainerDir dir(options.store_root);
  apply_layers(image, store, dir.rootfs().string(), signals);
  signals.throw_if_interrupted();

  ContainerSpec spec;
  spec.rootfs = dir.rootfs().string();
  spec.executable =
      resolve_command(spec.rootfs, process.args.front(), env_value(process.env, "PATH"));
  spec.args = process.args;
  spec.env = process.env;
  spec.cwd = process.cwd;

  auto container = isolator->start(spec);
  return signals.supervise(*container);
}

}  // namespace mydocker
