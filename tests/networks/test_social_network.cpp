// The social network generator against Watts-Strogatz theory, and its structural invariants.
#include <catch2/catch.hpp>

#include <boost/graph/clustering_coefficient.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

#include "agents/place.hpp"
#include "core/config.hpp"
#include "networks/network_stats.hpp"
#include "networks/social_network.hpp"

using namespace placesim;

namespace {

struct Net {
  Place place;
  SocialNetwork net;
};

Net make(std::int64_t citizens, std::int64_t neighbourhoods, double household, std::int64_t k,
         double beta, double local_share, std::uint64_t seed) {
  PlaceParams pp;
  pp.citizens = citizens;
  pp.neighbourhoods = neighbourhoods;
  pp.mean_household_size = household;
  NetworkParams np;
  np.ring_neighbours = k;
  np.rewire_prob = beta;
  np.rewire_local_share = local_share;
  Net n;
  n.place = build_place(pp, seed);
  n.net = build_social_network(n.place.social_layout(), np, seed);
  return n;
}

// Clustering of a ring lattice where everyone is tied to the k nearest on each side.
double lattice_clustering(double k) { return 3.0 * (k - 1) / (2.0 * (2 * k - 1)); }

// A network from a list of undirected ties, stored both ways as the generator stores them.
SocialNetwork from_ties(std::uint32_t n,
                        std::vector<std::pair<std::uint32_t, std::uint32_t>> ties) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> both;
  for (auto [a, b] : ties) {
    both.emplace_back(a, b);
    both.emplace_back(b, a);
  }
  std::sort(both.begin(), both.end());
  return SocialNetwork{SocialGraph(boost::edges_are_sorted, both.begin(), both.end(), n)};
}

// Local clustering counted directly: the share of pairs of v's neighbours that are tied.
double counted_clustering(const SocialNetwork& net, std::uint32_t v) {
  const auto nv = net.neighbours(v);
  const std::size_t d = nv.size();
  if (d < 2) return 0.0;
  std::size_t links = 0;
  for (std::size_t a = 0; a < d; ++a) {
    const auto na = net.neighbours(nv[a]);
    for (std::size_t b = a + 1; b < d; ++b)
      if (std::binary_search(na.begin(), na.end(), nv[b])) ++links;
  }
  return 2.0 * static_cast<double>(links) / (static_cast<double>(d) * static_cast<double>(d - 1));
}

}  // namespace

TEST_CASE("with single-person households and no rewiring the network is the ring lattice",
          "[network]") {
  for (std::int64_t k : {1, 2, 3, 5}) {
    const Net n = make(3000, 6, 1.0, k, 0.0, 0.8, 11);
    REQUIRE(n.place.households() == n.place.citizens());
    const NetworkSummary s = summarise(n.net, 1u << 30, 1, 11);
    INFO("k = " << k);
    for (std::uint32_t v = 0; v < n.net.vertices(); ++v)
      REQUIRE(n.net.neighbours(v).size() == static_cast<std::size_t>(2 * k));
    CHECK(s.mean_degree == 2.0 * k);
    CHECK(s.sd_degree == 0.0);
    CHECK(n.net.ties() == static_cast<std::size_t>(3000 * k));
    CHECK(s.clustering == Approx(lattice_clustering(static_cast<double>(k))).epsilon(1e-12));
    // On a ring of n people the mean distance is about n / (4k).
    CHECK(s.path_length == Approx(3000.0 / (4.0 * k)).epsilon(0.01));
    CHECK(s.reachable_share == 1.0);
  }
}

TEST_CASE("rewired clustering follows Barrat and Weigt, C(0)(1 - beta)^3", "[network]") {
  // Rewiring to anyone in the place (local share 0) is the textbook model; with a ring of 20000
  // and k = 4 finite-size corrections are well under the tolerance.
  const std::int64_t k = 4;
  const double c0 = lattice_clustering(k);
  for (double beta : {0.05, 0.1, 0.2, 0.4}) {
    const Net n = make(20000, 10, 1.0, k, beta, 0.0, 5);
    const NetworkSummary s = summarise(n.net, 20000, 0, 5);
    const double expected = c0 * std::pow(1.0 - beta, 3);
    INFO("beta " << beta << ": clustering " << s.clustering << ", expected " << expected);
    CHECK(std::fabs(s.clustering - expected) < 0.02);
    // Rewiring moves ties, it does not make or lose them (except rare duplicates).
    CHECK(s.mean_degree == Approx(2.0 * k).margin(0.01));
  }
}

TEST_CASE("path length falls as the rewiring probability rises", "[network]") {
  std::vector<double> lengths;
  for (double beta : {0.0, 0.01, 0.05, 0.2, 1.0}) {
    const Net n = make(10000, 10, 1.0, 3, beta, 0.0, 8);
    const NetworkSummary s = summarise(n.net, 100, 8, 8);
    INFO("beta " << beta << ": path length " << s.path_length);
    CHECK(s.reachable_share > 0.99);
    lengths.push_back(s.path_length);
  }
  for (std::size_t i = 1; i < lengths.size(); ++i) CHECK(lengths[i] < lengths[i - 1]);
  // Fully random with mean degree 6: about ln(n) / ln(6), far below the lattice's n / 12.
  CHECK(lengths.back() < 2 * std::log(10000.0) / std::log(6.0));
}

TEST_CASE("the network is a function of the seed", "[network]") {
  const Net a = make(5000, 5, 2.3, 3, 0.1, 0.8, 42);
  const Net b = make(5000, 5, 2.3, 3, 0.1, 0.8, 42);
  const Net c = make(5000, 5, 2.3, 3, 0.1, 0.8, 43);
  CHECK(a.net == b.net);
  CHECK_FALSE(a.net == c.net);
}

TEST_CASE("ties are symmetric, sorted, without self-loops or duplicates", "[network]") {
  const Net n = make(6000, 6, 2.3, 3, 0.3, 0.8, 3);
  std::size_t directed = 0;
  for (std::uint32_t v = 0; v < n.net.vertices(); ++v) {
    const auto nv = n.net.neighbours(v);
    directed += nv.size();
    for (std::size_t j = 0; j < nv.size(); ++j) {
      REQUIRE(nv[j] != v);
      REQUIRE(nv[j] < n.net.vertices());
      if (j > 0) REQUIRE(nv[j] > nv[j - 1]);
      const auto back = n.net.neighbours(nv[j]);
      REQUIRE(std::binary_search(back.begin(), back.end(), v));
    }
  }
  CHECK(directed == 2 * n.net.ties());
}

TEST_CASE("members of a household all know each other", "[network]") {
  const Net n = make(4000, 4, 3.0, 2, 0.2, 0.8, 9);
  std::size_t multi = 0;
  for (std::size_t h = 0; h < n.place.households(); ++h) {
    const auto b = n.place.household_begin[h], e = n.place.household_begin[h + 1];
    if (e - b > 1) ++multi;
    for (auto x = b; x < e; ++x) {
      const auto nx = n.net.neighbours(x);
      for (auto y = b; y < e; ++y)
        if (x != y) REQUIRE(std::binary_search(nx.begin(), nx.end(), y));
    }
  }
  CHECK(multi > 100);
}

TEST_CASE("rewiring stays mostly inside the neighbourhood as configured", "[network]") {
  // With single-person households every tie is a ring tie; rewired ties stay local with
  // probability local_share, and a ring tie crosses a neighbourhood boundary only near it.
  const double beta = 0.5, local = 0.9;
  const Net n = make(20000, 10, 1.0, 3, beta, local, 4);
  double cross = 0, total = 0;
  for (std::uint32_t v = 0; v < n.net.vertices(); ++v)
    for (auto u : n.net.neighbours(v)) {
      total += 1;
      if (n.place.nbhd_of[u] != n.place.nbhd_of[v]) cross += 1;
    }
  // A tie rewired "anywhere" lands outside the neighbourhood 90% of the time (10 equal ones).
  const double expected = beta * (1 - local) * 0.9;
  CHECK(cross / total == Approx(expected).margin(0.01));
}

TEST_CASE("the degree histogram accounts for everyone", "[network]") {
  const Net n = make(5000, 5, 2.3, 3, 0.1, 0.8, 2);
  const NetworkSummary s = summarise(n.net, 500, 2, 2);
  const auto people =
      std::accumulate(s.degree_histogram.begin(), s.degree_histogram.end(), std::uint64_t{0});
  CHECK(people == 5000);
  double sum = 0;
  for (std::size_t d = 0; d < s.degree_histogram.size(); ++d)
    sum += d * static_cast<double>(s.degree_histogram[d]);
  CHECK(sum == 2.0 * n.net.ties());
  CHECK(s.mean_degree == Approx(sum / 5000));
  CHECK(s.degree_histogram.size() == s.max_degree + 1);
  CHECK(s.degree_histogram.back() > 0);
}

TEST_CASE("neighbours and equality read the graph through Boost.Graph", "[network]") {
  // 0-1-2 a triangle, 2-3 a pendant tie, 4 alone.
  const SocialNetwork g = from_ties(5, {{0, 1}, {1, 2}, {0, 2}, {2, 3}});
  CHECK(g.vertices() == 5);
  CHECK(g.ties() == 4);
  const auto n2 = g.neighbours(2);
  CHECK(std::vector<std::uint32_t>(n2.begin(), n2.end()) == std::vector<std::uint32_t>{0, 1, 3});
  CHECK(g.neighbours(4).empty());
  CHECK(g.bytes() == (5 + 1 + 8) * sizeof(std::uint32_t));
  CHECK(g == from_ties(5, {{2, 3}, {0, 2}, {1, 2}, {0, 1}}));
  CHECK_FALSE(g == from_ties(5, {{0, 1}, {1, 2}, {0, 2}, {2, 4}}));  // one tie moved
  CHECK_FALSE(g == from_ties(6, {{0, 1}, {1, 2}, {0, 2}, {2, 3}}));  // one more person
}

TEST_CASE("clustering (Boost.Graph's) is the share of tied pairs of neighbours", "[network]") {
  // Local clustering 1, 1, 1/3 (one tied pair of three), 0 (one neighbour), 0 (none).
  const SocialNetwork g = from_ties(5, {{0, 1}, {1, 2}, {0, 2}, {2, 3}});
  CHECK(summarise(g, 100, 0, 1).clustering == Approx((1.0 + 1.0 + 1.0 / 3.0) / 5.0));
  // On a generated network, bit for bit the direct count, vertex by vertex and on average.
  const Net n = make(3000, 3, 2.3, 3, 0.2, 0.8, 6);
  double sum = 0;
  for (std::uint32_t v = 0; v < n.net.vertices(); ++v) {
    const double c = counted_clustering(n.net, v);
    REQUIRE(boost::clustering_coefficient(n.net.graph, v) == c);
    sum += c;
  }
  CHECK(summarise(n.net, 1u << 30, 0, 6).clustering == sum / 3000.0);
}
