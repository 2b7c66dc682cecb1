#include <memory>

#include "cli/commands.hpp"
#include "cli/console_socket.hpp"
#include "cli/container_process.hpp"
#include "cli/exec_process.hpp"
#include "cli/pid_file.hpp"
#include "container_launch.hpp"
#include "mydocker/errors.hpp"
#include "oci/bundle.hpp"
#include "state/container_status.hpp"

namespace mydocker::runtime {

namespace {

// With prefix_command, everything from the ID on is left unparsed: "ID [--] COMMAND...".
void take_id_and_command(ExecRequest& request, std::vector<std::string> rest) {
  if (!rest.empty() && rest.front() == "--") rest.erase(rest.begin());
  if (rest.empty()) throw Error("exec needs a container ID");
  request.id = rest.front();
  rest.erase(rest.begin());
  if (!rest.empty() && rest.front() == "--") rest.erase(rest.begin());
  request.args = std::move(rest);
}

int exec_in_container(const RuntimeContext& context, const ExecRequest& request) {
  const StateRoot root = context.state_root();
  const ContainerState state = root.load(request.id);
  if (container_status(state, root.start_gate_present(request.id)) == ContainerStatus::stopped) {
    throw Error("cannot exec in a stopped container: " + request.id);
  }
  // The plan the container was created from supplies what the process leaves out.
  const Bundle bundle = load_bundle(state.bundle, request.id);
  if (!request.process_file.empty() && !request.args.empty()) {
    throw Error("exec takes either --process FILE or a command, not both");
  }
  const isolation::ProcessPlan process = request.process_file.empty()
                                             ? exec_process_from_flags(bundle.plan.process, request)
                                             : load_process_file(request.process_file, bundle.plan);
  UniqueFd console;
  if (!request.console_socket.empty()) console = connect_console_socket(request.console_socket);
  isolation::LaunchOptions options;
  options.console_socket_fd = console.get();
  for (int i = 0; i < request.preserve_fds; ++i) options.preserved_fds.push_back(3 + i);
  isolation::LaunchedContainer launched =
      isolation::join_container(state.pid, state.cgroup_paths, process, options);
  if (!request.pid_file.empty()) write_pid_file(request.pid_file, launched.pid());
  if (request.detach) {
    launched.release();
    return 0;
  }
  const int status = reap_exit_status(launched.pidfd());
  launched.release();
  return status;
}

}  // namespace

CommandAction add_exec_command(CLI::App& app, const RuntimeContext& context) {
  auto* command = app.add_subcommand("exec", "Run another process in a running container");
  auto request = std::make_shared<ExecRequest>();
  // Everything from the ID on is the command, dashes included. Not passed up to the global
  // flags (which come before the subcommand), or CLI11 hands the ID to the root as an extra.
  command->prefix_command();
  command->fallthrough(false);
  command->add_option("--process,-p", request->process_file,
                      "runtime-spec process JSON (instead of a command)");
  command->add_flag("--detach,-d", request->detach, "Return once the process runs");
  command->add_option("--pid-file", request->pid_file, "Write the process's PID here");
  command->add_option("--console-socket", request->console_socket,
                      "Unix socket that receives the pty master (--tty)");
  command->add_flag("--tty,-t", request->tty, "Give the process a new pty");
  command->add_option("--cwd", request->cwd, "Working directory in the container");
  command->add_option("--env,-e", request->env, "KEY=VALUE (repeatable)")
      ->type_size(1)
      ->allow_extra_args(false);
  command->add_option("--user,-u", request->user, "uid[:gid]");
  command
      ->add_option("--preserve-fds", request->preserve_fds,
                   "Pass this many fds from 3 up to the process")
      ->check(CLI::NonNegativeNumber);
  return [&context, request, command] {
    take_id_and_command(*request, command->remaining());
    return exec_in_container(context, *request);
  };
}

}  // namespace mydocker::runtime
