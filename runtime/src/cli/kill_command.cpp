#include <memory>

#include "cli/commands.hpp"
#include "cli/container_process.hpp"
#include "cli/signal_name.hpp"
#include "mydocker/errors.hpp"
#include "planned_cgroup.hpp"

namespace mydocker::runtime {

namespace {

struct KillRequest {
  std::string id;
  std::string signal = "TERM";
  bool all = false;
};

}  // namespace

CommandAction add_kill_command(CLI::App& app, const RuntimeContext& context) {
  auto* command = app.add_subcommand("kill", "Send a signal to a container's process");
  auto request = std::make_shared<KillRequest>();
  command->add_option("id", request->id, "Container ID")->required();
  command->add_option("signal", request->signal, "Name (TERM, SIGTERM) or number")
      ->capture_default_str();
  command->add_flag("--all,-a", request->all, "Signal every process in the container's cgroup");
  return [&context, request] {
    const int signal = parse_signal(request->signal);
    const ContainerState state = context.state_root().load(request->id);
    // --all also reaches what is left of a container whose init has exited (podman stops a
    // container sharing the host's PID namespace this way).
    if (request->all && !state.cgroup_paths.empty()) {
      isolation::signal_cgroup(state.cgroup_paths, signal);
      return 0;
    }
    const UniqueFd pidfd = open_container_process(state);
    if (!pidfd) throw Error("container not running: " + request->id);
    signal_process(pidfd.get(), signal);
    return 0;
  };
}

}  // namespace mydocker::runtime
