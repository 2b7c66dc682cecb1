// One function per subcommand: each registers its options with CLI11 and returns the action
// that runs it once parsing succeeded. The actions only translate options and call the library.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace mydocker {

struct GlobalOptions {
  std::string log_level = "warn";
  std::filesystem::path root = "/var/lib/mydocker";
  std::vector<std::filesystem::path> plugin_dirs;
};

using CommandAction = std::function<int()>;

void add_global_options(CLI::App& app, GlobalOptions& global);
CommandAction add_run_command(CLI::App& app, const GlobalOptions& global);
CommandAction add_plugins_command(CLI::App& app, const GlobalOptions& global);

}  // namespace mydocker
