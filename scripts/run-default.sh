#!/usr/bin/env bash
# Installs what placesim needs, builds it (Release) and runs the default preset experiment,
# writing out/silo-vs-relational.h5 (5 replicates, common random numbers) and its HTML report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPLACESIM_BUILD_TESTS=OFF -DPLACESIM_BUILD_BENCH=OFF
cmake --build build -j "$(nproc)" --target placesim
mkdir -p out
./build/placesim run --preset silo-vs-relational --out out/silo-vs-relational.h5 --overwrite
./build/placesim report out/silo-vs-relational.h5 -o out/silo-vs-relational.html --overwrite
echo "report: out/silo-vs-relational.html"
