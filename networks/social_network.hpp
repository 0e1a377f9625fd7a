#pragma once
// The citizens' social network: households as cliques plus a spatially clustered
// Watts-Strogatz small world (a ring over citizens, who are ordered by neighbourhood and
// household, with a share of ties rewired, mostly within the neighbourhood). Stored as a
// Boost.Graph compressed_sparse_row_graph with both directions of every tie, for fast
// per-tick reads of neighbours.
#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <iterator>
#include <span>

#include "core/config.hpp"

namespace placesim {

using SocialGraph =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                       boost::no_property, std::uint32_t, std::uint32_t>;

struct SocialNetwork {
  SocialGraph graph;

  std::size_t vertices() const { return boost::num_vertices(graph); }
  std::size_t ties() const { return boost::num_edges(graph) / 2; }  // undirected ties

  // Neighbours of v, sorted, through Boost.Graph's adjacent_vertices. The CSR graph's
  // adjacency iterators are contiguous, so the range is a span and the per-tick hot path
  // (support_step) reads a plain array. bench/bench_neighbours.cpp, same run, loaded machine:
  // no cost against reading the CSR arrays' members directly (ratio of medians 0.99 wall,
  // 0.98 CPU at 10^6 people; docs/performance.md, "Neighbour access").
  std::span<const std::uint32_t> neighbours(std::uint32_t v) const {
    const auto [first, last] = boost::adjacent_vertices(v, graph);
    return {first, last};
  }
  // Memory of the CSR arrays: one row start per vertex (plus one) and one target per edge
  // (build_social_network reserves them exactly, so size is capacity).
  std::size_t bytes() const;

  // Same vertices with the same neighbours (the graph, not how it was built).
  friend bool operator==(const SocialNetwork& a, const SocialNetwork& b);
};
static_assert(std::contiguous_iterator<SocialGraph::adjacency_iterator>,
              "SocialNetwork::neighbours returns a span over Boost's adjacency range");

// Where people live, as the generator needs it: people are numbered so that every household
// and every neighbourhood is a contiguous range of ids.
struct SocialLayout {
  std::span<const std::uint32_t> household_begin;  // first person of each household (+ end)
  std::span<const std::uint32_t> area_begin;       // first person of each neighbourhood (+ end)
  std::span<const std::uint32_t> area_of;          // neighbourhood of each person
  std::size_t people() const { return area_of.size(); }
  std::size_t households() const {
    return household_begin.empty() ? 0 : household_begin.size() - 1;
  }
};

SocialNetwork build_social_network(const SocialLayout& place, const NetworkParams& p,
                                   std::uint64_t seed);

}  // namespace placesim
