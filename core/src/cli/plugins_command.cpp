#include <spdlog/spdlog.h>

#include <cstdio>

#include "cli/commands.hpp"
#include "loader/plugin_loader.hpp"

namespace mydocker {

CommandAction add_plugins_command(CLI::App& app, const GlobalOptions& global) {
  app.add_subcommand("plugins", "List the plugins found and where they came from");
  return [&global] {
    const PluginLoader loader(PluginLoader::default_search_dirs(global.plugin_dirs));
    const auto listing = loader.list();
    std::printf("%-10s %-14s %-10s %s\n", "KIND", "NAME", "VERSION", "PATH");
    for (const auto& p : listing.plugins) {
      std::printf("%-10s %-14s %-10s %s\n", std::string(to_string(p.kind)).c_str(), p.name.c_str(),
                  p.version.c_str(), p.path.c_str());
    }
    for (const auto& problem : listing.problems) spdlog::warn("{}", problem);
    return 0;
  };
}

}  // namespace mydocker
