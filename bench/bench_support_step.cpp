// The social support step: each citizen reads last tick's wellbeing of their contacts through
// the CSR network, the one phase whose reads are not local to the citizen.
#include "bench/bench_common.hpp"

namespace placesim::bench {
namespace {

void BM_SupportStep(benchmark::State& st) {
  const Model& m = cached_model(st.range(0));
  tbb::task_arena arena(static_cast<int>(st.range(1)));
  SimState s = initial_state(m, arena);
  for (auto _ : st) {
    arena.execute([&] {
      for_each_chunk(
          m, [&](const Chunk& ch) { support_step(m.life, m.net, s.citizens, ch.begin, ch.end); });
    });
  }
  benchmark::DoNotOptimize(s.citizens.support.data());
  rate_counters(st, m.place.citizens());
  st.counters["ties_per_citizen"] =
      2.0 * static_cast<double>(m.net.ties()) / static_cast<double>(m.place.citizens());
}
BENCHMARK(BM_SupportStep)->Apply(sizes_and_threads);

}  // namespace
}  // namespace placesim::bench
