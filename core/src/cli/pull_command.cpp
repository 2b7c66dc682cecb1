#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "cli/pull_options.hpp"
#include "run/rootfs.hpp"
#include "store/file_lock.hpp"

namespace mydocker {

CommandAction add_pull_command(CLI::App& app, const GlobalOptions& global) {
  auto request = std::make_shared<FetchRequest>();
  auto progress = std::make_shared<ProgressChoice>();
  CLI::App* pull = app.add_subcommand("pull", "Download an image into the store");
  add_progress_options(*pull, *progress);
  add_image_options(*pull, *request);
  return [request, progress, &global] {
    request->source_options = global.source_options();
    const PluginLoader loader(PluginLoader::default_search_dirs(global.plugin_dirs));
    Store store(global.root);
    const FileLock in_use(store.layout.lock("store"), FileLock::Mode::shared);
    request->pull = PullPolicy::always;  // as docker pull: always ask the source what is current
    request->unpack_layers =
        choose_storage_driver(global.storage_driver, store.layout) == StorageDriver::overlay;
    // As docker pull: progress on stdout, a line per layer when it is not a terminal.
    const auto display = progress->make_display(stdout, true);
    if (display) std::printf("Pulling %s\n", request->image.c_str());
    const PulledImage image = fetch_image(*request, loader, store, display.get());
    if (display) std::printf("Digest: %s\n", image.manifest_digest.c_str());
    std::printf("%s\n", image.name.c_str());
    return 0;
  };
}

}  // namespace mydocker
