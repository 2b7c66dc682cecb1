# shellcheck shell=bash
# Sourced by the scripts that drive an OCI runtime through the shared oci-conformance kit
# (tests/oci/conformance_test.sh, tests/oci/orchestrators_test.sh, bench/runtime_bench.sh):
#   source oci_kit.sh KIT
# KIT is the kit's directory; empty means "look in the usual places" (../shared/oci-conformance
# beside the repository, then /work/shared/oci-conformance). Defines:
#   kit          the kit's absolute path, or the script exits 77 (ctest's SKIP) saying how to
#                name it
#   OCI_WORK     (exported) the kit's work dir: /tmp/mydocker-oci unless set. Every directory
#                above it must be searchable by others: the user-namespace tests reach their
#                bundles as an unprivileged mapped user.
#   skip MSG     exits 77 with "SKIP: MSG"
#   fail MSG     exits 1 with "FAIL: MSG"
#   elapsed      seconds since the script started, one decimal
#   hold_kit_lock  waits for, then holds until exit, the lock all these scripts share: the kit's
#                run.sh force-deletes every container the runtime lists that it did not list
#                before, and orchestrators.sh stop resets podman and stops containerd, so two of
#                them at once would break each other (and ctest -j runs tests side by side).
skip() {
  printf 'SKIP: %s\n' "$*"
  exit 77
}
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}
kit_started=$EPOCHREALTIME
elapsed() { awk -v s="$kit_started" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.1f", e - s }'; }

[[ $(id -u) == 0 ]] || skip "the oci-conformance kit needs root (namespaces, cgroups, podman, containerd)"
kit=${1:-}
if [[ -z $kit ]]; then
  repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  for candidate in "$repo_root/../shared/oci-conformance" /work/shared/oci-conformance; do
    if [[ -x $candidate/run.sh ]]; then
      kit=$candidate
      break
    fi
  done
  [[ -n $kit ]] || skip "no oci-conformance kit in $repo_root/../shared/oci-conformance or" \
    "/work/shared/oci-conformance; set -DMYDOCKER_OCI_KIT=DIR (cmake) or pass --kit DIR"
fi
[[ -x $kit/run.sh && -x $kit/orchestrators.sh ]] ||
  skip "$kit is not the oci-conformance kit (no run.sh, orchestrators.sh); set -DMYDOCKER_OCI_KIT=DIR"
kit=$(cd "$kit" && pwd)

export OCI_WORK=${OCI_WORK:-/tmp/mydocker-oci}
mkdir -p "$OCI_WORK"
chmod 755 "$OCI_WORK"

hold_kit_lock() {
  exec {kit_lock_fd}>"/tmp/mydocker-oci-kit.lock"
  if ! flock -n "$kit_lock_fd"; then
    echo "waiting for another user of the oci-conformance kit (/tmp/mydocker-oci-kit.lock)"
    flock -w 1200 "$kit_lock_fd" || fail "the kit stayed busy for 20 minutes (/tmp/mydocker-oci-kit.lock)"
  fi
}
