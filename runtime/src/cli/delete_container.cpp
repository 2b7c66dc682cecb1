#include <signal.h>

#include "cli/container_process.hpp"
#include "cli/hooks.hpp"
#include "cli/lifecycle.hpp"
#include "mydocker/errors.hpp"
#include "planned_cgroup.hpp"
#include "state/container_status.hpp"

namespace mydocker::runtime {

namespace {

constexpr int kExitWaitMs = 10000;

// SIGKILL to everything in the cgroup and to the init (which may have no cgroup recorded, if
// its create died), then wait for the init to be gone.
void kill_container(const ContainerState& state, const RuntimeContext& context) {
  if (!state.cgroup_paths.empty()) isolation::signal_cgroup(state.cgroup_paths, SIGKILL);
  const UniqueFd pidfd = open_container_process(state);
  if (!pidfd) return;
  signal_process(pidfd.get(), SIGKILL);
  if (!wait_for_exit(pidfd.get(), kExitWaitMs)) {
    context.log.warning("process " + std::to_string(state.pid) + " of container " + state.id +
                        " survived SIGKILL for 10 s");
  }
}

}  // namespace

void delete_container(const RuntimeContext& context, const std::string& id, bool force) {
  const StateRoot root = context.state_root();
  // As runc: forcing the removal of what is already gone succeeds (containerd repeats it).
  if (force && !std::filesystem::exists(root.container_dir(id))) return;
  const auto dir = LockedContainerDir::open(root, id);
  std::optional<ContainerState> state;
  try {
    state = dir.read();
  } catch (const Error& e) {
    if (!force) throw Error(std::string(e.what()) + " (delete --force removes it)");
  }
  if (state) {
    const ContainerStatus status = container_status(*state, dir.start_gate_present());
    if (status == ContainerStatus::running && !force) {
      throw Error("cannot delete container " + id + " that is not stopped: running");
    }
    kill_container(*state, context);
    if (!state->cgroup_paths.empty() && !isolation::remove_cgroup(state->cgroup_paths)) {
      throw Error("cannot remove the cgroup of container " + id + ": " +
                  state->cgroup_paths.front() + " is still busy");
    }
    run_hooks_warning_on_failure(state->poststop_hooks, "poststop",
                                 oci_state_json(*state, ContainerStatus::stopped).dump(),
                                 context.log);
  }
  dir.remove();
  context.log.debug("deleted container " + id);
}

}  // namespace mydocker::runtime
