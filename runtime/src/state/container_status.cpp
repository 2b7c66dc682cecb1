#include "state/container_status.hpp"

#include "state/process_stat.hpp"

namespace mydocker::runtime {

bool container_process_alive(const ContainerState& state, const std::string& proc_root) {
  const auto stat = read_process_stat(state.pid, proc_root);
  return stat && stat->state != 'Z' && stat->state != 'X' && stat->start_time == state.start_time;
}

ContainerStatus container_status(const ContainerState& state, bool start_gate_present,
                                 const std::string& proc_root) {
  if (!container_process_alive(state, proc_root)) return ContainerStatus::stopped;
  return start_gate_present ? ContainerStatus::created : ContainerStatus::running;
}

}  // namespace mydocker::runtime
