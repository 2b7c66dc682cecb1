#include <unistd.h>

#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "cli/pull_options.hpp"
#include "mydocker/errors.hpp"
#include "run/environment.hpp"
#include "run/resource_limits.hpp"
#include "run/run_container.hpp"

namespace mydocker {

namespace {

// Docker's flag spellings, kept as given until the command line is complete.
struct RunFlags {
  std::vector<std::string> env;
  std::vector<std::string> env_files;
  std::vector<std::string> volumes;
  std::vector<std::string> security_opts;
  std::string entrypoint, workdir, user, memory, cpus;
  std::int64_t pids_limit = 0;
  bool remove = false;  // --rm: what mydocker always does
  std::string pull_policy = "missing";
};

void add_flags(CLI::App& run, RunOptions& o, RunFlags& f) {
  const auto many = [&](const char* name, std::vector<std::string>& into, const char* help) {
    run.add_option(name, into, help)->allow_extra_args(false);
  };
  many("-e,--env", f.env, "Set an environment variable (KEY=VALUE, or KEY to pass mydocker's)");
  many("--env-file", f.env_files, "Read environment variables from a file");
  many("-v,--volume", f.volumes, "Bind a host directory or file: HOST:CONTAINER[:ro]");
  many("--cap-add", o.cap_add, "Add a Linux capability (or ALL)");
  many("--cap-drop", o.cap_drop, "Drop a Linux capability (or ALL)");
  many("--security-opt", f.security_opts, "Security option: seccomp=unconfined");
  run.add_option("--entrypoint", f.entrypoint, "Replace the image's entrypoint (\"\" clears it)");
  run.add_option("-w,--workdir", f.workdir, "Working directory inside the container");
  run.add_option("-u,--user", f.user, "User: name, uid, name:group or uid:gid (from the image)");
  run.add_option("--hostname", o.hostname, "The container's host name");
  run.add_option("--network,--net", o.network, "Network: none (loopback only) or host")
      ->check(CLI::IsMember({"none", "host"}));
  run.add_option("-m,--memory", f.memory, "Memory limit, e.g. 64m (an overrun is an OOM kill)");
  run.add_option("--pids-limit", f.pids_limit, "Maximum number of tasks (-1: unlimited)");
  run.add_option("--cpus", f.cpus, "Number of CPUs, e.g. 0.5");
  run.add_flag("-i,--interactive", o.interactive, "Keep stdin attached to the container");
  run.add_flag("-t,--tty", o.tty, "Allocate a pseudo-terminal");
  run.add_flag("--init", o.init, "Run an init process as PID 1 that reaps zombies");
  run.add_flag("--read-only", o.read_only, "Mount the container's root file system read-only");
  run.add_flag("--rm", f.remove,
               "Accepted for docker compatibility: containers are always removed");
  run.add_option("--pull", f.pull_policy, "Pull the image: always, missing (default) or never")
      ->check(CLI::IsMember({"always", "missing", "never"}));
}

// Turns the flags into options, reading env files and checking values.
void apply_flags(const CLI::App& run, const RunFlags& f, RunOptions& o) {
  o.image.pull = parse_pull_policy(f.pull_policy);
  for (const auto& file : f.env_files) {
    const auto settings = read_env_file(file);
    o.env_settings.insert(o.env_settings.end(), settings.begin(), settings.end());
  }
  o.env_settings.insert(o.env_settings.end(), f.env.begin(), f.env.end());
  if (run.count("--entrypoint") > 0) o.entrypoint = f.entrypoint;
  if (run.count("--workdir") > 0) o.workdir = f.workdir;
  if (run.count("--user") > 0) o.user = f.user;
  for (const auto& v : f.volumes) o.volumes.push_back(parse_volume(v));
  for (const auto& opt : f.security_opts) {
    if (opt == "seccomp=unconfined" || opt == "seccomp:unconfined") {
      o.seccomp = false;
    } else if (opt != "no-new-privileges" && opt != "no-new-privileges=true" &&
               opt != "no-new-privileges:true") {
      throw Error("unsupported --security-opt \"" + opt +
                  "\" (supported: seccomp=unconfined, no-new-privileges)");
    }
  }
  if (!f.memory.empty()) o.limits.memory_bytes = parse_memory_size(f.memory);
  if (!f.cpus.empty()) o.limits.cpus = parse_cpus(f.cpus);
  o.limits.pids = f.pids_limit > 0 ? f.pids_limit : 0;
}

}  // namespace

CommandAction add_run_command(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<RunOptions>();
  auto flags = std::make_shared<RunFlags>();
  auto progress = std::make_shared<ProgressChoice>();
  CLI::App* run = app.add_subcommand("run", "Run a command in a new container");
  run->add_option("--isolation", options->isolation, "Isolation plugin")->capture_default_str();
  add_progress_options(*run, *progress);
  add_flags(*run, *options, *flags);
  add_image_options(*run, options->image);
  run->add_option("COMMAND", options->command, "Command and arguments (default: the image's)");
  // Everything after IMAGE belongs to the container's command, options included.
  run->positionals_at_end();
  run->prefix_command();
  return [options, flags, progress, run, &global] {
    // As docker: -it relays keys from a terminal. From a pipe or /dev/null the container's
    // terminal would wait for input forever after the end of it, so refuse before any work.
    if (options->interactive && options->tty && ::isatty(STDIN_FILENO) != 1) {
      std::fputs("mydocker: the input device is not a TTY\n", stderr);
      return 1;
    }
    apply_flags(*run, *flags, *options);
    options->storage_driver = global.storage_driver;
    for (const auto& extra : run->remaining()) options->command.push_back(extra);
    options->store_root = global.root;
    options->plugin_dirs = global.plugin_dirs;
    options->image.source_options = global.source_options();
    // A script compares the command's stderr exactly: no lines of ours unless asked for.
    const auto display = progress->make_display(stderr, global.log_level_at_least_info());
    options->progress = display.get();
    return run_container(*options);
  };
}

}  // namespace mydocker
