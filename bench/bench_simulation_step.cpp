// One whole day, Simulation::step(): every phase as a run executes it, including observation
// and sampling, under the silo design (the default) and the relational design. Each case
// builds its Simulation outside the timed loop and times the same first kDaysTimed days.
#include "bench/bench_common.hpp"
#include "sim/simulation.hpp"

namespace placesim::bench {
namespace {

void time_days(benchmark::State& st, const Config& cfg) {
  Simulation sim(cfg);
  for (auto _ : st) sim.step();
  if (sim.state().tick != static_cast<std::uint32_t>(kDaysTimed))
    st.SkipWithError("timed a different number of days than kDaysTimed");
  rate_counters(st, sim.model().place.citizens());
  memory_counters(st, sim.model(), sim.state());
}

void BM_SimulationStep(benchmark::State& st) {
  Config cfg = bench_config(st.range(0));
  cfg.run.threads = st.range(1);
  time_days(st, cfg);
}
BENCHMARK(BM_SimulationStep)->Apply(sizes_and_threads)->Apply(same_days);

// The same day under the relational design: the team is every neighbourhood's front door.
void BM_SimulationStepRelational(benchmark::State& st) {
  Config cfg = bench_config(st.range(0));
  cfg.run.threads = st.range(1);
  cfg.relational.coverage = 1.0;
  time_days(st, cfg);
}
BENCHMARK(BM_SimulationStepRelational)->Apply(sizes_and_threads)->Apply(same_days);

}  // namespace
}  // namespace placesim::bench
