#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "state/container_status.hpp"

namespace mydocker::runtime {

CommandAction add_state_command(CLI::App& app, const RuntimeContext& context) {
  auto* command = app.add_subcommand("state", "Print a container's OCI state as JSON");
  auto id = std::make_shared<std::string>();
  command->add_option("id", *id, "Container ID")->required();
  return [&context, id] {
    const StateRoot root = context.state_root();
    const ContainerState state = root.load(*id);
    const auto status = container_status(state, root.start_gate_present(*id));
    std::printf("%s\n", oci_state_json(state, status).dump(2).c_str());
    return 0;
  };
}

}  // namespace mydocker::runtime
