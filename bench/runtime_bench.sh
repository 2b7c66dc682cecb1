#!/usr/bin/env bash
# runtime_bench.sh: mydocker-runtime beside runc and crun, on this machine, in one run, so the
# ratios are fair:
#   lifecycle   `create`, `start` and `delete --force` of a busybox bundle running /bin/true,
#               each call timed, ROUNDS rounds, the runtimes taking turns within each round
#               (drifting load falls on all of them alike); median and p90 in ms per call and
#               for the three together;
#   podman      `podman run --rm --network=none localhost/busybox /bin/true` with each runtime
#               as --runtime, through the shared oci-conformance kit's `orchestrators.sh podman`
#               (its storage and configuration under $OCI_WORK, conmon, cgroupfs), PODMAN_ROUNDS
#               rounds taking turns the same way.
# The runtimes: /usr/bin/runc, the kit's crun-hybrid (crun 1.8 in a private mount namespace
# without the cgroup2 mount, as this v1/v2 hybrid host needs: its own cost is measured too, as
# the wrapper around /bin/true), and a third given by path, default BUILD_DIR/bin/mydocker-runtime
# when it is built. Each runtime keeps its state in a --root of its own under the work dir.
# Results: a table on stdout and bench/results/runtime-<date>.md with the machine, versions and
# the exact commands. Not a test: nothing asserts; it exits non-zero only if it cannot run.
# Usage: bench/runtime_bench.sh [RUNTIME]     ROUNDS=100 PODMAN_ROUNDS=30 bench/runtime_bench.sh
# Needs root and the kit (MYDOCKER_OCI_KIT=DIR, else ../shared/oci-conformance or
# /work/shared/oci-conformance); its build.sh installs runc, crun, podman... when missing.
set -euo pipefail
export LC_ALL=C # EPOCHREALTIME with a decimal point
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$repo/build}
ROUNDS=${ROUNDS:-50}
PODMAN_ROUNDS=${PODMAN_ROUNDS:-20}
WARMUP=3
# shellcheck source=tests/oci/oci_kit.sh
source "$repo/tests/oci/oci_kit.sh"
open_kit "${MYDOCKER_OCI_KIT:-}"

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

names=(runc crun-hybrid)
paths=(/usr/bin/runc "$kit/crun-hybrid")
third=${1:-}
third_name=mydocker-runtime # the column's title, also when it is not measured
[[ -n $third || ! -x $build/bin/mydocker-runtime ]] || third=$build/bin/mydocker-runtime
if [[ -n $third ]]; then
  third=$(runtime_path "$third")
  third_name=$(basename "$third")
  # a label of its own, so its times do not mix with runc's or crun's
  [[ $third_name != runc && $third_name != crun-hybrid ]] || third_name+=" (third)"
  names+=("$third_name")
  paths+=("$third")
fi

for tool in runc crun podman conmon umoci skopeo jq; do
  command -v "$tool" >/dev/null || { "$kit/build.sh" >/dev/null && break; }
done

hold_kit_lock
work=$(mktemp -d "$OCI_WORK/bench.XXXXXX")
chmod 755 "$work"
# delete_all: every container the runtimes hold under their state dirs here (an interrupted run)
delete_all() {
  local i id
  for i in "${!names[@]}"; do
    for id in $("${paths[$i]}" --root "$work/state.$i" list -q 2>/dev/null); do
      "${paths[$i]}" --root "$work/state.$i" delete --force "$id" >/dev/null 2>&1 || true
    done
  done
}
cleanup() {
  set +e
  delete_all
  "$kit/orchestrators.sh" stop >/dev/null 2>&1
  if [[ -n ${KEEP:-} ]]; then log "kept $work"; else rm -rf --one-file-system "$work"; fi
}
trap cleanup EXIT

# ---- the bundle: the kit's busybox image (busybox-static), /bin/true, no terminal
[[ -d $OCI_WORK/img/layout ]] || "$kit/make-busybox-image.sh" >/dev/null
bundle=$work/bundle
umoci unpack --image "$OCI_WORK/img/layout:latest" "$bundle" >/dev/null
jq '.process.args = ["/bin/true"] | .process.terminal = false' "$bundle/config.json" >"$work/c.json"
mv "$work/c.json" "$bundle/config.json"

# ---- measuring: one line per call in $work/times.tsv: runtime, what, milliseconds
times=$work/times.tsv
: >"$times"
# timed RECORD NAME WHAT CMD...: runs CMD (stdin /dev/null, output to $work/out) and, when
# RECORD is 1, appends its wall time; a failing call ends the run with its output
timed() {
  local record=$1 name=$2 what=$3 t0 t1
  shift 3
  t0=$EPOCHREALTIME
  "$@" </dev/null >"$work/out" 2>&1 || die "$name: $what failed: $(tail -5 "$work/out")"
  t1=$EPOCHREALTIME
  ((record)) || return 0
  awk -v n="$name" -v w="$what" -v a="$t0" -v b="$t1" 'BEGIN { printf "%s\t%s\t%.3f\n", n, w, (b - a) * 1000 }' >>"$times"
}
# lifecycle RECORD INDEX ROUND: create, start, delete --force of one container
lifecycle() {
  local record=$1 i=$2 id="bench-$3" rt=("${paths[$2]}" --root "$work/state.$2")
  timed "$record" "${names[$i]}" create "${rt[@]}" create --bundle "$bundle" "$id"
  timed "$record" "${names[$i]}" start "${rt[@]}" start "$id"
  # --force, as podman calls it: /bin/true has usually exited by now; if not, it is killed
  timed "$record" "${names[$i]}" "delete --force" "${rt[@]}" delete --force "$id"
}

log "lifecycle: ${names[*]}, $WARMUP warm-up + $ROUNDS rounds"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((r = 1; r <= WARMUP + ROUNDS; r++)); do
  for i in "${!names[@]}"; do lifecycle $((r > WARMUP)) "$i" "$r"; done
  # what the crun-hybrid wrapper itself costs per call: unshare + sh + umount + exec
  timed $((r > WARMUP)) "crun-hybrid wrapper" "wrapper around /bin/true" env CRUN=/bin/true "$kit/crun-hybrid"
done

log "podman run --rm: ${names[*]}, 2 warm-up + $PODMAN_ROUNDS rounds"
"$kit/orchestrators.sh" setup >"$work/setup.log" 2>&1 || die "orchestrators.sh setup: $(tail -5 "$work/setup.log")"
podman_run=(run --rm --network=none localhost/busybox /bin/true)
for ((r = 1; r <= 2 + PODMAN_ROUNDS; r++)); do
  for i in "${!names[@]}"; do
    timed $((r > 2)) "${names[$i]}" "podman run --rm" "$kit/orchestrators.sh" podman --runtime="${paths[$i]}" \
      "${podman_run[@]}"
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- the table
# stat NAME WHAT: "median p90" in ms (p90: nearest rank); "-" when not measured
stat() {
  awk -F'\t' -v n="$1" -v w="$2" '$1 == n && $2 == w { print $3 }' "$times" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) { print "- -"; exit }
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      p = int(NR * 0.9); if (p < NR * 0.9) p++
      printf "%.1f %.1f\n", m, v[p] }'
}
# the three calls together, per round
awk -F'\t' '$2 == "create" || $2 == "start" { s[$1] += $3 }
  $2 == "delete --force" { print $1 "\tcreate+start+delete\t" s[$1] + $3; s[$1] = 0 }' \
  "$times" >"$work/sums.tsv"
cat "$work/sums.tsv" >>"$times"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }

out=$repo/bench/results/runtime-$(date -u +%Y-%m-%d).md
runc_version=$(runc --version | head -1)
crun_version=$(crun --version | head -1)
third_version=''
[[ -z $third ]] || third_version=$("$third" --version 2>/dev/null | head -1 || true)
{
  echo "# mydocker-runtime beside runc and crun ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM," \
    "kernel $(uname -r), cgroup v1/v2 hybrid, $(df -T "$OCI_WORK" | awk 'NR==2 {print $2}') under $OCI_WORK" \
    "(bundle, state dirs, podman storage); load $load_before before, $load_after after."
  echo "Versions: $runc_version, $crun_version (through the kit's crun-hybrid), $(podman --version)," \
    "$(conmon --version | head -1)${third_version:+, $third_version}."
  echo "Lifecycle: $ROUNDS rounds ($WARMUP warm-ups not counted), each call timed on its own from" \
    "bash (\$EPOCHREALTIME around a fork+exec: about 1 ms of each number is the shell's)," \
    "the runtimes in turn within a round. podman: $PODMAN_ROUNDS rounds (2 warm-ups), through" \
    "the kit's \`orchestrators.sh podman\` (a bash wrapper in front of podman)."
  echo
  if awk -v l="${load_before%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
    echo "**Busy machine:** the load average was above the $(nproc) cores when this ran (other"
    echo "work competing for the CPU): every number is inflated by waiting for a core; the ratios"
    echo "(the runtimes took turns) are the part to compare."
    echo
  fi
  if [[ -z $third ]]; then
    echo "**The $third_name columns are empty: mydocker-runtime was not built when this ran** (it"
    echo "is being written, issue 12). A later \`bench/runtime_bench.sh\` with it built fills"
    echo "them (and writes a new file for its date)."
    echo
  fi
  echo "| ms: median / p90 | runc | crun-hybrid | crun × runc | $third_name | × runc | × crun |"
  echo "|---|---|---|---|---|---|---|"
  for what in create start "delete --force" create+start+delete "podman run --rm"; do
    read -r rm rp < <(stat runc "$what")
    read -r cm cp < <(stat crun-hybrid "$what")
    read -r tm tp < <(stat "$third_name" "$what")
    third_cell="$tm / $tp"
    [[ $tm != - ]] || third_cell="not measured"
    echo "| $what | $rm / $rp | $cm / $cp | $(ratio "$cm" "$rm") | $third_cell | $(ratio "$tm" "$rm") | $(ratio "$tm" "$cm") |"
  done
  read -r wm wp < <(stat "crun-hybrid wrapper" "wrapper around /bin/true")
  echo
  echo "crun-hybrid's wrapper alone (unshare, sh, umount, exec of /bin/true instead of crun):" \
    "$wm / $wp ms per call, included in each crun-hybrid call above (so about" \
    "$(awk -v w="$wm" 'BEGIN { printf "%.0f", 3 * w }') ms of its create+start+delete)."
  echo
  echo "## Commands (\$WORK: the temp dir; \$KIT: $kit; i: the runtime's index)"
  echo
  echo '```'
  echo "umoci unpack --image \$OCI_WORK/img/layout:latest \$WORK/bundle   # the kit's busybox image"
  echo "jq '.process.args = [\"/bin/true\"] | .process.terminal = false'   # on its config.json"
  for i in "${!names[@]}"; do
    for c in "create --bundle \$WORK/bundle bench-N" "start bench-N" "delete --force bench-N"; do
      echo "${paths[$i]/#$kit/\$KIT} --root \$WORK/state.$i $c"
    done
  done
  echo "env CRUN=/bin/true \$KIT/crun-hybrid"
  for i in "${!names[@]}"; do
    echo "\$KIT/orchestrators.sh podman --runtime=${paths[$i]/#$kit/\$KIT} ${podman_run[*]}"
  done
  echo '```'
} >"$out"
cat "$out"
echo
echo "written to $out"
