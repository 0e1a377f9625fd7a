#include "networks/social_network.hpp"

#include <oneapi/tbb/parallel_sort.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "core/rng.hpp"

namespace placesim {

SocialNetwork build_social_network(const SocialLayout& place, const NetworkParams& p,
                                   std::uint64_t seed) {
  const auto n = static_cast<std::uint32_t>(place.people());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  const auto k = static_cast<std::uint32_t>(p.ring_neighbours);
  edges.reserve(static_cast<std::size_t>(n) * (2 * k + 4));

  auto add = [&edges](std::uint32_t a, std::uint32_t b) {
    if (a == b) return;
    edges.emplace_back(a, b);
    edges.emplace_back(b, a);
  };

  // Households are cliques: everyone in a household knows everyone else in it.
  for (std::size_t h = 0; h < place.households(); ++h)
    for (auto a = place.household_begin[h]; a < place.household_begin[h + 1]; ++a)
      for (auto b = a + 1; b < place.household_begin[h + 1]; ++b) add(a, b);

  // Ring lattice with rewiring. Each draw is keyed by (citizen, j), so the network depends on
  // the seed and parameters only.
  if (n > 1) {
    for (std::uint32_t i = 0; i < n; ++i) {
      for (std::uint32_t j = 1; j <= k; ++j) {
        Stream s(seed, i, j, Purpose::NetworkRewire);
        std::uint32_t target = (i + j) % n;
        if (s.bernoulli(p.rewire_prob)) {
          const std::uint32_t nb = place.area_of[i];
          if (s.bernoulli(p.rewire_local_share)) {
            const std::uint32_t lo = place.area_begin[nb], hi = place.area_begin[nb + 1];
            target = lo + s.below(hi - lo);
          } else {
            target = s.below(n);
          }
        }
        add(i, target);
      }
    }
  }
  // A total order on pairs, so the sorted list (and hence the graph) is the same on any
  // number of threads.
  tbb::parallel_sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  edges.shrink_to_fit();

  // Passing the edge count lets Boost reserve the target array exactly; without it the array
  // grows by push_back, up to twice the memory it needs, which bytes() below (sizes read
  // through the graph API) would not count.
  SocialNetwork net{
      SocialGraph(boost::edges_are_sorted, edges.begin(), edges.end(), n, edges.size())};
  return net;
}

std::size_t SocialNetwork::bytes() const {
  return (boost::num_vertices(graph) + 1 + boost::num_edges(graph)) * sizeof(std::uint32_t);
}

bool operator==(const SocialNetwork& a, const SocialNetwork& b) {
  if (a.vertices() != b.vertices() || boost::num_edges(a.graph) != boost::num_edges(b.graph))
    return false;
  for (std::uint32_t v = 0; v < a.vertices(); ++v) {
    const auto x = a.neighbours(v), y = b.neighbours(v);
    if (!std::equal(x.begin(), x.end(), y.begin(), y.end())) return false;
  }
  return true;
}

}  // namespace placesim
