#include <memory>

#include "cli/commands.hpp"
#include "cli/lifecycle.hpp"

namespace mydocker::runtime {

CommandAction add_start_command(CLI::App& app, const RuntimeContext& context) {
  auto* command = app.add_subcommand("start", "Run the program of a created container");
  auto id = std::make_shared<std::string>();
  command->add_option("id", *id, "Container ID")->required();
  return [&context, id] {
    start_container(context, *id);
    return 0;
  };
}

}  // namespace mydocker::runtime
