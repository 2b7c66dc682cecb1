#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "cli/console_socket.hpp"
#include "cli/hooks.hpp"
#include "cli/lifecycle.hpp"
#include "cli/pid_file.hpp"
#include "cli/systemd_cgroup.hpp"
#include "mydocker/errors.hpp"
#include "oci/bundle.hpp"
#include "state/container_id.hpp"
#include "state/process_stat.hpp"
#include "state/timestamp.hpp"

namespace mydocker::runtime {

namespace {

constexpr const char* kSpecVersion = "1.0.2";

// Removes the state directory of a create that did not finish.
class StateDirUndo {
 public:
  explicit StateDirUndo(const LockedContainerDir& dir) : dir_(dir) {}
  StateDirUndo(const StateDirUndo&) = delete;
  StateDirUndo& operator=(const StateDirUndo&) = delete;
  ~StateDirUndo() {
    if (!armed_) return;
    try {
      dir_.remove();
    } catch (const Error&) {
      // A later delete --force removes what is left.
    }
  }
  void dismiss() { armed_ = false; }

 private:
  const LockedContainerDir& dir_;
  bool armed_ = true;
};

ContainerState initial_state(const Bundle& bundle, const std::string& id) {
  ContainerState state;
  state.oci_version = bundle.oci_version.empty() ? kSpecVersion : bundle.oci_version;
  state.id = id;
  state.bundle = bundle.path;
  state.rootfs = bundle.rootfs;
  state.created = rfc3339_now();
  state.annotations = bundle.annotations;
  state.poststart_hooks = bundle.hooks.poststart;
  state.poststop_hooks = bundle.hooks.poststop;
  return state;
}

}  // namespace

isolation::LaunchedContainer create_container(const RuntimeContext& context,
                                              const CreateRequest& request) {
  validate_container_id(request.id);
  Bundle bundle = load_bundle(request.bundle, request.id);
  if (context.options.systemd_cgroup) {
    bundle.plan.cgroup.path = systemd_cgroup_path(bundle.plan.cgroup.path, request.id);
  }
  const StateRoot root = context.state_root();
  const auto dir = LockedContainerDir::create(root, request.id);
  StateDirUndo undo(dir);
  if (::mkfifo(dir.start_gate().c_str(), 0600) != 0) {
    throw Error("cannot create " + dir.start_gate().string() + ": " + std::strerror(errno));
  }
  ContainerState state = initial_state(bundle, request.id);

  UniqueFd console;
  if (!request.console_socket.empty()) console = connect_console_socket(request.console_socket);
  isolation::LaunchOptions options;
  options.console_socket_fd = console.get();
  for (int i = 0; i < request.preserve_fds; ++i) options.preserved_fds.push_back(3 + i);
  options.start_fifo = dir.start_gate().string();
  options.on_created = [&](pid_t pid) {
    state.pid = pid;
    const auto stat = read_process_stat(pid);
    if (!stat) throw Error("the container process " + std::to_string(pid) + " vanished");
    state.start_time = stat->start_time;
    // Saved before the hooks run: a runtime killed from here on leaves a state.json that
    // names the process for delete --force.
    dir.save(state);
    // Hooks see the container as created, as crun shows it (podman refuses "creating").
    const std::string json = oci_state_json(state, ContainerStatus::created).dump();
    run_hooks(bundle.hooks.prestart, "prestart", json);
    run_hooks(bundle.hooks.create_runtime, "createRuntime", json);
  };
  context.log.debug("creating container " + request.id + " from " + bundle.path);
  isolation::LaunchedContainer launched = isolation::launch_container(bundle.plan, options);
  state.cgroup_paths = launched.cgroup_paths();
  dir.save(state);
  if (!request.pid_file.empty()) write_pid_file(request.pid_file, launched.pid());
  undo.dismiss();
  return launched;
}

}  // namespace mydocker::runtime
