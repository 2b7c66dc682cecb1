// The container's seccomp filter, equivalent in effect to Docker's default profile: an
// allowlist of system calls, everything else fails with EPERM. It is compiled with libseccomp
// in the parent (which may allocate) and installed in the child with a single prctl, so the
// child between clone and exec does no allocation and calls no library.
#pragma once

#include <linux/filter.h>

#include <vector>

namespace mydocker::isolation {

class SeccompFilter {
 public:
  // Docker's default profile for the host architecture, for a container whose effective
  // capabilities are `capabilities` (a bit mask: some of Docker's rules depend on them, e.g.
  // CAP_SYS_ADMIN allows mount and unshare). Throws mydocker::Error when libseccomp fails.
  static SeccompFilter docker_default(unsigned long long capabilities);

  // A program compiled earlier, e.g. at build time: compiling takes libseccomp ~10 ms, more
  // than the rest of a container's start. `flags` are seccomp(2)'s SECCOMP_FILTER_FLAG_*
  // given at install (an OCI profile's "flags"), which the program cannot carry.
  static SeccompFilter from_program(std::vector<sock_filter> program, unsigned int flags = 0);

  // Installs the filter on the calling thread. Needs no_new_privs (or CAP_SYS_ADMIN).
  // Async-signal-safe. Returns false with errno set on failure.
  bool install() const noexcept;

  std::size_t instruction_count() const { return program_.size(); }
  const std::vector<sock_filter>& program() const { return program_; }
  unsigned int flags() const { return flags_; }

 private:
  std::vector<sock_filter> program_;
  unsigned int flags_ = 0;
};

// The BPF program libseccomp compiles `context` (an scmp_filter_ctx) to, for filters built
// elsewhere (mydocker-runtime's OCI profiles). Throws mydocker::Error.
std::vector<sock_filter> export_seccomp_program(void* context);

}  // namespace mydocker::isolation
