#pragma once
// The citizens' social network: households as cliques plus a spatially clustered
// Watts-Strogatz small world (a ring over citizens, who are ordered by neighbourhood and
// household, with a share of ties rewired, mostly within the neighbourhood). Stored as a
// Boost.Graph compressed_sparse_row_graph with both directions of every tie, for fast
// per-tick reads of neighbours.
#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
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

  // Neighbours of v, read straight from the CSR arrays (the per-tick hot path).
  std::span<const std::uint32_t> neighbours(std::uint32_t v) const {
    const auto& f = graph.m_forward;
    return {f.m_column.data() + f.m_rowstart[v], f.m_rowstart[v + 1] - f.m_rowstart[v]};
  }
  std::size_t bytes() const;
};

// Where people live, as the generator needs it: people are numbered so that every household
// and every neighbourhood is a contiguous range of ids.
struct SocialLayout {
  std::span<const std::uint32_t> household_begin;  // first person of each household (+ end)
  std::span<const std::uint32_t> area_begin;       // first person of each neighbourhood (+ end)
  std::span<const std::uint32_t> area_of;          // neighbourhood of each person
  std::size_t people() const { return area_of.size(); }
  std::size_t households() const { return household_begin.empty() ? 0 : household_begin.size() - 1; }
};

SocialNetwork build_social_network(const SocialLayout& place, const NetworkParams& p,
                                   std::uint64_t seed);

}  // namespace placesim
