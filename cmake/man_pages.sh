#!/usr/bin/env bash
# man_pages.sh MYDOCKER OUT_DIR VERSION
# One man page for mydocker and one per subcommand (mydocker-run.1, mydocker-system-check.1),
# made by help2man from the built binary's own --help, so they cannot say other than it does.
set -euo pipefail
bin=$1 out=$2 version=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"
export COLUMNS=80  # the help's wrapping, whatever the building terminal

# The names under "Subcommands:" in a command's help (descriptions wrap on indented lines).
subcommands() {
  "$bin" "$@" --help | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1}'
}

# page NAME WORD...: the page of `mydocker WORD...`, then those of its subcommands. help2man
# runs one program, so a wrapper script stands for the subcommand.
page() {
  local name=$1
  shift
  printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$bin" "$*" >"$work/$name"
  chmod +x "$work/$name"
  local description
  description=$("$bin" "$@" --help | head -n 1)
  help2man --no-info --version-string="$version" --name="${description#mydocker: }" \
    --output="$out/$name.1" "$work/$name"
  local sub
  for sub in $(subcommands "$@"); do page "$name-$sub" "$@" "$sub"; done
}
page mydocker
