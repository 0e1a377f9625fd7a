#include "networks/network_stats.hpp"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/clustering_coefficient.hpp>
#include <boost/graph/visitors.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/rng.hpp"

namespace placesim {
namespace {

std::vector<std::uint32_t> pick(std::uint32_t n, std::uint32_t count, std::uint64_t seed,
                                std::uint32_t salt) {
  std::vector<std::uint32_t> out;
  if (count >= n) {
    out.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) out[i] = i;
    return out;
  }
  out.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i)
    out.push_back(Stream(seed, i, salt, Purpose::Sampling).below(n));
  return out;
}

}  // namespace

NetworkSummary summarise(const SocialNetwork& net, std::uint32_t samples, std::uint32_t sources,
                         std::uint64_t seed) {
  NetworkSummary s;
  const auto n = static_cast<std::uint32_t>(net.vertices());
  if (n == 0) return s;
  double sum = 0, sum2 = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    const auto d = static_cast<std::uint32_t>(net.neighbours(v).size());
    if (d >= s.degree_histogram.size()) s.degree_histogram.resize(d + 1, 0);
    ++s.degree_histogram[d];
    sum += d;
    sum2 += static_cast<double>(d) * d;
    s.max_degree = std::max(s.max_degree, d);
  }
  s.mean_degree = sum / n;
  s.sd_degree = std::sqrt(std::max(0.0, sum2 / n - s.mean_degree * s.mean_degree));

  // Every tie is stored in both directions, so Boost's directed count (ordered pairs of
  // neighbours joined, over k(k-1)) is the undirected local clustering coefficient.
  const auto cv = pick(n, samples, seed, 1);
  double c = 0;
  for (auto v : cv) c += boost::clustering_coefficient(net.graph, v);
  s.clustering = cv.empty() ? 0 : c / cv.size();

  // Breadth-first search with Boost.Graph's distance recorder from each sampled source.
  const auto sv = pick(n, sources, seed, 2);
  std::vector<std::uint32_t> dist(n);
  double total = 0, pairs = 0, reachable = 0;
  constexpr auto kUnreached = std::numeric_limits<std::uint32_t>::max();
  for (auto src : sv) {
    std::fill(dist.begin(), dist.end(), kUnreached);
    dist[src] = 0;
    boost::breadth_first_search(net.graph, src,
                                boost::visitor(boost::make_bfs_visitor(
                                    boost::record_distances(dist.data(), boost::on_tree_edge()))));
    for (std::uint32_t v = 0; v < n; ++v) {
      if (v == src) continue;
      pairs += 1;
      if (dist[v] != kUnreached) {
        total += dist[v];
        reachable += 1;
      }
    }
  }
  s.path_length = reachable > 0 ? total / reachable : 0;
  s.reachable_share = pairs > 0 ? reachable / pairs : 0;
  return s;
}

}  // namespace placesim
