#!/usr/bin/env bash
# The offline demo on a fresh Debian 12 machine, as root: installs what it needs, builds
# mydocker, builds a small busybox image locally with umoci and skopeo (no network pull), and
# runs containers from it.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(id -u) == 0 ]] || { echo "run as root: containers need namespaces" >&2; exit 1; }
scripts/install-deps.sh
scripts/build.sh
build=$(realpath -m "${BUILD_DIR:-build}")  # absolute: a bare relative path would name an image
cmake --build "$build" --target explorer >/dev/null
images=$build/test-images
tests/fixtures/make-images.sh "$images" "$build/fixtures/explorer" >/dev/null
mydocker=$build/bin/mydocker
root=$(mktemp -d /tmp/mydocker-demo.XXXXXX)
trap 'rm -rf "$root"' EXIT

show() { printf '\n$ %s\n' "$*"; "$@"; }
show "$mydocker" plugins
show "$mydocker" --root "$root" run --source=local --isolation=chroot \
  "docker-archive:$images/busybox-docker.tar" /bin/echo hey
show "$mydocker" --root "$root" run "oci:$images/busybox-oci:latest" /usr/local/bin/explorer mypid
show "$mydocker" --root "$root" run "$images/busybox-oci.tar" \
  /bin/sh -c 'echo "hello from $(hostname) as pid $$"; ls /'
show "$mydocker" --root "$root" run --hostname demo -u nobody -e GREETING=hi -w /tmp \
  "$images/busybox-oci" /bin/sh -c \
  'echo "$GREETING from $(hostname) as $(id -un) in $PWD"; grep -E "^(CapEff|Seccomp)" /proc/self/status; ls /dev'
set +e
show "$mydocker" --root "$root" run "$images/busybox-classic.tar" /bin/sh -c 'echo out; echo err >&2; exit 3'
echo "(exit status $?)"
show "$mydocker" --root "$root" run --memory 32m "$images/busybox-oci" \
  /bin/sh -c 'x=$(head -c 100000000 /dev/zero | tr "\0" a)'
echo "(exit status $?: killed by the OOM killer at the 32 MiB limit)"
