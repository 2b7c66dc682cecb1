// The chroot isolator: a new PID namespace (the command is PID 1) and mount namespace with its
// own /proc, chroot into the rootfs, exec. Simple and portable; it keeps the habit of the
// "build your own docker" exercise it grew from: an absolute command the image lacks but the
// host has is copied into the rootfs before exec.
#pragma once

#include "mydocker/host.hpp"
#include "mydocker/isolator.hpp"

namespace mydocker::chroot {

class ChrootIsolator : public IIsolator {
 public:
  explicit ChrootIsolator(IHost& host) : host_(host) {}
  std::unique_ptr<IContainer> start(const ContainerSpec& spec) override;

 private:
  IHost& host_;
};

}  // namespace mydocker::chroot
