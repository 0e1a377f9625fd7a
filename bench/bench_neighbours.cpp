// How the support step reads neighbours, three ways over the same 10^6-citizen network, in the
// same run (docs/performance.md, "Neighbour access"): each person sums a value over their
// contacts, the loop of support_step on one thread.
//   Members:    the CSR graph's private arrays (m_forward.m_rowstart / m_column), as the code
//               read them before issue 9. Kept here only as the baseline of this comparison.
//   Adjacent:   SocialNetwork::neighbours, i.e. boost::adjacent_vertices (what the model uses).
//   OutEdges:   boost::out_edges and boost::target, the generic incidence-graph interface.
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "bench/bench_common.hpp"

namespace placesim::bench {
namespace {

constexpr std::int64_t kPeople = 1000000;

struct Inputs {
  const SocialNetwork& net;
  std::vector<float> value;    // read through the ties (wellbeing in support_step)
  std::vector<float> support;  // written, one per person
};

Inputs inputs() {
  const SocialNetwork& net = cached_model(kPeople).net;
  Inputs in{net, std::vector<float>(net.vertices()), std::vector<float>(net.vertices())};
  for (std::size_t i = 0; i < in.value.size(); ++i)
    in.value[i] = static_cast<float>((i * 2654435761u) % 1000) / 1000.0f;
  return in;
}

template <class SumOfNeighbours>
void time_sums(benchmark::State& st, SumOfNeighbours&& sum_of) {
  Inputs in = inputs();
  const auto n = static_cast<std::uint32_t>(in.net.vertices());
  for (auto _ : st) {
    for (std::uint32_t v = 0; v < n; ++v) in.support[v] = std::min(1.0f, sum_of(in, v) * 0.1f);
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(in.support.data());
  rate_counters(st, n);
}

void BM_NeighbourSumMembers(benchmark::State& st) {
  time_sums(st, [](const Inputs& in, std::uint32_t v) {
    // The accessor SocialNetwork::neighbours had before issue 9, verbatim.
    const auto& f = in.net.graph.m_forward;
    const std::span<const std::uint32_t> nv{f.m_column.data() + f.m_rowstart[v],
                                            f.m_rowstart[v + 1] - f.m_rowstart[v]};
    float s = 0;
    for (auto u : nv) s += in.value[u];
    return s;
  });
}

void BM_NeighbourSumAdjacent(benchmark::State& st) {
  time_sums(st, [](const Inputs& in, std::uint32_t v) {
    float s = 0;
    for (auto u : in.net.neighbours(v)) s += in.value[u];
    return s;
  });
}

void BM_NeighbourSumOutEdges(benchmark::State& st) {
  time_sums(st, [](const Inputs& in, std::uint32_t v) {
    float s = 0;
    for (const auto& e : boost::make_iterator_range(boost::out_edges(v, in.net.graph)))
      s += in.value[boost::target(e, in.net.graph)];
    return s;
  });
}

BENCHMARK(BM_NeighbourSumMembers)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NeighbourSumAdjacent)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NeighbourSumOutEdges)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace placesim::bench
