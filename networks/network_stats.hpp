#pragma once
// Summaries of a network, to check the generator against theory and to report structure.
#include <cstdint>
#include <vector>

#include "networks/social_network.hpp"

namespace placesim {

struct NetworkSummary {
  double mean_degree = 0;
  double sd_degree = 0;
  std::uint32_t max_degree = 0;
  std::vector<std::uint64_t> degree_histogram;  // [d] = vertices with degree d
  double clustering = 0;       // mean local clustering coefficient over sampled vertices
  double path_length = 0;      // mean shortest-path length from sampled sources (reachable pairs)
  double reachable_share = 0;  // share of (source, target) pairs connected
};

// Clustering is averaged over `samples` vertices and path length over BFS from `sources`
// vertices, both chosen by a seeded stream; pass samples >= n for the exact value.
NetworkSummary summarise(const SocialNetwork& net, std::uint32_t samples, std::uint32_t sources,
                         std::uint64_t seed);

}  // namespace placesim
