// linux.seccomp, an OCI seccomp profile, compiled with libseccomp into the BPF program the
// container's process installs (SeccompFilter). Compiled once, in the parent: the result is
// what mydocker-runtime can keep for `exec`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "oci_json.hpp"
#include "seccomp_filter.hpp"

namespace mydocker::runtime::oci {

// defaultAction, defaultErrnoRet, architectures, flags and syscalls (names, action, errnoRet,
// args). As runc: a syscall name libseccomp does not know is skipped (profiles name calls of
// every kernel and architecture), a rule whose action is the default one is left out, and a
// rule comparing one argument several times becomes one rule per comparison. SCMP_ACT_NOTIFY is
// refused: it needs a seccomp agent this runtime does not talk to.
isolation::SeccompFilter compile_seccomp(const JsonField& seccomp);

}  // namespace mydocker::runtime::oci
