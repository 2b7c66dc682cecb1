// An OCI bundle as mydocker-runtime reads it: config.json parsed (oci_config.hpp) and turned
// into the ContainerPlan the isolation library runs, plus what only the runtime's commands use
// (the host-side hooks, annotations).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "container_plan.hpp"

namespace mydocker::runtime {

// The hooks that run in the runtime's namespace (the others are in the plan).
struct RuntimeHooks {
  std::vector<isolation::HookPlan> prestart;
  std::vector<isolation::HookPlan> create_runtime;
  std::vector<isolation::HookPlan> poststart;
  std::vector<isolation::HookPlan> poststop;
};

struct Bundle {
  std::string path;    // absolute
  std::string rootfs;  // absolute host path of root.path
  isolation::ContainerPlan plan;
  RuntimeHooks hooks;
  std::map<std::string, std::string> annotations;
  std::string oci_version;
};

// Reads <bundle_dir>/config.json for container `id`. Throws mydocker::Error with one line a
// user can act on: "config.json: process.args must be a non-empty array of strings".
Bundle load_bundle(const std::string& bundle_dir, const std::string& id);

// The ProcessPlan of `exec --process FILE` (a runtime-spec process object), with the
// container's own plan supplying what the file leaves out (seccomp, rlimits...).
isolation::ProcessPlan load_process_file(const std::string& path,
                                         const isolation::ContainerPlan& container);

}  // namespace mydocker::runtime
