#include <memory>

#include "cli/commands.hpp"
#include "cli/pull_options.hpp"
#include "run/run_container.hpp"

namespace mydocker {

CommandAction add_run_command(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<RunOptions>();
  auto progress = std::make_shared<ProgressChoice>();
  auto pull_policy = std::make_shared<std::string>("missing");
  CLI::App* run = app.add_subcommand("run", "Run a command in a new container");
  run->add_option("--isolation", options->isolation, "Isolation plugin")->capture_default_str();
  add_progress_options(*run, *progress);
  run->add_option("--pull", *pull_policy, "Pull the image: always, missing (default) or never")
      ->check(CLI::IsMember({"always", "missing", "never"}));
  add_image_options(*run, options->image);
  run->add_option("COMMAND", options->command, "Command and arguments (default: the image's)");
  // Everything after IMAGE belongs to the container's command, options included.
  run->positionals_at_end();
  run->prefix_command();
  return [options, progress, pull_policy, run, &global] {
    options->image.pull = parse_pull_policy(*pull_policy);
    options->storage_driver = global.storage_driver;
    for (const auto& extra : run->remaining()) options->command.push_back(extra);
    options->store_root = global.root;
    options->plugin_dirs = global.plugin_dirs;
    options->image.source_options = global.source_options();
    // A script compares the command's stderr exactly: no lines of ours unless asked for.
    const auto display = progress->make_display(stderr, global.log_level_at_least_info());
    options->progress = display.get();
    return run_container(*options);
  };
}

}  // namespace mydocker
