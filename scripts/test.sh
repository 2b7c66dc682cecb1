#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine, as root: installs what it needs, builds,
# builds the test images with real tools, runs unit tests (no root needed) and integration
# tests (real namespaces, real images) under ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(id -u) == 0 ]] || { echo "run as root: the integration tests create namespaces" >&2; exit 1; }
scripts/install-deps.sh
scripts/build.sh
(cd "${BUILD_DIR:-build}" && ctest --output-on-failure -j"$(nproc)" --timeout 300 </dev/null)
scripts/test-sanitized.sh  # the same suite again, built with ASan and UBSan
scripts/fuzz.sh 10         # fuzz smoke: each fuzz target for 10 s over its seed corpus
