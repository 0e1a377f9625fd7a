#pragma once
// Shared set-up for the kernel benchmarks: a Model per population size, built once per process
// (the 10^6 network takes seconds to generate) and shared by the 1- and 2-thread cases, plus
// a freshly initialised SimState per benchmark so each case starts from the same day-0 state.
#include <benchmark/benchmark.h>

#include <oneapi/tbb/task_arena.h>

#include <cstdint>
#include <map>
#include <memory>

#include "sim/chunks.hpp"
#include "sim/model.hpp"
#include "sim/state.hpp"

namespace placesim::bench {

inline Config bench_config(std::int64_t citizens) {
  Config cfg;
  cfg.place.citizens = citizens;
  return cfg;
}

inline const Model& cached_model(std::int64_t citizens) {
  static std::map<std::int64_t, std::unique_ptr<Model>> cache;
  auto& m = cache[citizens];
  if (!m) m = std::make_unique<Model>(build_model(bench_config(citizens)));
  return *m;
}

inline SimState initial_state(const Model& m, tbb::task_arena& arena) {
  SimState s;
  s.citizens.resize(m.place.citizens());
  s.new_crisis.assign(m.place.citizens(), 0);
  arena.execute([&] {
    for_each_chunk(
        m, [&](const Chunk& ch) { init_citizens(m.cfg, m.place, s.citizens, ch.begin, ch.end); });
    for_each_chunk(
        m, [&](const Chunk& ch) { support_step(m.life, m.net, s.citizens, ch.begin, ch.end); });
  });
  return s;
}

// Bytes per citizen, reported as separate counters: the citizens' own arrays, the place's
// per-citizen index arrays plus per-tick scratch, and the social network (CSR).
inline void memory_counters(benchmark::State& st, const Model& m, const SimState& s) {
  const double n = static_cast<double>(m.place.citizens());
  const auto vbytes = [](const auto& v) {
    return static_cast<double>(v.capacity() * sizeof(v[0]));
  };
  st.counters["citizen_B"] = static_cast<double>(s.citizens.bytes()) / n;
  st.counters["place_scratch_B"] =
      (vbytes(m.place.household_of) + vbytes(m.place.nbhd_of) + vbytes(s.new_crisis)) / n;
  st.counters["network_B"] = static_cast<double>(m.net.bytes()) / n;
}

// Citizen-ticks per second (items/s) and its inverse, seconds per citizen-tick.
inline void rate_counters(benchmark::State& st, std::size_t citizens) {
  const auto items =
      static_cast<std::int64_t>(st.iterations()) * static_cast<std::int64_t>(citizens);
  st.SetItemsProcessed(items);
  st.counters["s_per_ctick"] = benchmark::Counter(
      static_cast<double>(citizens),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// Kernels that advance the simulated day (the life step, the whole Simulation::step) run a
// fixed number of iterations, each case from a fresh day-0 state built outside the timing, so
// every case (1 or 2 threads, either design) times the same days 0 .. kDaysTimed - 1. Left to
// itself Google Benchmark picks the iteration count per case, and the faster case would go on
// to later days with different crises and service load.
inline constexpr std::int64_t kDaysTimed = 30;

inline void same_days(benchmark::internal::Benchmark* b) { b->Iterations(kDaysTimed); }

// Arguments: citizens in {10^4, 10^5, 10^6} x threads in {1, 2}. Wall-clock time, because the
// work is spread over threads other than the one Google Benchmark times.
inline void sizes_and_threads(benchmark::internal::Benchmark* b) {
  b->ArgNames({"citizens", "threads"});
  for (std::int64_t n : {10000, 100000, 1000000})
    for (std::int64_t t : {1, 2}) b->Args({n, t});
  b->UseRealTime()->Unit(benchmark::kMillisecond);
}

}  // namespace placesim::bench
