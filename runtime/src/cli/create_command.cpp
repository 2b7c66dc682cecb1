#include <memory>

#include "cli/commands.hpp"
#include "cli/lifecycle.hpp"

namespace mydocker::runtime {

namespace {

void add_create_options(CLI::App& command, CreateRequest& request) {
  command.add_option("id", request.id, "Container ID")->required();
  command.add_option("--bundle,-b", request.bundle, "Bundle directory (holds config.json)")
      ->capture_default_str();
  command.add_option("--pid-file", request.pid_file, "Write the container's PID here");
  command.add_option("--console-socket", request.console_socket,
                     "Unix socket that receives the pty master (process.terminal)");
  command
      .add_option("--preserve-fds", request.preserve_fds,
                  "Pass this many fds from 3 up to the container")
      ->check(CLI::NonNegativeNumber);
  // runc's: pivot_root is always used, the session keyring is left alone.
  command.add_flag("--no-pivot")->description("Accepted for runc compatibility; ignored");
  command.add_flag("--no-new-keyring")->description("Accepted for runc compatibility; ignored");
}

}  // namespace

CommandAction add_create_command(CLI::App& app, const RuntimeContext& context) {
  auto* command = app.add_subcommand("create", "Create a container, stopped before its program");
  auto request = std::make_shared<CreateRequest>();
  add_create_options(*command, *request);
  return [&context, request] {
    // The container outlives this call: no runtime process stays as its parent.
    create_container(context, *request).release();
    return 0;
  };
}

CommandAction add_run_command(CLI::App& app, const RuntimeContext& context) {
  auto* command = app.add_subcommand("run", "Create, start, wait for and delete a container");
  auto request = std::make_shared<CreateRequest>();
  auto detach = std::make_shared<bool>(false);
  add_create_options(*command, *request);
  command->add_flag("--detach,-d", *detach, "Return once the container runs");
  return [&context, request, detach] { return run_container(context, *request, *detach); };
}

}  // namespace mydocker::runtime
