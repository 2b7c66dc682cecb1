#include "cli/context.hpp"

namespace mydocker::runtime {

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("--root", options.root, "Directory of the containers' state")
      ->capture_default_str();
  app.add_option("--log", options.log, "Append errors to this file (created on every call)");
  app.add_option("--log-format", options.log_format, "Format of the --log file")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_flag("--systemd-cgroup", options.systemd_cgroup,
               "cgroupsPath is slice:prefix:name, as systemd names a scope");
  app.add_flag("--debug", options.debug, "Also log debug lines to the --log file");
}

}  // namespace mydocker::runtime
