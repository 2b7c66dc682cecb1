#!/usr/bin/env bash
# Configures and builds mydocker, its plugins and its tests into ./build (or $BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMYDOCKER_WERROR=ON >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
