#include <spdlog/spdlog.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "cli/commands.hpp"
#include "cli/field_output.hpp"
#include "loader/plugin_loader.hpp"
#include "run/rootfs.hpp"
#include "store/image_names.hpp"
#include "store/store_layout.hpp"
#include "util/cgroup_layout.hpp"

namespace mydocker {

namespace {

// Reads only: a store that does not exist yet has no images, and is not created.
std::size_t image_count(const StoreLayout& layout) {
  std::error_code ec;
  if (!std::filesystem::exists(layout.images_file(), ec)) return 0;
  return ImageNames(layout.root()).list().size();
}

std::string plugin_names(const PluginListing& listing, PluginKind kind) {
  std::string names;
  for (const auto& plugin : listing.plugins) {
    if (plugin.kind == kind) names += (names.empty() ? "" : " ") + plugin.name;
  }
  return names.empty() ? "(none)" : names;
}

std::string kernel_release() {
  utsname name{};
  return ::uname(&name) == 0 ? name.release : "unknown";
}

}  // namespace

CommandAction add_info_command(CLI::App& app, const GlobalOptions& global) {
  app.add_subcommand("info", "Show the store, storage driver, cgroups and plugins in use");
  return [&global] {
    const StoreLayout layout(global.root);
    const PluginLoader loader(PluginLoader::default_search_dirs(global.plugin_dirs));
    const PluginListing plugins = loader.list();
    for (const auto& problem : plugins.problems) spdlog::warn("{}", problem);
    const bool overlay =
        choose_storage_driver(global.storage_driver, layout) == StorageDriver::overlay;
    std::printf("Store:\n");
    print_field("Root Dir", layout.root().string());
    print_field("Storage Driver", overlay ? "overlay" : "vfs");
    print_field("Images", std::to_string(image_count(layout)));
    std::printf("Host:\n");
    print_field("Cgroup Layout", std::string(to_string(detect_cgroup_layout())));
    print_field("Rootless", ::geteuid() != 0 ? "true" : "false");
    print_field("Kernel Version", kernel_release());
    std::printf("Plugins:\n");
    print_field("Isolators", plugin_names(plugins, PluginKind::isolator));
    print_field("Image Sources", plugin_names(plugins, PluginKind::source));
    for (const auto& dir : loader.search_dirs()) print_field("Search Dir", dir.string());
    return 0;
  };
}

}  // namespace mydocker
