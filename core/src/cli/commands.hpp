// One function per subcommand: each registers its options with CLI11 and returns the action
// that runs it once parsing succeeded. The actions only translate options and call the library.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace mydocker {

struct GlobalOptions {
  std::string log_level = "warn";
  std::filesystem::path root = "/var/lib/mydocker";
  std::vector<std::filesystem::path> plugin_dirs;
  std::string storage_driver;  // overlay or vfs; empty: overlay where it works
  // What dockerd would be configured with; handed to the image source as its host options.
  std::string config;
  std::vector<std::string> registry_mirrors;
  std::vector<std::string> insecure_registries;
  unsigned max_concurrent_downloads = 0;  // 0: the source's default

  std::map<std::string, std::string> source_options() const;
  bool log_level_at_least_info() const {
    return log_level == "info" || log_level == "debug" || log_level == "trace";
  }
};

using CommandAction = std::function<int()>;

void add_global_options(CLI::App& app, GlobalOptions& global);
CommandAction add_run_command(CLI::App& app, const GlobalOptions& global);
CommandAction add_plugins_command(CLI::App& app, const GlobalOptions& global);
CommandAction add_pull_command(CLI::App& app, const GlobalOptions& global);
CommandAction add_load_command(CLI::App& app, const GlobalOptions& global);
CommandAction add_images_command(CLI::App& app, const GlobalOptions& global);
CommandAction add_rmi_command(CLI::App& app, const GlobalOptions& global);
CommandAction add_system_command(CLI::App& app, const GlobalOptions& global);
CommandAction add_version_command(CLI::App& app);
CommandAction add_info_command(CLI::App& app, const GlobalOptions& global);
// Walks `app` when it runs, so it must be the root with every other command registered.
CommandAction add_completion_command(CLI::App& app);

}  // namespace mydocker
