#pragma once
// The organisational network (Boost.Graph adjacency_list): service units, voluntary groups
// (one vertex per kind per neighbourhood) and workers, with trust and a count of
// collaborations on each edge. Edges between units and groups are created by working
// together (referrals, expert pulls, introductions) and their trust moves with how it went;
// system-health indicators are computed from this graph, never set.
#include <boost/graph/adjacency_list.hpp>

#include <cstdint>
#include <vector>

namespace placesim {

struct OrgVertex {
  std::uint8_t kind = 0;  // 0 unit, 1 group, 2 worker
  std::uint32_t id = 0;
};
struct OrgEdge {
  float trust = 0.5f;
  std::uint32_t collaborations = 0;
};
using OrgGraph =
    boost::adjacency_list<boost::setS, boost::vecS, boost::undirectedS, OrgVertex, OrgEdge>;

struct OrgHealth {
  double density = 0;      // share of possible unit-unit and unit-group ties that are active
  double mean_trust = 0;   // mean trust on active ties
  double group_reach = 0;  // share of voluntary groups tied to at least one unit
};

class OrgNetwork {
 public:
  void build(int units, std::size_t neighbourhoods, int group_kinds,
             const std::vector<std::uint8_t>& worker_unit);
  // Record a piece of joint work between two units, or a unit and a group, and move trust.
  void collaborate_units(int a, int b, float trust_delta);
  void collaborate_group(int unit, std::size_t nbhd, int kind, float trust_delta);
  void move_worker(std::uint32_t worker, int from_unit, int to_unit);
  // Trust on every existing unit-unit tie moves a share `rate` of the way to `target`
  // (relationships funded by a learning commissioner). Ties are visited in unit order.
  void relax_unit_trust(float target, float rate);
  OrgHealth health() const;
  // Trust on the tie between two units (or `fallback` if they have never worked together).
  float unit_trust(int a, int b, float fallback) const;
  const OrgGraph& graph() const { return g_; }

 private:
  OrgGraph::vertex_descriptor group_vertex(std::size_t nbhd, int kind) const;
  void touch(OrgGraph::vertex_descriptor a, OrgGraph::vertex_descriptor b, float delta);

  OrgGraph g_;
  int units_ = 0;
  int kinds_ = 0;
  std::size_t nbhds_ = 0;
};

}  // namespace placesim
