#include <memory>

#include "cli/commands.hpp"
#include "cli/lifecycle.hpp"

namespace mydocker::runtime {

CommandAction add_delete_command(CLI::App& app, const RuntimeContext& context) {
  auto* command = app.add_subcommand("delete", "Remove a created or stopped container");
  auto id = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  command->add_option("id", *id, "Container ID")->required();
  command->add_flag("--force,-f", *force, "Kill it first if it runs");
  return [&context, id, force] {
    delete_container(context, *id, *force);
    return 0;
  };
}

}  // namespace mydocker::runtime
