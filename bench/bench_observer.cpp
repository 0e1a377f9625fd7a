// The observer's per-tick reduction over all citizens (chunk partials combined in order).
#include "bench/bench_common.hpp"
#include "sim/observer.hpp"

namespace placesim::bench {
namespace {

void BM_Observe(benchmark::State& st) {
  const Model& m = cached_model(st.range(0));
  tbb::task_arena arena(static_cast<int>(st.range(1)));
  SimState s = initial_state(m, arena);
  Recorder rec;
  Observer obs(m, rec);
  for (auto _ : st) {
    arena.execute([&] { obs.observe(m, s, rec); });
  }
  benchmark::DoNotOptimize(rec.ticks.data());
  rate_counters(st, m.place.citizens());
}
BENCHMARK(BM_Observe)->Apply(sizes_and_threads);

}  // namespace
}  // namespace placesim::bench
