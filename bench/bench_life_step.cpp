#include <benchmark/benchmark.h>

#include "sim/simulation.hpp"

using namespace placesim;

static void BM_Tick(benchmark::State& st) {
  Config cfg;
  cfg.place.citizens = st.range(0);
  cfg.place.neighbourhoods = 20;
  cfg.run.threads = st.range(1);
  Simulation sim(cfg);
  for (auto _ : st) sim.step();
  st.SetItemsProcessed(st.iterations() * cfg.place.citizens);
}
BENCHMARK(BM_Tick)->Args({100000, 1})->Unit(benchmark::kMillisecond);
