# shellcheck shell=bash
# Sourced by the scripts that drive an OCI runtime through the shared oci-conformance kit
# (tests/oci/conformance_test.sh, tests/oci/orchestrators_test.sh, bench/runtime_bench.sh):
#   source oci_kit.sh
# defines:
#   skip MSG     exits 77 (ctest's SKIP_RETURN_CODE) with "SKIP: MSG"
#   fail MSG     exits 1 with "FAIL: MSG"
#   elapsed      seconds since the script started, one decimal
#   parse_kit_args USAGE ARGS...  [--kit DIR] [--results DIR] RUNTIME into kit_arg, results
#                (empty when not given) and runtime (an absolute path to an executable);
#                exits 2 with USAGE on anything else
#   runtime_path NAME   NAME (a path or a command name) as an absolute path, or fails
#   open_kit DIR sets `kit` to the kit's absolute path (DIR empty: ../shared/oci-conformance
#                beside the repository, then /work/shared/oci-conformance), or skips saying how
#                to name it; skips when not root. Exports OCI_WORK, the kit's work dir:
#                /tmp/mydocker-oci unless set. Every directory above it must be searchable by
#                others: the user-namespace tests reach their bundles as an unprivileged user.
#   hold_kit_lock  waits for, then holds until exit, the lock all these scripts share: the kit's
#                run.sh force-deletes every container the runtime lists that it did not list
#                before, and orchestrators.sh stop resets podman and stops containerd, so two of
#                them at once would break each other (ctest -j runs tests side by side, and
#                another build tree may run them too).
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

# shellcheck disable=SC2034 # kit_arg, results and runtime are for the caller
parse_kit_args() {
  local usage=$1
  shift
  kit_arg='' results=''
  while (($#)); do
    case $1 in
    --kit) kit_arg=$2; shift 2 ;;
    --kit=*) kit_arg=${1#*=}; shift ;;
    --results) results=$2; shift 2 ;;
    --results=*) results=${1#*=}; shift ;;
    -*) echo "$usage" >&2; exit 2 ;;
    *) break ;;
    esac
  done
  (($# == 1)) || { echo "$usage" >&2; exit 2; }
  runtime=$(runtime_path "$1")
}

runtime_path() {
  local path
  path=$(command -v "$1") || fail "no runtime $1"
  path=$(realpath -s "$path")
  [[ -x $path ]] || fail "$path is not executable"
  echo "$path"
}

open_kit() {
  [[ $(id -u) == 0 ]] || skip "the oci-conformance kit needs root (namespaces, cgroups, podman, containerd)"
  kit=${1:-}
  if [[ -z $kit ]]; then
    local repo_root candidate
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
}

hold_kit_lock() {
  exec {kit_lock_fd}>"/tmp/mydocker-oci-kit.lock"
  if ! flock -n "$kit_lock_fd"; then
    echo "waiting for another user of the oci-conformance kit (/tmp/mydocker-oci-kit.lock)"
    flock -w 1200 "$kit_lock_fd" || fail "the kit stayed busy for 20 minutes (/tmp/mydocker-oci-kit.lock)"
  fi
}
