#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "state/container_status.hpp"

namespace mydocker::runtime {

namespace {

struct ListRequest {
  bool quiet = false;
  std::string format = "table";
};

}  // namespace

CommandAction add_list_command(CLI::App& app, const RuntimeContext& context) {
  auto* command = app.add_subcommand("list", "List the containers in the state root");
  auto request = std::make_shared<ListRequest>();
  command->add_flag("--quiet,-q", request->quiet, "Only the IDs");
  command->add_option("--format,-f", request->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  return [&context, request] {
    const StateRoot root = context.state_root();
    const auto ids = root.container_ids();
    if (request->quiet) {
      // Also those whose create died before state.json: a sweep deletes them by these IDs.
      for (const auto& id : ids) std::printf("%s\n", id.c_str());
      return 0;
    }
    auto states = nlohmann::json::array();
    std::string table = "ID\tPID\tSTATUS\tBUNDLE\tCREATED\tOWNER\n";
    for (const auto& id : ids) {
      std::optional<ContainerState> state;
      try {
        state = root.read(id);
      } catch (const std::exception&) {
        // Damaged: listed by -q for delete --force, left out here.
      }
      if (!state) continue;
      const auto json =
          oci_state_json(*state, container_status(*state, root.start_gate_present(id)));
      states.push_back(json);
      table += id + "\t" + std::to_string(json["pid"].get<int>()) + "\t" +
               json["status"].get<std::string>() + "\t" + state->bundle + "\t" + state->created +
               "\t" + state->owner + "\n";
    }
    std::printf("%s", request->format == "json" ? (states.dump() + "\n").c_str() : table.c_str());
    return 0;
  };
}

}  // namespace mydocker::runtime
