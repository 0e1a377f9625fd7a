#!/usr/bin/env bash
# Builds placesim with a sanitizer into its own directory and runs the fast tests under it.
# Usage: bash scripts/sanitize.sh [address|thread|all]      (default: all)
#   address: AddressSanitizer + UndefinedBehaviorSanitizer, CMake preset `asan`, build-asan/
#   thread:  ThreadSanitizer, CMake preset `tsan`, build-tsan/
# "Fast tests" are the ctest suite without the `slow` label (ctest -LE slow). Extra arguments
# after the sanitizer name go to ctest, e.g. `bash scripts/sanitize.sh thread -R unit`.
# Exit status is non-zero if a build fails or any test fails or reports a sanitizer error.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
which=${1:-all}
shift || true
JOBS=${PLACESIM_JOBS:-2}

run_one() {
  local preset=$1
  shift
  echo "== sanitize: configure and build preset '$preset' (build-$preset)"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$JOBS"
  echo "== sanitize: fast tests under $preset"
  # halt_on_error / abort: a report fails its test instead of scrolling past.
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
  TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$ROOT/scripts/tsan.supp" \
    ctest --test-dir "build-$preset" --output-on-failure -LE slow -j "$JOBS" --timeout 1200 "$@"
}

case "$which" in
  address) run_one asan "$@" ;;
  thread) run_one tsan "$@" ;;
  all)
    run_one asan "$@"
    run_one tsan "$@"
    ;;
  *)
    echo "usage: $0 [address|thread|all] [ctest arguments...]" >&2
    exit 2
    ;;
esac
