// What every command gets: the global flags (given before the subcommand, as runc takes them)
// and the --log file they set up.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "cli/runtime_log.hpp"
#include "state/state_dir.hpp"

namespace mydocker::runtime {

struct GlobalOptions {
  // Fixed: podman calls `state` with no global flag and hardly any environment.
  std::string root = "/run/mydocker-runtime";
  std::string log;
  std::string log_format = "text";
  bool systemd_cgroup = false;  // cgroupsPath is "slice:prefix:name"
  bool debug = false;
};

struct RuntimeContext {
  GlobalOptions options;
  RuntimeLog log;

  StateRoot state_root() const { return StateRoot(options.root); }
};

// A command's work, run once parsing succeeded; returns the exit status.
using CommandAction = std::function<int()>;

void add_global_options(CLI::App& app, GlobalOptions& options);

}  // namespace mydocker::runtime
