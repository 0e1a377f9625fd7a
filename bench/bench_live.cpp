// `placesim serve` (issue 12): one simulated week of both places of the default preset in
// lock-step (LiveSession::step_week plus the weekly JSON the page receives), on one core, at
// several sizes. The target: at the default classroom size (kLiveDefaultCitizens) both places
// together step at least 50 simulated days per second, so a year plays in under 10 seconds.
#include <benchmark/benchmark.h>

#include <memory>

#include "experiments/preset_registry.hpp"
#include "serve/live_session.hpp"

namespace placesim::bench {
namespace {

void BM_LiveWeek(benchmark::State& st) {
  const std::int64_t n = st.range(0);
  auto s = std::make_unique<LiveSession>(kDefaultPreset, n, n);
  s->step_week();  // past day 0's set-up effects
  std::int64_t days = 0;
  for (auto _ : st) {
    if (s->done()) {  // a run is 730 days: start a fresh one outside the timing
      st.PauseTiming();
      s = std::make_unique<LiveSession>(kDefaultPreset, n, n);
      st.ResumeTiming();
    }
    days += s->step_week();
    benchmark::DoNotOptimize(s->week_json());
  }
  st.counters["days_per_s"] =
      benchmark::Counter(static_cast<double>(days), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LiveWeek)->Arg(5000)->Arg(kLiveDefaultCitizens)->Arg(20000)->Arg(50000)
    ->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace placesim::bench
