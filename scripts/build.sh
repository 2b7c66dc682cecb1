#!/usr/bin/env bash
# Configures and builds mydocker, its plugins and its tests into ./build (or $BUILD_DIR), with
# the extra cmake arguments in $CMAKE_FLAGS (split on spaces), e.g. -DMYDOCKER_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
# shellcheck disable=SC2086 # CMAKE_FLAGS is a list of arguments
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMYDOCKER_WERROR=ON \
  ${CMAKE_FLAGS:-} >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
