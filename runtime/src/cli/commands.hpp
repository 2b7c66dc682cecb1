// One function per subcommand: each registers its flags with CLI11 and returns the action that
// runs it once parsing succeeded. main.cpp only dispatches.
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <string>

#include "cli/context.hpp"

namespace mydocker::runtime {

CommandAction add_create_command(CLI::App& app, const RuntimeContext& context);
CommandAction add_start_command(CLI::App& app, const RuntimeContext& context);
CommandAction add_run_command(CLI::App& app, const RuntimeContext& context);
CommandAction add_state_command(CLI::App& app, const RuntimeContext& context);
CommandAction add_list_command(CLI::App& app, const RuntimeContext& context);
CommandAction add_kill_command(CLI::App& app, const RuntimeContext& context);
CommandAction add_delete_command(CLI::App& app, const RuntimeContext& context);
CommandAction add_exec_command(CLI::App& app, const RuntimeContext& context);
CommandAction add_ps_command(CLI::App& app, const RuntimeContext& context);
CommandAction add_features_command(CLI::App& app);
CommandAction add_spec_command(CLI::App& app);

// Every command above, by name.
std::map<std::string, CommandAction> add_commands(CLI::App& app, const RuntimeContext& context);

// What --version prints: "mydocker-runtime version X", then "spec: ..." and "libseccomp: ..."
// lines as runc prints them.
std::string version_text();

}  // namespace mydocker::runtime
