#include "run/run_container.hpp"

#include <spdlog/spdlog.h>

#include "image/image_puller.hpp"
#include "image/platform.hpp"
#include "plugins/plugin_host.hpp"
#include "plugins/plugin_loader.hpp"
#include "run/command_lookup.hpp"
#include "run/container_dir.hpp"
#include "run/mount_namespace.hpp"
#include "run/process_config.hpp"
#include "run/signal_forwarding.hpp"
#include "run/source_choice.hpp"
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
  const Platform platform =
      options.platform.empty() ? host_platform() : parse_platform_string(options.platform);

  // Hosts outlive the plugin objects they serve: declared first, destroyed last.
  const std::string source_name =
      options.source.empty() ? default_source_for(options.image) : options.source;
  PluginHost source_host(source_name, {});
  PluginHost isolator_host(options.isolation, {});
  auto isolator = loader.open_isolator(options.isolation, isolator_host);

  BlobStore store(options.store_root);
  PulledImage image;
  {
    auto source = loader.open_source(source_name, source_host);
    image = pull_image(*source, options.image, platform, store);
  }
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
