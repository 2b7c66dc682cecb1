#include <cstdlib>

#include "cli/commands.hpp"

namespace mydocker {

void add_global_options(CLI::App& app, GlobalOptions& global) {
  if (const char* root = std::getenv("MYDOCKER_ROOT"); root != nullptr && *root != '\0') {
    global.root = root;
  }
  app.add_option("--log-level", global.log_level, "Log level (logs go to stderr)")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->capture_default_str();
  app.add_option("--root", global.root, "Store directory (env MYDOCKER_ROOT)")
      ->capture_default_str();
  app.add_option("--plugin-dir", global.plugin_dirs,
                 "Extra directory to load plugins from (repeatable, searched first)")
      ->type_size(1)
      ->allow_extra_args(false);
  app.add_option("--storage-driver", global.storage_driver,
                 "overlay (layers unpacked once, mounted) or vfs (copied per container); "
                 "default: overlay where it works")
      ->check(CLI::IsMember({"overlay", "vfs"}));
  app.add_option("--config", global.config,
                 "Configuration file, daemon.json keys (env MYDOCKER_CONFIG; default "
                 "/etc/mydocker/config.json)");
  app.add_option("--registry-mirror", global.registry_mirrors,
                 "Mirror tried before Docker Hub, e.g. http://127.0.0.1:5000 (repeatable)")
      ->type_size(1)
      ->allow_extra_args(false);
  app.add_option("--insecure-registry", global.insecure_registries,
                 "Registry reached over plain HTTP, HOST[:PORT] or CIDR (repeatable)")
      ->type_size(1)
      ->allow_extra_args(false);
  app.add_option("--max-concurrent-downloads", global.max_concurrent_downloads,
                 "Layers downloaded at once (default 3)")
      ->check(CLI::Range(1u, 64u));
}

std::map<std::string, std::string> GlobalOptions::source_options() const {
  const auto joined = [](const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
    return out;
  };
  std::map<std::string, std::string> options;
  if (!config.empty()) options["config"] = config;
  if (!registry_mirrors.empty()) options["registry-mirrors"] = joined(registry_mirrors);
  if (!insecure_registries.empty()) options["insecure-registries"] = joined(insecure_registries);
  if (max_concurrent_downloads > 0) {
    options["max-concurrent-downloads"] = std::to_string(max_concurrent_downloads);
  }
  return options;
}

}  // namespace mydocker
