#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.hpp"
#include "planned_cgroup.hpp"

namespace mydocker::runtime {

namespace {

struct PsRequest {
  std::string id;
  std::string format = "table";
};

// The command line of `pid` with spaces between arguments, or "" once it is gone.
std::string command_line(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/cmdline");
  std::ostringstream content;
  content << file.rdbuf();
  std::string text = content.str();
  while (!text.empty() && text.back() == '\0') text.pop_back();
  for (char& c : text) {
    if (c == '\0') c = ' ';
  }
  return text;
}

}  // namespace

CommandAction add_ps_command(CLI::App& app, const RuntimeContext& context) {
  auto* command = app.add_subcommand("ps", "List the processes in a container's cgroup");
  auto request = std::make_shared<PsRequest>();
  command->add_option("id", request->id, "Container ID")->required();
  command->add_option("--format,-f", request->format, "table or json (an array of PIDs)")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  return [&context, request] {
    const ContainerState state = context.state_root().load(request->id);
    const auto pids = state.cgroup_paths.empty() ? std::vector<pid_t>{}
                                                 : isolation::cgroup_processes(state.cgroup_paths);
    if (request->format == "json") {
      std::printf("%s\n", nlohmann::json(pids).dump().c_str());
      return 0;
    }
    std::printf("PID\tCMD\n");
    for (const pid_t pid : pids) std::printf("%d\t%s\n", pid, command_line(pid).c_str());
    return 0;
  };
}

}  // namespace mydocker::runtime
