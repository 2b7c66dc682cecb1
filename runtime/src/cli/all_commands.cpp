#include "cli/commands.hpp"

namespace mydocker::runtime {

std::map<std::string, CommandAction> add_commands(CLI::App& app, const RuntimeContext& context) {
  return {
      {"create", add_create_command(app, context)},
      {"start", add_start_command(app, context)},
      {"run", add_run_command(app, context)},
      {"state", add_state_command(app, context)},
      {"list", add_list_command(app, context)},
      {"kill", add_kill_command(app, context)},
      {"delete", add_delete_command(app, context)},
      {"exec", add_exec_command(app, context)},
      {"ps", add_ps_command(app, context)},
      {"features", add_features_command(app)},
      {"spec", add_spec_command(app)},
  };
}

}  // namespace mydocker::runtime
