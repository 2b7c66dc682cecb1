#!/usr/bin/env bash
# sdk_examples_test.sh BUILD_DIR SOURCE_DIR IMAGES_DIR
#
# What a third-party plugin author does: install mydocker into a prefix, build the two example
# plugins out of tree against that installation only (CMake package, and pkg-config for a
# build without CMake), drop them in a plugin directory and use them. Fails with a message on
# the first thing a user would see go wrong.
set -euo pipefail
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd) images=$3
# shellcheck source=tests/integration/install_prefix.sh
source "$(dirname "${BASH_SOURCE[0]}")/install_prefix.sh" "$build" mydocker-sdk-test
for header in plugin.hpp image_source.hpp isolator.hpp types.hpp host.hpp; do
  [[ -f $prefix/include/mydocker/$header ]] || fail "the SDK header $header was not installed"
done

# Out of tree, with only the installed SDK: copies of the examples, so no relative path can
# reach back into the source tree, and a check of every include path the compiler got.
mkdir -p "$work/plugins"
for example in record-isolator dir-source; do
  cp -r "$src/examples/$example" "$work/$example"
  cmake -S "$work/$example" -B "$work/$example/build" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_CXX_FLAGS="-Wall -Wextra -Werror" >/dev/null ||
    fail "configuring the example $example against $prefix"
  cmake --build "$work/$example/build" >/dev/null || fail "building the example $example"
  if grep -q -- "$src" "$work/$example/build/compile_commands.json"; then
    fail "$example was compiled with a path into the source tree"
  fi
  cp "$work/$example/build/"*.so "$work/plugins/"
done

# pkg-config, for builds without CMake: the record isolator built by hand.
cflags=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags mydocker) ||
  fail "pkg-config does not know mydocker"
mkdir -p "$work/pc"
# shellcheck disable=SC2086 # cflags is a list of flags
g++ $cflags -fPIC -shared -Wl,--no-undefined -o "$work/pc/isolator-record.so" \
  "$work/record-isolator/record_isolator.cpp" || fail "building with pkg-config's flags"

mydocker=$prefix/bin/mydocker
store=$work/store
listing=$("$mydocker" --plugin-dir "$work/plugins" plugins)
grep -q "^isolator *record *1.0 *$work/plugins/isolator-record.so$" <<<"$listing" ||
  fail "mydocker plugins does not list the record isolator: $listing"
grep -q "^source *dir *1.0 *$work/plugins/source-dir.so$" <<<"$listing" ||
  fail "mydocker plugins does not list the dir source: $listing"
grep -q "^isolator *chroot .*$prefix/lib/mydocker/plugins/isolator-chroot.so$" <<<"$listing" ||
  fail "the installed mydocker does not find its own plugins: $listing"

# The dir source: a plain directory runs as an image.
rootfs=$work/rootfs
umoci unpack --image "$images/busybox-oci:latest" "$work/bundle" >/dev/null
mv "$work/bundle/rootfs" "$rootfs"
out=$("$mydocker" --root "$store" --plugin-dir "$work/plugins" run --source=dir "$rootfs" \
  /usr/local/bin/explorer cat /etc/image-name) || fail "run --source=dir failed"
[[ $out == busybox ]] || fail "run --source=dir printed '$out', not 'busybox'"

# The record isolator: what the core hands an isolator, from the image's config.
for plugins in "$work/plugins" "$work/pc"; do
  spec=$work/spec.json
  rm -f "$spec"
  out=$(MYDOCKER_RECORD_SPEC=$spec "$mydocker" --root "$store" --plugin-dir "$plugins" run \
    --isolation=record "$images/busybox-oci" explorer echo recorded) ||
    fail "run --isolation=record failed ($plugins)"
  [[ $out == recorded ]] || fail "the record isolator's command printed '$out'"
  [[ $(jq -c .args "$spec") == '["explorer","echo","recorded"]' ]] || fail "args: $(cat "$spec")"
  [[ $(jq -r .executable "$spec") == /usr/local/bin/explorer ]] || fail "executable: $(cat "$spec")"
  [[ $(jq -r .cwd "$spec") == /home ]] || fail "cwd (the image's WorkingDir): $(cat "$spec")"
  jq -e '.env | index("GREETING=hello")' "$spec" >/dev/null || fail "env: $(cat "$spec")"
  jq -e '.env | index("HOME=/root")' "$spec" >/dev/null || fail "env HOME: $(cat "$spec")"
done

# docker's run flags as the core passes them on: the user resolved from the image's passwd.
spec=$work/flags.json
MYDOCKER_RECORD_SPEC=$spec "$mydocker" --root "$store" --plugin-dir "$work/plugins" run \
  --isolation=record -u nobody --hostname h1 --memory 64m --pids-limit 9 --cpus 1.5 \
  --cap-add NET_ADMIN --cap-drop CHOWN --read-only --init --network=host \
  --security-opt seccomp=unconfined -e X=1 -w /tmp "$images/busybox-oci" explorer echo x >/dev/null ||
  fail "run --isolation=record with flags failed"
expect() {
  [[ $(jq -c "$1" "$spec") == "$2" ]] || fail "$1 is $(jq -c "$1" "$spec"), not $2"
}
expect '[.uid, .gid, .hostname, .cwd]' '[65534,65534,"h1","/tmp"]'
expect '.limits' '{"cpus":1.5,"memory_bytes":67108864,"pids":9}'
expect '[.cap_add, .cap_drop, .seccomp]' '[["NET_ADMIN"],["CHOWN"],false]'
expect '[.read_only_rootfs, .init, .tty, .network]' '[true,true,false,"host"]'
jq -e '.env | index("X=1") and index("HOME=/nonexistent")' "$spec" >/dev/null ||
  fail "env: $(cat "$spec")"

# A command missing from the image: 127 and a message naming it, through the plugin.
set +e
err=$("$mydocker" --root "$store" --plugin-dir "$work/plugins" run --isolation=record \
  "$images/busybox-oci" /no/such/command 2>&1 >/dev/null)
status=$?
set -e
[[ $status == 127 ]] || fail "a missing command exited $status, not 127: $err"
echo "ok: installed SDK, 2 examples built out of tree (CMake and pkg-config) and run"
