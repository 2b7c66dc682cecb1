#!/usr/bin/env bash
# orchestrators_test.sh [--kit DIR] RUNTIME
#
# The callers of issue 12's "Done when": podman 4.3 (through conmon) and containerd 1.6
# (through the runc v2 shim) drive RUNTIME, with the shared oci-conformance kit's
# orchestrators.sh:
#   1. `orchestrators.sh demo RUNTIME`: 18 checks (podman run / exit status / 127 / -t / -d /
#      exec / exec -t / stop / rm, ctr run / exit status / -t / -d / task exec / ps / kill / rm),
#      podman given the runtime's path with --runtime=PATH;
#   2. the same with podman finding the runtime by name: a copy of the kit's containers.conf
#      registers RUNTIME as "mydocker-runtime" under [engine.runtimes] (and in
#      runtime_supports_json, so podman passes it --log and --log-format=json, as for runc and
#      crun) and podman runs with --runtime=mydocker-runtime.
# Always ends with `orchestrators.sh stop` (leftover containers removed, its containerd stopped,
# its podman storage reset). Exit 0 when both pass 18/18; 77 skipped (no kit, not root).
#   --kit DIR   as for conformance_test.sh;  OCI_WORK  the kit's work dir (/tmp/mydocker-oci)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/oci/oci_kit.sh
source "$here/oci_kit.sh"
usage="usage: $0 [--kit DIR] RUNTIME"
parse_kit_args "$usage" "$@"
[[ -z $results ]] || { echo "$usage" >&2; exit 2; }
open_kit "$kit_arg"
for tool in podman conmon containerd ctr umoci skopeo script; do
  command -v "$tool" >/dev/null ||
    skip "no $tool: run the kit's build.sh once (it installs podman, containerd, umoci, skopeo...)"
done

hold_kit_lock
conf=$(mktemp "$OCI_WORK/containers.XXXXXX.conf")
stop_kit() {
  "$kit/orchestrators.sh" stop >/dev/null 2>&1 || echo "warning: orchestrators.sh stop failed" >&2
  rm -f "$conf"
}
trap stop_kit EXIT

echo "kit: $kit; OCI_WORK=$OCI_WORK; runtime: $runtime"
"$kit/orchestrators.sh" setup </dev/null || fail "orchestrators.sh setup failed (above)"
echo "== setup done at $(elapsed) s"

failed=()
echo "== podman --runtime=$runtime, ctr --runc-binary $runtime"
"$kit/orchestrators.sh" demo "$runtime" </dev/null || failed+=("demo with the path")
echo "== done at $(elapsed) s"

# The kit's containers.conf with the runtime registered by name. runtime_supports_json replaces
# podman's default list, so it keeps those entries; it belongs to [engine], which the copy
# already has, so it goes right under that header.
sed '/^\[engine\]$/a runtime_supports_json = ["crun", "runc", "kata", "runsc", "krun", "mydocker-runtime"]' \
  "$kit/podman/containers.conf" >"$conf"
grep -q '^runtime_supports_json' "$conf" || fail "no [engine] table in $kit/podman/containers.conf"
printf '\n[engine.runtimes]\nmydocker-runtime = ["%s"]\n' "$runtime" >>"$conf"
echo "== podman --runtime=mydocker-runtime (registered in a copy of containers.conf), ctr as before"
CONTAINERS_CONF=$conf PODMAN_RUNTIME=mydocker-runtime "$kit/orchestrators.sh" demo "$runtime" </dev/null ||
  failed+=("demo with the runtime registered by name")
echo "== done at $(elapsed) s"

((${#failed[@]} == 0)) || fail "$(IFS=,; echo "${failed[*]}") (checks above)"
echo "ok: 18/18 with the path and 18/18 with the runtime registered by name, in $(elapsed) s"
