#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang, in build-fuzz/) and runs each for a bounded time
# over a copy of its seed corpus, so fuzz/corpus/ is never changed. Inputs that crash, leak or
# time out are kept in build-fuzz/crashes/. Prints one line per target; exits non-zero if any
# target failed. See docs/fuzzing.md.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 20 s, every target)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
shift $(($# > 0 ? 1 : 0))
[[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] || { echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 2; }
build=${FUZZ_BUILD_DIR:-build-fuzz}
build=$(mkdir -p "$build" && cd "$build" && pwd)

mapfile -t all_targets < <(ls fuzz/corpus)
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ -d fuzz/corpus/$t ]] || { echo "unknown target $t (have: ${all_targets[*]})" >&2; exit 2; }
done

# Longest input per target: enough for the seeds to grow, small enough to keep runs fast.
max_len_of() {
  case $1 in
    local_archive | layer_unpack) echo 65536 ;;
    image_model | local_metadata | settings | docker_credentials | registry_response) echo 8192 ;;
    *) echo 1024 ;;
  esac
}

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
CC=clang CXX=clang++ cmake -S . -B "$build" -DMYDOCKER_FUZZ=ON -DMYDOCKER_TESTS=OFF \
  -DMYDOCKER_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
cmake --build "$build" -j"${FUZZ_BUILD_JOBS:-2}" --target fuzz_targets >/dev/null

mkdir -p "$build/crashes"
failed=0
for t in "${targets[@]}"; do
  if [[ $t == layer_unpack && $(id -u) != 0 ]]; then
    printf '%-20s skipped: needs root (owners, whiteout devices, trusted.* xattrs)\n' "$t"
    continue
  fi
  work=$build/fuzz-run/$t
  rm -rf "$work"
  mkdir -p "$work/corpus"
  cp fuzz/corpus/"$t"/* "$work/corpus/"
  status=0
  # -max_total_time ends the run; the outer timeout is only a guard should libFuzzer hang.
  (cd "$work" && timeout -k 10 $((seconds + 120)) "$build/bin/fuzz_$t" \
    -max_total_time="$seconds" -max_len="$(max_len_of "$t")" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$build/crashes/$t-" corpus >log 2>&1) || status=$?
  execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$work/log")
  cov=$(grep -o 'cov: [0-9]*' "$work/log" | tail -n1 || true)
  if ((status == 0)); then
    result="ok, ${cov:-cov: ?}, corpus $(ls "$work/corpus" | wc -l) inputs"
  else
    failed=1
    found=$(grep -o -m1 -E "Assertion '.*' failed|runtime error: .*|fuzz: property broken: .*|ERROR: [A-Za-z]+: [a-z -]+" \
      "$work/log" | head -n1 || true)
    artifact=$(grep -o -m1 'Test unit written to .*' "$work/log" | sed 's/Test unit written to //' || true)
    result="FAILED (exit $status): ${found:-see $work/log} ${artifact:+-> $artifact}"
  fi
  printf '%-20s %10s execs  %s\n' "$t" "${execs:-?}" "$result"
done
exit "$failed"
