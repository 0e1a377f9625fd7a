#!/usr/bin/env bash
# Installs what placesim needs, builds from scratch (Release, warnings as errors) and runs the
# whole test suite.
# Usage: bash scripts/test.sh            (build dir: build-test)
set -euo pipefail
cd "$(dirname "$0")/.."
PLACESIM_WITH_BROWSER=1 bash scripts/install-deps.sh
BUILD=${PLACESIM_BUILD_DIR:-build-test}
# Warnings are errors here (and so in CI, which runs this script): the tree stays warnings-clean.
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DPLACESIM_BUILD_BENCH=ON -DPLACESIM_WERROR=ON
cmake --build "$BUILD" -j "$(nproc)"
ctest --test-dir "$BUILD" --output-on-failure -j "$(nproc)" --timeout 900
