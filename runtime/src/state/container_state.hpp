// A container as mydocker-runtime records it in <root>/<id>/state.json: the OCI state fields
// (runtime-spec "State") and, under "mydocker", what later commands need and nothing else
// keeps: the cgroup directories, the process's start time, the poststart and poststop
// hooks.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "container_plan.hpp"

namespace mydocker::runtime {

enum class ContainerStatus { created, running, stopped };

const char* status_name(ContainerStatus status);

struct ContainerState {
  std::string oci_version;
  std::string id;
  pid_t pid = 0;
  std::string bundle;
  std::string rootfs;
  std::string created;  // RFC 3339 with nanoseconds
  std::string owner;
  std::map<std::string, std::string> annotations;

  std::uint64_t start_time = 0;  // /proc/PID/stat field 22 of `pid` when it was created
  std::vector<std::string> cgroup_paths;
  std::vector<isolation::HookPlan> poststart_hooks;  // run by start
  std::vector<isolation::HookPlan> poststop_hooks;   // run by delete
};

// The whole record, private fields included, for state.json.
nlohmann::json state_file_json(const ContainerState& state);
// Throws mydocker::Error when a field is missing or of the wrong type.
ContainerState parse_state_file(const nlohmann::json& json);

// The runtime-spec state `state ID` prints and hooks read on stdin. The pid is 0 once stopped,
// as podman and containerd expect; annotations only when there are some.
nlohmann::json oci_state_json(const ContainerState& state, ContainerStatus status);

}  // namespace mydocker::runtime
