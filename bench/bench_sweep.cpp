// Sweep throughput: runs per minute of a small sweep with 1 and 2 workers (the whole thread
// budget of `placesim sweep --threads W`), writing every run's HDF5 file and the summary, as a
// user's sweep does. Figures are recorded in docs/sweeps.md.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "experiments/sweep.hpp"

namespace {

using namespace placesim;
namespace fs = std::filesystem;

// 8 runs of the default preset shrunk to a small town: 2 levels x 2 levels x 2 replicates.
const char* kSweep = R"(
[sweep]
name = "bench"
base = "silo-vs-relational"
replicates = 2
[set]
place.citizens = 2000
place.neighbourhoods = 5
run.days = 180
[factorial]
life.cause_push = [0.01, 0.03]
demand.trust_initial = [0.4, 0.8]
)";

void BM_SweepThroughput(benchmark::State& state) {
  const SweepPlan plan = plan_sweep(parse_sweep(kSweep, "bench_sweep.toml", "."));
  const fs::path dir =
      fs::temp_directory_path() / ("placesim_bench_sweep_" + std::to_string(::getpid()));
  SweepOptions opt;
  opt.threads = static_cast<int>(state.range(0));
  opt.overwrite = true;
  double seconds = 0;
  std::int64_t runs = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    const SweepReport rep = run_sweep(plan, dir.string(), opt);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    runs += rep.ran;
    if (rep.failed != 0) state.SkipWithError("a run of the benchmark sweep failed");
  }
  state.counters["runs"] = static_cast<double>(plan.runs.size());
  state.counters["runs_per_minute"] = seconds > 0 ? 60.0 * static_cast<double>(runs) / seconds : 0;
  std::error_code ec;
  fs::remove_all(dir, ec);
}

BENCHMARK(BM_SweepThroughput)
    ->ArgName("workers")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->MinTime(2.0);

}  // namespace
