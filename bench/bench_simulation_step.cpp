// One whole day, Simulation::step(): every phase as a run executes it, including observation
// and sampling, under the silo design (the default) and the relational design. The Simulation
// is built once per case, outside the timed loop.
#include "bench/bench_common.hpp"
#include "sim/simulation.hpp"

namespace placesim::bench {
namespace {

void BM_SimulationStep(benchmark::State& st) {
  Config cfg = bench_config(st.range(0));
  cfg.run.threads = st.range(1);
  Simulation sim(cfg);
  for (auto _ : st) sim.step();
  rate_counters(st, sim.model().place.citizens());
  memory_counters(st, sim.model(), sim.state());
}
BENCHMARK(BM_SimulationStep)->Apply(sizes_and_threads);

// The same day under the relational design: the team is every neighbourhood's front door.
void BM_SimulationStepRelational(benchmark::State& st) {
  Config cfg = bench_config(st.range(0));
  cfg.run.threads = st.range(1);
  cfg.relational.coverage = 1.0;
  Simulation sim(cfg);
  for (auto _ : st) sim.step();
  rate_counters(st, sim.model().place.citizens());
  memory_counters(st, sim.model(), sim.state());
}
BENCHMARK(BM_SimulationStepRelational)->Apply(sizes_and_threads);

}  // namespace
}  // namespace placesim::bench
