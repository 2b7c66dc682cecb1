// The pivot_root isolator, for anything not trusted: mount, PID, UTS, IPC, network and cgroup
// namespaces; the rootfs with its own /proc, minimal /dev and read-only /sys entered with
// pivot_root; Docker's default capabilities, masked paths and seccomp profile; no_new_privs;
// cgroup limits on memory, tasks and CPU.
#pragma once

#include "mydocker/host.hpp"
#include "mydocker/isolator.hpp"

namespace mydocker::pivot_root {

class PivotRootIsolator : public IIsolator {
 public:
  explicit PivotRootIsolator(IHost& host) : host_(host) {}
  std::unique_ptr<IContainer> start(const ContainerSpec& spec) override;
  // The cgroups of containers whose mydocker was killed (cgroup.hpp).
  std::size_t prune() override;

 private:
  IHost& host_;
};

}  // namespace mydocker::pivot_root
