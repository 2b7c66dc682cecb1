#include "run/run_container.hpp"

#include <spdlog/spdlog.h>

#include "image/image_fetcher.hpp"
#include "plugins/plugin_host.hpp"
#include "plugins/plugin_loader.hpp"
#include "run/command_lookup.hpp"
#include "run/container_dir.hpp"
#include "run/mount_namespace.hpp"
#include "run/process_config.hpp"
#include "run/rootfs.hpp"
#include "run/signal_forwarding.hpp"

namespace mydocker {

int run_container(const RunOptions& options) {
  BlockedSignals signals;
  const PluginLoader loader(PluginLoader::default_search_dirs(options.plugin_dirs));

  // The host outlives the isolator it serves: declared first, destroyed last.
  PluginHost isolator_host(options.isolation, {});
  auto isolator = loader.open_isolator(options.isolation, isolator_host);

  Store store(options.store_root);
  // Held while the container runs: `system prune` must not remove the layers it runs on.
  const FileLock in_use(store.layout.lock("store"), FileLock::Mode::shared);
  const StorageDriver driver = choose_storage_driver(options.storage_driver, store.layout);
  FetchRequest request = options.image;
  request.unpack_layers = driver == StorageDriver::overlay;
  const PulledImage image = fetch_image(request, loader, store, options.progress);
  signals.throw_if_interrupted();

  ProcessConfig process = make_process_config(image.config, options);

  enter_private_mount_namespace();
  ContainerDir dir(options.store_root);
  assemble_rootfs(image, store, driver, dir, signals);
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
