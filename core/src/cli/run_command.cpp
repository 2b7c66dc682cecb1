#include <memory>

#include "cli/commands.hpp"
#include "run/run_container.hpp"

namespace mydocker {

CommandAction add_run_command(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* run = app.add_subcommand("run", "Run a command in a new container");
  run->add_option("--source", options->source,
                  "Image source plugin (default: local for archives and paths, hub otherwise)");
  run->add_option("--isolation", options->isolation, "Isolation plugin")->capture_default_str();
  run->add_option("--platform", options->platform,
                  "Platform to pick from a multi-platform image, os/arch[/variant]");
  run->add_option("IMAGE", options->image,
                  "Image: a registry reference, docker-archive:PATH[:NAME:TAG], "
                  "oci:DIR[:TAG], oci-archive:PATH[:TAG] or a path")
      ->required();
  run->add_option("COMMAND", options->command, "Command and arguments (default: the image's)");
  // Everything after IMAGE belongs to the container's command, options included.
  run->positionals_at_end();
  run->prefix_command();
  return [options, run, &global] {
    for (const auto& extra : run->remaining()) options->command.push_back(extra);
    options->store_root = global.root;
    options->plugin_dirs = global.plugin_dirs;
    return run_container(*options);
  };
}

}  // namespace mydocker
