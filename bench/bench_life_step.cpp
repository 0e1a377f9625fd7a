// The life step (MODEL.md section 3, step 1) alone: needs, causes, shocks, crises.
#include "bench/bench_common.hpp"
#include "bench/kernel_reference.hpp"

namespace placesim::bench {
namespace {

void BM_LifeStep(benchmark::State& st) {
  const Model& m = cached_model(st.range(0));
  tbb::task_arena arena(static_cast<int>(st.range(1)));
  SimState s = initial_state(m, arena);
  for (auto _ : st) {
    arena.execute([&] {
      for_each_chunk(m, [&](const Chunk& ch) {
        life_step(m.life, m.place, s.citizens, s.new_crisis, s.tick, ch.begin, ch.end);
      });
    });
    ++s.tick;
  }
  benchmark::DoNotOptimize(s.citizens.wellbeing.data());
  rate_counters(st, m.place.citizens());
  memory_counters(st, m, s);
}
BENCHMARK(BM_LifeStep)->Apply(sizes_and_threads)->Apply(same_days);

// The plain one-citizen-at-a-time kernel the blocked one replaced, for the speed-up.
void BM_LifeStepReference(benchmark::State& st) {
  const Model& m = cached_model(st.range(0));
  tbb::task_arena arena(static_cast<int>(st.range(1)));
  SimState s = initial_state(m, arena);
  for (auto _ : st) {
    arena.execute([&] {
      for_each_chunk(m, [&](const Chunk& ch) {
        reference::life_step(m.life, m.place, s.citizens, s.new_crisis, s.tick, ch.begin, ch.end);
      });
    });
    ++s.tick;
  }
  benchmark::DoNotOptimize(s.citizens.wellbeing.data());
  rate_counters(st, m.place.citizens());
}
BENCHMARK(BM_LifeStepReference)->Apply(sizes_and_threads)->Apply(same_days);

}  // namespace
}  // namespace placesim::bench
