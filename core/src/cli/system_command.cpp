#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/human_units.hpp"
#include "loader/plugin_host.hpp"
#include "loader/plugin_loader.hpp"
#include "store/store.hpp"
#include "store/store_check.hpp"
#include "store/store_gc.hpp"

namespace mydocker {

namespace {

// What isolators left on the host for containers whose mydocker was killed (cgroups): only
// each isolator knows its own, so every isolator plugin found is asked. A plugin that cannot
// be opened or fails is a warning: the store's own cleanup still runs.
std::uint64_t prune_isolators(const GlobalOptions& global) {
  const PluginLoader loader(PluginLoader::default_search_dirs(global.plugin_dirs));
  std::uint64_t removed = 0;
  for (const auto& plugin : loader.list().plugins) {
    if (plugin.kind != PluginKind::isolator) continue;
    try {
      PluginHost host(plugin.name, {});
      removed += loader.open_isolator(plugin.name, host)->prune();
    } catch (const std::exception& e) {
      spdlog::warn("isolator {}: {}", plugin.name, e.what());
    }
  }
  return removed;
}

}  // namespace

CommandAction add_system_command(CLI::App& app, const GlobalOptions& global) {
  CLI::App* system = app.add_subcommand("system", "Manage the store");
  system->require_subcommand(1);
  CLI::App* prune =
      system->add_subcommand("prune", "Remove blobs and layers that no image refers to");
  auto repair = std::make_shared<bool>(false);
  CLI::App* check = system->add_subcommand(
      "check", "Verify every blob's digest and that every image has what it needs");
  check->add_flag("--repair", *repair, "Remove damaged blobs, so the next pull fetches them again");
  return [prune, repair, &global]() -> int {
    const bool writes = prune->parsed() || *repair;
    Store store(global.root, writes ? StoreAccess::read_write : StoreAccess::read_only);
    if (prune->parsed()) {
      const std::uint64_t isolator_leftovers = prune_isolators(global);
      GcResult gc = collect_garbage(store);
      gc.leftovers += isolator_leftovers;
      std::printf("Deleted %llu blobs, %llu layers, %llu leftovers\nTotal reclaimed space: %s\n",
                  static_cast<unsigned long long>(gc.blobs),
                  static_cast<unsigned long long>(gc.layers),
                  static_cast<unsigned long long>(gc.leftovers), human_size(gc.bytes).c_str());
      return 0;
    }
    const CheckResult result = check_store(store, *repair);
    for (const auto& problem : result.problems) std::printf("%s\n", problem.c_str());
    std::string summary = std::to_string(result.blobs_checked) + " blobs checked, " +
                          std::to_string(result.problems.size()) + " problems";
    if (*repair) summary += ", " + std::to_string(result.repaired) + " repaired";
    std::printf("%s\n", summary.c_str());
    // Damage that is still there is a failure; damage repaired is not.
    return result.problems.size() > result.repaired ? 1 : 0;
  };
}

}  // namespace mydocker
