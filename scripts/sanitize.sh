#!/usr/bin/env bash
# Builds placesim with a sanitizer into its own directory and runs the fast tests under it.
# Usage: bash scripts/sanitize.sh [address|thread|all|unit]      (default: all)
#   address: AddressSanitizer + UndefinedBehaviorSanitizer, CMake preset `asan`, build-asan/
#   thread:  ThreadSanitizer, CMake preset `tsan`, build-tsan/
#   unit:    what CI runs (.ci/run): ASan + UBSan, only the library and the Catch2 unit tests
#            (ctest -L unit), CMake preset `asan-unit`, build-asan-unit/. Quiet on success (one
#            line); on failure it prints the end of the log, which is kept in build-asan-unit/.
# "Fast tests" are the ctest suite without the `slow` label (ctest -LE slow). Extra arguments
# after the sanitizer name go to ctest, e.g. `bash scripts/sanitize.sh thread -R unit`.
# Exit status is non-zero if a build fails or any test fails or reports a sanitizer error.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
which=${1:-all}
shift || true
JOBS=${PLACESIM_JOBS:-2}

# halt_on_error / abort: a report fails its test instead of scrolling past.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$ROOT/scripts/tsan.supp"

run_one() {
  local preset=$1
  shift
  echo "== sanitize: configure and build preset '$preset' (build-$preset)"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$JOBS"
  echo "== sanitize: fast tests under $preset"
  ctest --test-dir "build-$preset" --output-on-failure -LE slow -j "$JOBS" --timeout 1200 "$@"
}

# The CI job: rebuilds only what changed (safe to rerun), prints one line when all is well.
run_unit() {
  local dir=build-asan-unit log=build-asan-unit/sanitize-unit.log
  mkdir -p "$dir"
  local start=$SECONDS
  if ! { cmake --preset asan-unit && cmake --build --preset asan-unit -j "$JOBS" &&
         ctest --test-dir "$dir" --output-on-failure -L unit -j "$JOBS" --timeout 1200 "$@"; } \
       >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "sanitize unit: FAILED under ASan + UBSan (full log: $log)" >&2
    return 1
  fi
  echo "sanitize unit: unit tests pass under ASan + UBSan ($((SECONDS - start)) s, log: $log)"
}

case "$which" in
  address) run_one asan "$@" ;;
  unit) run_unit "$@" ;;
  thread) run_one tsan "$@" ;;
  all)
    run_one asan "$@"
    run_one tsan "$@"
    ;;
  *)
    echo "usage: $0 [address|thread|all|unit] [ctest arguments...]" >&2
    exit 2
    ;;
esac
