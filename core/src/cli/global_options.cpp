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
}

}  // namespace mydocker
