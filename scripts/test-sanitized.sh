#!/usr/bin/env bash
# The test suite (unit and integration tests) built with AddressSanitizer and
# UndefinedBehaviorSanitizer (-DMYDOCKER_SANITIZE=ON) into ./build-asan, as root; run by
# scripts/test.sh after the normal suite. The sanitizers' options are the tests' ENVIRONMENT
# (cmake/sanitizers.cmake).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(id -u) == 0 ]] || { echo "run as root: the integration tests create namespaces" >&2; exit 1; }
flags=-DMYDOCKER_SANITIZE=ON
if command -v ccache >/dev/null; then
  flags+=" -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache"
fi
BUILD_DIR=build-asan CMAKE_FLAGS=$flags scripts/build.sh
cd build-asan
ctest --output-on-failure -j2 --timeout 300 -LE conformance </dev/null
