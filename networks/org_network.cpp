#include "networks/org_network.hpp"

#include <algorithm>

namespace placesim {

void OrgNetwork::build(int units, std::size_t neighbourhoods, int group_kinds,
                       const std::vector<std::uint8_t>& worker_unit) {
  units_ = units;
  kinds_ = group_kinds;
  nbhds_ = neighbourhoods;
  const std::size_t groups = neighbourhoods * static_cast<std::size_t>(group_kinds);
  g_ = OrgGraph(static_cast<std::size_t>(units) + groups + worker_unit.size());
  for (int u = 0; u < units; ++u) g_[u] = {0, static_cast<std::uint32_t>(u)};
  for (std::size_t k = 0; k < groups; ++k) g_[units + k] = {1, static_cast<std::uint32_t>(k)};
  for (std::size_t w = 0; w < worker_unit.size(); ++w) {
    const auto v = units + groups + w;
    g_[v] = {2, static_cast<std::uint32_t>(w)};
    boost::add_edge(v, worker_unit[w], OrgEdge{0.5f, 0}, g_);
  }
}

OrgGraph::vertex_descriptor OrgNetwork::group_vertex(std::size_t nbhd, int kind) const {
  return static_cast<std::size_t>(units_) + nbhd * static_cast<std::size_t>(kinds_) +
         static_cast<std::size_t>(kind);
}

void OrgNetwork::touch(OrgGraph::vertex_descriptor a, OrgGraph::vertex_descriptor b, float delta) {
  if (a == b) return;
  auto [e, exists] = boost::edge(a, b, g_);
  if (!exists) e = boost::add_edge(a, b, OrgEdge{0.5f, 0}, g_).first;
  OrgEdge& p = g_[e];
  ++p.collaborations;
  p.trust = std::clamp(p.trust + delta, 0.0f, 1.0f);
}

void OrgNetwork::collaborate_units(int a, int b, float trust_delta) {
  touch(static_cast<std::size_t>(a), static_cast<std::size_t>(b), trust_delta);
}

float OrgNetwork::unit_trust(int a, int b, float fallback) const {
  const auto e = boost::edge(static_cast<std::size_t>(a), static_cast<std::size_t>(b), g_);
  return e.second ? g_[e.first].trust : fallback;
}

void OrgNetwork::collaborate_group(int unit, std::size_t nbhd, int kind, float trust_delta) {
  touch(static_cast<std::size_t>(unit), group_vertex(nbhd, kind), trust_delta);
}

void OrgNetwork::move_worker(std::uint32_t worker, int from_unit, int to_unit) {
  const auto v =
      static_cast<std::size_t>(units_) + nbhds_ * static_cast<std::size_t>(kinds_) + worker;
  boost::remove_edge(v, static_cast<std::size_t>(from_unit), g_);
  boost::add_edge(v, static_cast<std::size_t>(to_unit), OrgEdge{0.5f, 0}, g_);
}

void OrgNetwork::relax_unit_trust(float target, float rate) {
  for (int a = 0; a < units_; ++a)
    for (int b = a + 1; b < units_; ++b) {
      const auto e = boost::edge(static_cast<std::size_t>(a), static_cast<std::size_t>(b), g_);
      if (e.second) g_[e.first].trust += rate * (target - g_[e.first].trust);
    }
}

OrgHealth OrgNetwork::health() const {
  OrgHealth h;
  std::size_t active = 0;
  double trust = 0;
  std::vector<std::uint8_t> reached(nbhds_ * static_cast<std::size_t>(kinds_), 0);
  for (auto [it, end] = boost::edges(g_); it != end; ++it) {
    const auto a = boost::source(*it, g_), b = boost::target(*it, g_);
    const OrgVertex &va = g_[a], &vb = g_[b];
    if (va.kind == 2 || vb.kind == 2) continue;  // membership ties are not collaboration
    if (g_[*it].collaborations == 0) continue;
    ++active;
    trust += g_[*it].trust;
    if (va.kind == 1) reached[va.id] = 1;
    if (vb.kind == 1) reached[vb.id] = 1;
  }
  const double u = units_;
  const double groups = static_cast<double>(reached.size());
  const double possible = u * (u - 1) / 2 + u * groups;
  h.density = possible > 0 ? static_cast<double>(active) / possible : 0;
  h.mean_trust = active > 0 ? trust / static_cast<double>(active) : 0;
  std::size_t r = 0;
  for (auto x : reached) r += x;
  h.group_reach = groups > 0 ? static_cast<double>(r) / groups : 0;
  return h;
}

}  // namespace placesim
