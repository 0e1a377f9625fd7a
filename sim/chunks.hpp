#pragma once
// The one parallel loop over a model's chunks. Simulation::step and the kernel benchmarks both
// use it, so a benchmark times the loop a run executes (not a copy that could drift from it).
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <cstddef>

#include "sim/model.hpp"

namespace placesim {

// Calls f(chunk) once for every chunk of m, on the threads of the calling task arena. Chunks
// never share a citizen, so f may write its own chunk's citizens without synchronisation.
template <class F>
void for_each_chunk(const Model& m, F&& f) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, m.chunks.size()),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t k = r.begin(); k < r.end(); ++k) f(m.chunks[k]);
                    });
}

}  // namespace placesim
