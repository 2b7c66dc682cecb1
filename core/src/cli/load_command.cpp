#include <cstdio>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/stdin_archive.hpp"
#include "image/image_fetcher.hpp"
#include "run/rootfs.hpp"
#include "store/file_lock.hpp"

namespace mydocker {

CommandAction add_load_command(CLI::App& app, const GlobalOptions& global) {
  auto request = std::make_shared<FetchRequest>();
  CLI::App* load =
      app.add_subcommand("load", "Put the images of an archive or layout in the store");
  load->add_option("-i,--input", request->image,
                   "docker-archive or OCI archive/layout (any reference the local source reads); "
                   "default: an archive on stdin");
  load->add_option("--source", request->source, "Image source plugin (default: local)");
  load->add_option("--platform", request->platform,
                   "Platform to pick from multi-platform images, os/arch[/variant]");
  return [request, &global] {
    if (request->source.empty()) request->source = "local";
    if (request->image.empty()) StdinArchive::refuse_terminal();  // before the store exists
    request->source_options = global.source_options();
    const PluginLoader loader(PluginLoader::default_search_dirs(global.plugin_dirs));
    Store store(global.root);
    const FileLock in_use(store.layout.lock("store"), FileLock::Mode::shared);
    std::optional<StdinArchive> from_stdin;
    if (request->image.empty()) {
      request->image = from_stdin.emplace(store.layout.layer_temp_dir()).path().string();
    }
    request->unpack_layers =
        choose_storage_driver(global.storage_driver, store.layout) == StorageDriver::overlay;
    for (const auto& image : load_images(*request, loader, store)) {
      if (image.name.empty()) {
        std::printf("Loaded image ID: %s\n", image.manifest.config.digest.c_str());
      } else {
        std::printf("Loaded image: %s\n", store_name(image.name).c_str());
      }
    }
    return 0;
  };
}

}  // namespace mydocker
