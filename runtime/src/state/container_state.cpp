#include "state/container_state.hpp"

#include "mydocker/errors.hpp"

namespace mydocker::runtime {

namespace {

nlohmann::json hooks_json(const std::vector<isolation::HookPlan>& hooks) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& hook : hooks) {
    list.push_back({{"path", hook.path},
                    {"args", hook.args},
                    {"env", hook.env},
                    {"timeout", hook.timeout_seconds}});
  }
  return list;
}

std::vector<isolation::HookPlan> parse_hooks(const nlohmann::json& list) {
  std::vector<isolation::HookPlan> hooks;
  for (const auto& item : list) {
    isolation::HookPlan hook;
    hook.path = item.at("path").get<std::string>();
    hook.args = item.at("args").get<std::vector<std::string>>();
    hook.env = item.at("env").get<std::vector<std::string>>();
    hook.timeout_seconds = item.at("timeout").get<int>();
    hooks.push_back(std::move(hook));
  }
  return hooks;
}

}  // namespace

const char* status_name(ContainerStatus status) {
  switch (status) {
    case ContainerStatus::created:
      return "created";
    case ContainerStatus::running:
      return "running";
    case ContainerStatus::stopped:
      break;
  }
  return "stopped";
}

nlohmann::json state_file_json(const ContainerState& state) {
  nlohmann::json json = oci_state_json(state, ContainerStatus::created);
  json["pid"] = state.pid;
  json.erase("status");  // derived from the process and exec.fifo whenever asked
  json["mydocker"] = {{"startTime", state.start_time},
                      {"cgroupPaths", state.cgroup_paths},
                      {"poststartHooks", hooks_json(state.poststart_hooks)},
                      {"poststopHooks", hooks_json(state.poststop_hooks)}};
  return json;
}

ContainerState parse_state_file(const nlohmann::json& json) {
  try {
    ContainerState state;
    state.oci_version = json.at("ociVersion").get<std::string>();
    state.id = json.at("id").get<std::string>();
    state.pid = json.at("pid").get<pid_t>();
    state.bundle = json.at("bundle").get<std::string>();
    state.rootfs = json.at("rootfs").get<std::string>();
    state.created = json.at("created").get<std::string>();
    state.owner = json.at("owner").get<std::string>();
    if (json.contains("annotations")) {
      state.annotations = json.at("annotations").get<std::map<std::string, std::string>>();
    }
    const auto& own = json.at("mydocker");
    state.start_time = own.at("startTime").get<std::uint64_t>();
    state.cgroup_paths = own.at("cgroupPaths").get<std::vector<std::string>>();
    state.poststart_hooks = parse_hooks(own.at("poststartHooks"));
    state.poststop_hooks = parse_hooks(own.at("poststopHooks"));
    return state;
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string("state.json is damaged: ") + e.what());
  }
}

nlohmann::json oci_state_json(const ContainerState& state, ContainerStatus status) {
  nlohmann::json json = {{"ociVersion", state.oci_version},
                         {"id", state.id},
                         {"pid", status == ContainerStatus::stopped ? 0 : state.pid},
                         {"status", status_name(status)},
                         {"bundle", state.bundle},
                         {"rootfs", state.rootfs},
                         {"created", state.created},
                         {"owner", state.owner}};
  if (!state.annotations.empty()) json["annotations"] = state.annotations;
  return json;
}

}  // namespace mydocker::runtime
