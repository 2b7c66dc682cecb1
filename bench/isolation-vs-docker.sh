#!/usr/bin/env bash
# isolation-vs-docker.sh: does `mydocker run --isolation=pivot_root` isolate like `docker run`
# with its default settings? The same busybox probe (one `name=value` line per check: PID and
# UTS namespaces, interfaces, capabilities, no_new_privs, seccomp, visible processes, mount
# points, /dev, read-only and masked /proc and /sys paths, mknod, unshare, mount, open fds,
# umask, user, cwd) runs in
#   docker   Debian's docker.io: a private dockerd started here (unix socket in a temp dir,
#            no iptables, no bridge, cgroupfs), `docker run --network=none` (mydocker's
#            default network is none: loopback only);
#   mydocker `mydocker run --isolation=pivot_root` of the same docker-archive;
#   runc     for reference, plain `runc run` of a bundle from `runc spec` (the OCI defaults
#            without Docker's additions), with the image's rootfs made writable;
# then docker's run flags (--memory, --pids-limit, -u, -e, -w, -v, --read-only, --entrypoint,
# -t, --init, ...) run the same way in docker and mydocker.
# Results: a table on stdout and bench/results/isolation-vs-docker-<date>.md with versions and
# the exact commands. Not a test: nothing asserts; it exits non-zero only if it cannot run.
# Usage: bench/isolation-vs-docker.sh        KEEP=1 bench/isolation-vs-docker.sh (keeps the temp dir)
# shellcheck disable=SC2016 # '$x' in single quotes is for the container's shell to expand
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$repo/build}
mydocker=$build/bin/mydocker
started=$SECONDS

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---- what it needs: docker.io brings dockerd, containerd, runc and docker-init (tini)
need=(docker.io jq)
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  # policy-rc.d keeps the package from starting its own daemon; ours is started below
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
    --no-install-recommends "${missing[@]}" >/dev/null
fi
[[ -x $mydocker ]] || BUILD_DIR=$build "$repo/scripts/build.sh" >/dev/null
[[ -x $mydocker ]] || die "no $mydocker"
# Debian's client by full path: another `docker` (e.g. a newer static client in /usr/local/bin)
# may come first in PATH, and this compares against Debian's docker.io as a whole.
docker=/usr/bin/docker
runc=/usr/sbin/runc

# ---- a private work dir (on the root disk, as /var/lib/docker would be), removed on exit
work=$(mktemp -d /var/tmp/mydocker-isolation.XXXXXX)
dockerd_pid=''
# containers of our dockerd go under this cgroup (in every v1 hierarchy), removed on exit
cgparent=mydocker-isolation-$$
# dockerd 20.10 writes /etc/docker/key.json; containerd's shims put sockets in /run/containerd
had_key=''
had_run_containerd=''
if [[ -e /etc/docker/key.json ]]; then had_key=1; fi
if [[ -e /run/containerd ]]; then had_run_containerd=1; fi
cleanup() {
  set +e
  stop_dockerd
  local m
  # nothing may stay mounted under $work before it is removed (overlay2, netns files)
  awk -v w="$work" 'index($5, w) == 1 {print $5}' /proc/self/mountinfo | sort -r |
    while read -r m; do umount -l "$m"; done
  for m in /sys/fs/cgroup/*/"$cgparent" /sys/fs/cgroup/"$cgparent"; do
    [[ -d $m ]] && find "$m" -depth -type d -exec rmdir {} + 2>/dev/null
  done
  [[ -n $had_key ]] || rm -f /etc/docker/key.json
  [[ -n $had_run_containerd ]] || rmdir /run/containerd/s /run/containerd/runc/* \
    /run/containerd/runc /run/containerd 2>/dev/null
  if [[ -n ${KEEP:-} ]]; then log "kept $work"; else rm -rf --one-file-system "$work"; fi
}
trap cleanup EXIT

# ---- a private dockerd: unix socket only, no iptables, no bridge (this VM has neither to
# spare), cgroupfs (no systemd here; the host's cgroups are a v1/v2 hybrid, which 20.10's
# cgroupfs driver handles), its own data and exec roots and its own managed containerd.
export DOCKER_HOST=unix://$work/docker.sock DOCKER_CONFIG=$work/docker-config
start_dockerd() {
  mkdir -p "$work/docker/data" "$work/docker/exec" "$DOCKER_CONFIG"
  dockerd --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false --bridge=none \
    --userland-proxy=false --storage-driver=overlay2 --exec-opt native.cgroupdriver=cgroupfs \
    --cgroup-parent="/$cgparent" --log-level=warn \
    --data-root "$work/docker/data" --exec-root "$work/docker/exec" \
    --pidfile "$work/docker/dockerd.pid" -H "$DOCKER_HOST" \
    >"$work/dockerd.log" 2>&1 </dev/null &
  dockerd_pid=$!
  for _ in $(seq 60); do
    "$docker" version >/dev/null 2>&1 && return 0
    kill -0 "$dockerd_pid" 2>/dev/null || break
    sleep 0.5
  done
  tail -20 "$work/dockerd.log" >&2
  die "dockerd did not come up (log above)"
}
# ours: pids of the processes whose command line names our exec root (built-ins only, so the
# search does not find itself)
ours() {
  local f
  local -a args
  for f in /proc/[0-9]*/cmdline; do
    mapfile -d '' -t args 2>/dev/null <"$f" || continue
    [[ "${args[*]}" == *"$work/docker/exec"* ]] && echo "${f:6:-8}"
  done
  return 0
}
stop_dockerd() {
  [[ -n $dockerd_pid ]] || return 0
  local cpid
  cpid=$(cat "$work/docker/exec/containerd/containerd.pid" 2>/dev/null || true)
  kill -TERM "$dockerd_pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$dockerd_pid" 2>/dev/null || true
  wait "$dockerd_pid" 2>/dev/null || true
  # its managed containerd exits with it; make sure, by its own pidfile only
  if [[ -n $cpid && "$(cat "/proc/$cpid/comm" 2>/dev/null)" == containerd ]]; then
    kill -TERM "$cpid" || true
    sleep 1
    kill -KILL "$cpid" 2>/dev/null || true
  fi
  # containerd's shims outlive it by a moment; wait for those of this containerd (their command
  # line names our exec root), then end any left, by pid
  local -a pids
  for _ in $(seq 25); do
    mapfile -t pids < <(ours)
    ((${#pids[@]})) || break
    sleep 0.2
  done
  if ((${#pids[@]})); then log "ending leftover shims: ${pids[*]}"; kill -KILL "${pids[@]}" 2>/dev/null || true; fi
  dockerd_pid=''
}

# ---- the probe: plain busybox sh, one `name=value` line per check, the same text everywhere.
# $1 is the host's hostname (compared, not printed).
probe=$(cat <<'EOF'
# try NAME CMD...: NAME=allowed, or NAME=refused (the error's last words)
try() {
  n=$1; shift
  if e=$("$@" 2>&1); then echo "$n=allowed"; else e=$(echo "$e" | tail -n 1); echo "$n=refused (${e##*: })"; fi
}
# masked NAME FILE: absent, masked (a character device, i.e. /dev/null), or readable
masked() {
  if [ ! -e "$2" ]; then echo "$1=absent"
  elif [ -c "$2" ]; then echo "$1=masked (char device, $(head -c 65536 "$2" 2>/dev/null | wc -c) bytes)"
  else echo "$1=readable ($(head -c 65536 "$2" 2>/dev/null | wc -c) bytes)"; fi
}
echo "pid=$$"
h=$(hostname)
if [ "$h" = "$1" ]; then echo "hostname=the host's"; else echo "hostname=${#h} chars, not the host's"; fi
echo "interfaces=$(awk -F: 'NR > 2 {gsub(/ /, "", $1); print $1}' /proc/net/dev | sort | xargs)"
awk '$1 ~ /^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp):$/ {sub(":", "", $1); print $1 "=" $2}' /proc/self/status
echo "uid_map=$(xargs < /proc/self/uid_map)"
# the glob and read are shell built-ins, so no helper process shows up
l=; n=0
for p in /proc/[0-9]*; do read -r c < "$p/comm" && l="$l ${p#/proc/}:$c" && n=$((n + 1)); done
echo "procs=$n (${l# })"
echo "mounts=$(awk '{print $5}' /proc/self/mountinfo | sort | xargs)"
echo "dev=$(ls /dev | xargs)"
try proc_sys_write sh -c 'echo probe > /proc/sys/kernel/domainname'
# the container's own loopback (network none), set to the MTU it has: harmless if allowed
mtu=$(cat /sys/class/net/lo/mtu)
try sys_write sh -c "echo $mtu > /sys/class/net/lo/mtu"
try proc_acpi_touch touch /proc/acpi/probe
try sys_firmware_touch touch /sys/firmware/probe
echo "sys_firmware_entries=$(ls /sys/firmware | wc -l)"
masked proc_kcore /proc/kcore
masked proc_timer_list /proc/timer_list
masked proc_keys /proc/keys
masked proc_interrupts /proc/interrupts
# 8:0 (sda) need not exist on the host: a devices cgroup refuses the open with "Operation not
# permitted", a missing disk with "No such device or address"
try mknod mknod /tmp/sda b 8 0
if [ -b /tmp/sda ]; then try mknod_open sh -c 'exec 3< /tmp/sda'; else echo "mknod_open=no node"; fi
try unshare_m unshare -m true
mkdir -p /mnt
try mount_tmpfs mount -t tmpfs none /mnt
# the shell's open fds, listed from a subshell so that the listing's own pipe or file is not
# among them; pipe:[inode] shown as pipe
( ls -l /proc/$$/fd ) > /tmp/fds
echo "fds=$(awk 'NR > 1 {t = $NF; sub(/:\[.*/, "", t); sub(/^\/dev\/pts\/.*/, "/dev/pts/N", t); print $(NF - 2) ":" t}' /tmp/fds | xargs)"
echo "umask=$(umask)"
echo "id=$(id)"
echo "cwd=$(pwd)"
echo "env=$(env | cut -d= -f1 | sort | xargs)"
EOF
)

# ---- running a command the same way in each runtime
store=$work/mydocker
image_tar=$work/busybox-docker.tar
cp "$build/test-images/busybox-docker.tar" "$image_tar" # the tests may rebuild theirs meanwhile
docker_image=''
bundle=$work/runc-bundle
commands=$work/commands.txt
: >"$commands"

# cmd_for RUNTIME FLAGS... -- ARGS...: sets `cmd` to the command line that runs ARGS
cmd_for() {
  local rt=$1
  shift
  local -a flags=()
  while [[ $1 != -- ]]; do flags+=("$1"); shift; done
  shift
  case $rt in
  docker) cmd=("$docker" run --rm --network=none --pull=never "${flags[@]}" "$docker_image" "$@") ;;
  mydocker) cmd=("$mydocker" --root "$store" run --isolation=pivot_root "${flags[@]}" "$image_tar" "$@") ;;
  runc) # runc takes the process from the bundle's config.json (jq 1.6 would take a -c given
    # with --args as its own option, so each argument is made a JSON string separately)
    local args a
    args=$(for a in "$@"; do printf '%s' "$a" | jq -Rs .; done | jq -sc .)
    jq --argjson args "$args" '.process.args = $args' "$bundle/spec.json" >"$bundle/config.json"
    cmd=("$runc" --root "$work/runc-state" run --bundle "$bundle" "mydocker-isolation-$$") ;;
  esac
}
# shq ARG: ARG quoted for a shell, in single quotes unless it needs none
shq() {
  if [[ $1 =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then printf '%s' "$1"; else printf "'%s'" "${1//\'/\'\\\'\'}"; fi
}
# record LABEL ARGS...: the command line in `cmd` (and for runc the ARGS it put into config.json)
# for the results file, with the probe and the temp dir named
record() {
  local a line="$1:"
  shift
  local -a shown=("${cmd[@]}")
  [[ ${cmd[0]} == "$runc" ]] && shown+=("# config.json process.args:" "$@")
  for a in "${shown[@]}"; do
    if [[ $a == "$probe" ]]; then line+=' "$PROBE"'; elif [[ $a == "#"* ]]; then line+=" $a"; else line+=" $(shq "$a")"; fi
  done
  echo "${line//$work/\$WORK}" >>"$commands"
}
# run_in RUNTIME OUT FLAGS... -- ARGS...: runs it (stdin /dev/null, stdout and stderr into one
# pipe, as `$(...)` would catch them, a terminal's \r dropped); OUT gets the output, OUT.rc the
# exit code, and the docker client's own WARNING lines go to $work/warnings
run_in() {
  local rt=$1 out=$2 rc=0
  shift 2
  cmd_for "$rt" "$@"
  "${cmd[@]}" </dev/null 2>&1 | tr -d '\r' >"$out.raw" || rc=$?
  grep '^WARNING:' "$out.raw" | sed "s|^|$rt: |" >>"$work/warnings" || true
  grep -v '^WARNING:' "$out.raw" >"$out" || true
  echo "$rc" >"$out.rc"
}

# ---- start and prepare everything
log "starting a private dockerd"
start_dockerd
docker_image=$("$docker" load -i "$image_tar" | sed -n 's/^Loaded image: //p' | head -1)
[[ -n $docker_image ]] || die "docker load gave no image"
# the runc bundle: the image's rootfs as docker exports it, and `runc spec`'s defaults
mkdir -p "$bundle/rootfs"
cid=$("$docker" create --network=none "$docker_image" true)
"$docker" export "$cid" | tar -xf - -C "$bundle/rootfs"
"$docker" rm "$cid" >/dev/null
(cd "$bundle" && "$runc" spec)
# not a terminal, the rootfs writable (as in docker and mydocker); everything else as generated
jq '.process.terminal = false | .root.readonly = false' "$bundle/config.json" >"$bundle/spec.json"
: >"$work/warnings"

runtimes=(docker mydocker runc)
log "probe in ${runtimes[*]}"
for rt in "${runtimes[@]}"; do
  run_in "$rt" "$work/probe.$rt" -- sh -c "$probe" probe "$(hostname)"
  record "probe, $rt" sh -c "$probe" probe "$(hostname)"
  grep -q '^pid=' "$work/probe.$rt" || { cat "$work/probe.$rt" >&2; die "no probe output from $rt"; }
done

# ---- the table: check, docker, mydocker, same?, runc (tab-separated; | escaped for markdown)
table=$work/table.tsv
: >"$table"
value() { sed -n "s/^$1=//p" "$2" | head -1; }
row() {
  local -a c=("${@//$'\t'/ }") # a tab in a value (e.g. "CapEff:<tab>0") would split the row
  printf '%s\t%s\t%s\t%s\t%s\n' "${c[0]}" "${c[1]}" "${c[2]}" "$([[ ${c[1]} == "${c[2]}" ]] && echo yes || echo NO)" \
    "${c[3]}" >>"$table"
}
# checks in probe order, the mount list summarised (the differences are listed below the table)
names=$(grep -Eo '^[A-Za-z_]+=' "$work/probe.docker" | tr -d = | awk '!seen[$0]++')
for name in $names; do
  d=$(value "$name" "$work/probe.docker")
  m=$(value "$name" "$work/probe.mydocker")
  r=$(value "$name" "$work/probe.runc")
  if [[ $name == mounts ]]; then
    for rt in "${runtimes[@]}"; do value mounts "$work/probe.$rt" | tr ' ' '\n' | sort >"$work/mounts.$rt"; done
    same=$([[ $d == "$m" ]] && echo "same list" || echo "see below")
    row mounts "$(wc -l <"$work/mounts.docker") ($same)" "$(wc -l <"$work/mounts.mydocker") ($same)" \
      "$(wc -l <"$work/mounts.runc")"
  else
    row "$name" "$d" "$m" "$r"
  fi
done

# ---- docker's run flags, in docker and mydocker
vol=$work/volume
mkdir -p "$vol"
# flag NAME HOOK FLAGS... -- ARGS...: one row; the cell is the output (lines joined by " / ")
# and the exit code when it is not 0; HOOK (or -) adds to it after each run
flag() {
  local name=$1 hook=$2 rt cell
  shift 2
  local -a cells=()
  for rt in docker mydocker; do
    rm -f "$vol"/*
    run_in "$rt" "$work/flag" "$@"
    record "$name, $rt"
    cell=$(awk 'NR > 1 {printf " / "} {printf "%s", $0}' "$work/flag")
    [[ $(cat "$work/flag.rc") == 0 ]] || cell+="${cell:+ }(exit $(cat "$work/flag.rc"))"
    [[ $hook == - ]] || cell+=$("$hook")
    cells+=("$cell")
  done
  row "$name" "${cells[0]}" "${cells[1]}" "-"
}
on_host() { if [[ -s $vol/probe ]]; then echo "; on the host: $(cat "$vol/probe")"; else echo "; not on the host"; fi; }
log "run flags in docker and mydocker"
flag "--memory 32m: 100 MB into a shell variable" - --memory 32m -- \
  sh -c 'x=$(head -c 100000000 /dev/zero | tr "\0" a)'
flag "--pids-limit 5: 8 background sleeps" - --pids-limit 5 -- \
  sh -c '( i=0; while [ $i -lt 8 ]; do sleep 30 & i=$((i + 1)); echo $i > /tmp/n; done ) 2> /tmp/err; read n < /tmp/n; read e < /tmp/err; echo "$n of 8 started; ${e:-no error}"'
flag "-u nobody id" - -u nobody -- id
flag "-e A=1 echo \$A" - -e A=1 -- sh -c 'echo $A'
flag "-w /new/dir pwd" - -w /new/dir -- pwd
flag "-v DIR:/data write" on_host -v "$vol:/data" -- sh -c 'echo written > /data/probe && echo ok'
flag "-v DIR:/data:ro write" - -v "$vol:/data:ro" -- touch /data/probe
flag "--read-only touch /x" - --read-only -- touch /x
flag "--entrypoint /bin/echo IMAGE hi" - --entrypoint /bin/echo -- hi
flag "-t: stdout a terminal?" - -t -- sh -c '[ -t 1 ] && echo tty || echo "no tty"'
flag "--init: /proc/1/comm" - --init -- cat /proc/1/comm
flag "--hostname probe-host" - --hostname probe-host -- hostname
flag "--cap-drop ALL: CapEff" - --cap-drop ALL -- sh -c 'grep CapEff /proc/self/status'
flag "--cap-add SYS_ADMIN: mount tmpfs" - --cap-add SYS_ADMIN -- sh -c 'mkdir -p /mnt && mount -t tmpfs none /mnt && echo mounted'
flag "--security-opt seccomp=unconfined: Seccomp" - --security-opt seccomp=unconfined -- \
  sh -c 'grep "^Seccomp:" /proc/self/status'

# ---- versions, while dockerd runs
v_mydocker=$("$mydocker" --version)
v_docker=$("$docker" version -f 'docker.io client {{.Client.Version}}, dockerd {{.Server.Version}}')
v_info=$("$docker" info -f '{{.Driver}} storage, {{.CgroupDriver}} cgroup driver, cgroup v{{.CgroupVersion}}, security options {{.SecurityOptions}}, default runtime {{.DefaultRuntime}}, init {{.InitBinary}}')
v_runc=$("$runc" --version | head -1)
v_containerd=$(containerd --version | cut -d' ' -f1,3)
stop_dockerd

# ---- the results
took=$((SECONDS - started))
md_cell() { echo "${1//|/\\|}"; }
out=$repo/bench/results/isolation-vs-docker-$(date -u +%Y-%m-%d).md
{
  echo "# mydocker --isolation=pivot_root beside docker run ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo
  echo "Machine: $(nproc) cores, kernel $(uname -r), cgroups: $(stat -fc %T /sys/fs/cgroup)" \
    "with v1 controllers$([[ -d /sys/fs/cgroup/unified ]] && echo ' and cgroup2 at /sys/fs/cgroup/unified')."
  echo "Versions: $v_mydocker; $v_docker ($v_info); $v_runc; $v_containerd."
  echo "dockerd: private, started by this script: \`--iptables=false --bridge=none --storage-driver=overlay2" \
    "--exec-opt native.cgroupdriver=cgroupfs\`, data, exec root and socket in a temp dir (\$WORK)."
  echo "Image: build/test-images/busybox-docker.tar (static busybox), \`docker load\`-ed as $docker_image."
  echo "Run time of the whole script: ${took}s."
  echo
  echo "Every command ran with stdin /dev/null, stdout and stderr into one pipe. Docker runs with" \
    "\`--network=none\` because mydocker's default network is none (loopback only). The runc column" \
    "is plain \`runc spec\` (rootfs made writable), i.e. the OCI defaults without Docker's" \
    "additions; it is not compared. \"same?\" compares docker and mydocker only."
  echo
  echo "Differences between docker and mydocker: $(awk -F'\t' '$4 == "NO" {printf "%s%s", sep, $1; sep = ", "}' "$table")."
  if command -v capsh >/dev/null; then
    echo
    echo "Capabilities: $(capsh --decode="$(value CapEff "$work/probe.docker")")."
  fi
  echo
  echo "| check | docker | mydocker | same? | runc spec |"
  echo "|---|---|---|---|---|"
  while IFS=$'\t' read -r c d m s r; do
    [[ $s == NO ]] && s='**no**'
    echo "| $(md_cell "$c") | $(md_cell "$d") | $(md_cell "$m") | $s | $(md_cell "$r") |"
  done <"$table"
  echo
  echo "Mount points only in docker: $(comm -23 "$work/mounts.docker" "$work/mounts.mydocker" | xargs)"
  echo
  echo "Mount points only in mydocker: $(comm -13 "$work/mounts.docker" "$work/mounts.mydocker" | xargs)"
  echo
  echo "Mount points in both: $(comm -12 "$work/mounts.docker" "$work/mounts.mydocker" | xargs)"
  echo
  echo "runc spec mount points: $(xargs <"$work/mounts.runc")"
  if [[ -s $work/warnings ]]; then
    echo
    echo "Warnings printed by the clients (left out of the cells):"
    echo
    sed 's/^/    /' "$work/warnings" | sort -u
  fi
  echo
  echo "## The probe (\$PROBE; \$1 is the host's hostname)"
  echo
  echo '```sh'
  echo "$probe"
  echo '```'
  echo
  echo "## The commands (\$WORK: the temp dir, removed at exit)"
  echo
  echo '```'
  cat "$commands"
  echo '```'
  echo
  echo "## Raw probe output"
  for rt in "${runtimes[@]}"; do
    echo
    echo "$rt (exit $(cat "$work/probe.$rt.rc")):"
    echo
    echo '```'
    cat "$work/probe.$rt"
    echo '```'
  done
} >"$out"

# stdout: the table (long cells cut), then the mount differences
{
  printf 'check\tdocker\tmydocker\tsame?\trunc spec\n'
  awk -F'\t' -v OFS='\t' '{for (i = 1; i <= NF; i++) if (length($i) > 60) $i = substr($i, 1, 57) "..."; print}' "$table"
} | column -t -s $'\t'
echo
echo "mount points only in docker:   $(comm -23 "$work/mounts.docker" "$work/mounts.mydocker" | xargs)"
echo "mount points only in mydocker: $(comm -13 "$work/mounts.docker" "$work/mounts.mydocker" | xargs)"
echo
echo "written to $out (${took}s)"
