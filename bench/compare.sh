#!/usr/bin/env bash
# compare.sh: mydocker side by side with the tools people would use instead, on this machine,
# in one run, so the ratios are fair:
#   warm start  `mydocker run` of a cached image running /bin/true (pivot_root, the default,
#               and chroot), beside `crun run` of an OCI bundle of the same rootfs,
#               `podman run --rm` of the same image, and the floor (unshare + chroot);
#   pull        a ~200 MB, 5-layer image from a registry on 127.0.0.1: `mydocker pull`
#               (download, verify and unpack every layer once), the same with the vfs driver
#               (download and verify only), `skopeo copy` (download only) and `podman pull`.
# Results: a table on stdout and bench/results/compare-<date>.md. Not a test: nothing asserts.
# Usage: bench/compare.sh        RUNS=50 PULL_RUNS=5 bench/compare.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-30}
PULL_RUNS=${PULL_RUNS:-3}

# ---- what it needs
"$repo/scripts/install-deps.sh"
need=(crun podman hyperfine time)
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}" >/dev/null
fi
BUILD_DIR=${BUILD_DIR:-$repo/build} "$repo/scripts/build.sh" >/dev/null
build=${BUILD_DIR:-$repo/build}
mydocker=$build/bin/mydocker

# Everything on the root disk (as /var/lib/mydocker would be), removed on exit.
work=$(mktemp -d /var/tmp/mydocker-bench.XXXXXX)
registry_pid=''
cleanup() {
  set +e
  [[ -n $registry_pid ]] && kill "$registry_pid" && wait "$registry_pid" 2>/dev/null
  podman_cmd system reset -f >/dev/null 2>&1
  [[ -n ${KEEP:-} ]] || rm -rf "$work"
}
trap cleanup EXIT

# crun refuses this host's cgroup v1/v2 hybrid while cgroup2 has controllers: it runs in a
# private mount namespace without the cgroup2 mount (nothing on the host changes).
# A script, so that hyperfine (which splits its command on spaces) can run it.
cat >"$work/v1ns" <<'EOS'
#!/bin/sh
exec unshare -m --propagation private -- sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null; exec "$@"' v1ns "$@"
EOS
chmod +x "$work/v1ns"
v1ns=("$work/v1ns")

# podman with its own storage and configuration; the hard open-files limit here is below
# podman's default and CAP_SYS_RESOURCE is missing, so its default ulimits are lowered.
export CONTAINERS_STORAGE_CONF=$work/podman/storage.conf CONTAINERS_CONF=$work/podman/containers.conf
mkdir -p "$work/podman/tmp"
cat >"$CONTAINERS_STORAGE_CONF" <<EOC
[storage]
driver = "overlay"
graphroot = "$work/podman/storage"
runroot = "$work/podman/run"
EOC
cat >"$CONTAINERS_CONF" <<EOC
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$work/podman/events.log"
tmp_dir = "$work/podman/tmp"
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=32768:32768"]
EOC
podman_cmd() { "${v1ns[@]}" podman "$@"; }

# ---- images: busybox as the tests build it, and a big one made here
cmake --build "$build" --target explorer >/dev/null
images=$work/images
"$repo/tests/fixtures/make-images.sh" "$images" "$build/fixtures/explorer" >/dev/null

# big: 5 gzip layers, ~200 MB: the busybox base, 4000 small files, then 3 layers of random
# data in a few big files each, the last also deleting a file (a whiteout).
big=$work/big
skopeo copy --quiet "oci:$images/busybox-oci:latest" "oci:$big:latest"
umoci unpack --image "$big:latest" "$work/big-bundle" >/dev/null
rootfs=$work/big-bundle/rootfs
mkdir -p "$rootfs/small"
for d in $(seq 1 40); do
  mkdir -p "$rootfs/small/$d"
  for f in $(seq 1 100); do printf '%s %s\n' "$d" "$f" >"$rootfs/small/$d/$f"; done
done
umoci repack --image "$big:latest" "$work/big-bundle" >/dev/null
for layer in 1 2 3; do
  mkdir -p "$rootfs/data$layer"
  for f in 1 2 3 4; do head -c 16000000 /dev/urandom >"$rootfs/data$layer/blob$f"; done
  [[ $layer == 3 ]] && rm "$rootfs/small/1/1"
  umoci repack --image "$big:latest" "$work/big-bundle" >/dev/null
done
big_manifest=$big/blobs/$(jq -r '.manifests[0].digest' "$big/index.json" | tr : /)
big_bytes=$(jq '[.layers[].size] | add' "$big_manifest")

# ---- a registry on loopback only
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$repo/tests/fixtures/registry/run-registry.sh" "$work/registry" "$port" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
ref=127.0.0.1:$port/library/big:latest
skopeo copy --quiet --dest-tls-verify=false "oci:$big:latest" "docker://$ref"

# ---- measuring
table=$work/table.tsv
: >"$table"
# bench NAME CMD...: hyperfine median/min/max/stddev (seconds) and the median peak RSS of 3 runs
bench() {
  local name=$1 rss i
  shift
  hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$work/h.json" "$*" >/dev/null 2>&1
  local -a r=()
  for i in 1 2 3; do r+=("$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)"); done
  rss=$(printf '%s\n' "${r[@]}" | sort -n | sed -n 2p)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" \
    "$(jq -r '.results[0].median' "$work/h.json")" "$(jq -r '.results[0].min' "$work/h.json")" \
    "$(jq -r '.results[0].max' "$work/h.json")" "$(jq -r '.results[0].stddev' "$work/h.json")" \
    "$rss" >>"$table"
}
# pull NAME PREPARE CMD...: PULL_RUNS fresh runs (PREPARE empties the destination first)
pull() {
  local name=$1 prepare=$2 i t rss
  shift 2
  local -a times=() rsss=()
  for i in $(seq "$PULL_RUNS"); do
    bash -c "$prepare"
    sync
    /usr/bin/time -o "$work/time" -f '%e %M' "$@" >/dev/null 2>"$work/pull.err" ||
      { echo "$name failed: $(cat "$work/pull.err")" >&2; exit 1; }
    t=$(tail -1 "$work/time")
    times+=("${t% *}")
    rsss+=("${t#* }")
  done
  printf '%s\t%s\t%s\t%s\t-\t%s\n' "$name" \
    "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((PULL_RUNS + 1) / 2))p")" \
    "$(printf '%s\n' "${times[@]}" | sort -n | head -1)" \
    "$(printf '%s\n' "${times[@]}" | sort -n | tail -1)" \
    "$(printf '%s\n' "${rsss[@]}" | sort -n | tail -1)" >>"$table"
}

store=$work/store
"$mydocker" --root "$store" load -i "$images/busybox-docker.tar" >/dev/null
"$mydocker" --root "$work/store-vfs" --storage-driver vfs load -i "$images/busybox-docker.tar" >/dev/null
bundle=$work/bundle
umoci unpack --image "$images/busybox-oci:latest" "$bundle" >/dev/null
jq '.process.args = ["/bin/true"] | .process.terminal = false' "$bundle/config.json" >"$work/c.json"
mv "$work/c.json" "$bundle/config.json"
podman_cmd load -q -i "$images/busybox-docker.tar" >/dev/null

bench "floor: unshare -pf --mount-proc + chroot" unshare --pid --fork --mount-proc chroot "$bundle/rootfs" /bin/true
bench "mydocker run (cached, overlay, pivot_root)" "$mydocker" --root "$store" run --pull=never busybox /bin/true
bench "mydocker run --isolation=chroot (cached, overlay)" "$mydocker" --root "$store" run --isolation=chroot --pull=never busybox /bin/true
bench "mydocker run --cap-add NET_ADMIN (seccomp compiled at run time)" "$mydocker" --root "$store" run --cap-add NET_ADMIN --pull=never busybox /bin/true
bench "mydocker run (cached, vfs: layers copied)" "$mydocker" --root "$work/store-vfs" --storage-driver vfs run --pull=never busybox /bin/true
bench "crun run (bundle)" "${v1ns[@]}" crun run --bundle "$bundle" mydocker-bench
bench "podman run --rm" "${v1ns[@]}" podman run --rm --network=none busybox /bin/true

pull "mydocker pull (download+verify+unpack)" "rm -rf $work/p" "$mydocker" --root "$work/p" pull -q "$ref"
pull "mydocker pull --storage-driver vfs (download+verify)" "rm -rf $work/p" "$mydocker" --root "$work/p" --storage-driver vfs pull -q "$ref"
pull "skopeo copy to an OCI layout (download)" "rm -rf $work/s" skopeo copy --quiet --src-tls-verify=false "docker://$ref" "oci:$work/s:latest"
pull "podman pull (download+unpack)" "${v1ns[*]} podman rmi -af >/dev/null 2>&1 || true" "${v1ns[@]}" podman pull -q --tls-verify=false "$ref"

# ---- the table
start_ref=$(awk -F'\t' '$1 ~ /^mydocker run \(cached, overlay, pivot_root\)/ {print $2}' "$table")
pull_ref=$(awk -F'\t' '$1 ~ /^mydocker pull \(download/ {print $2}' "$table")
out=$repo/bench/results/compare-$(date -u +%Y-%m-%d).md
{
  echo "# mydocker beside crun, podman and skopeo ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM," \
    "kernel $(uname -r), $(df -T /var/tmp | awk 'NR==2 {print $2}') root disk (stores and pulls on it)," \
    "load before: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Versions: $("$mydocker" --version), $(crun --version | head -1), $(podman --version)," \
    "$(skopeo --version), hyperfine $(hyperfine --version | cut -d' ' -f2)."
  echo "Warm start: $RUNS runs each (hyperfine -N, 3 warm-ups); pull: $PULL_RUNS fresh runs each" \
    "of a $((big_bytes / 1000000)) MB image (compressed; 5 gzip layers, 4000 small files, whiteout) from" \
    "docker-registry on 127.0.0.1. Peak RSS from /usr/bin/time (crun and podman rows include" \
    "the unshare wrapper's process tree)."
  echo
  echo "| what | median s | min s | max s | stddev s | peak RSS MB | × mydocker |"
  echo "|---|---|---|---|---|---|---|"
  while IFS=$'\t' read -r name median min max sd rss; do
    case $name in *pull* | *skopeo*) base=$pull_ref ;; *) base=$start_ref ;; esac
    [[ $sd == - ]] || sd=$(printf '%.4f' "$sd")
    printf '| %s | %.4f | %.4f | %.4f | %s | %.1f | %.2f |\n' "$name" "$median" "$min" "$max" \
      "$sd" "$(echo "$rss / 1024" | bc -l)" "$(echo "$median / $base" | bc -l)"
  done <"$table"
} >"$out"
cat "$out"
echo
echo "written to $out"
