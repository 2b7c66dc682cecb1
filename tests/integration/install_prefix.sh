# shellcheck shell=bash
# Sourced by the tests of what `cmake --install` puts where a user finds it
# (install_docs_test.sh, sdk_examples_test.sh):
#   source install_prefix.sh BUILD_DIR NAME
# installs BUILD_DIR into $prefix inside $work, a temp dir named after NAME that goes away when
# the test exits, and defines fail MESSAGE, which ends the test with that message.
work=$(mktemp -d "/tmp/$2.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}

prefix=$work/prefix
cmake --install "$1" --prefix "$prefix" >/dev/null
