#pragma once
// What a unit's daily rule may read and write during the parallel service phase: read-only
// citizens and config, its own workers and cases (disjoint between units), and its own
// UnitState (outbox of messages, tallies).
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "agents/citizens.hpp"
#include "agents/service_state.hpp"
#include "core/config.hpp"
#include "core/rng.hpp"
#include "networks/org_network.hpp"

namespace placesim {

struct UnitContext {
  const Config& cfg;
  std::uint64_t seed;
  std::uint32_t tick;
  const Citizens& citizens;
  Cases& cases;
  Workers& workers;
  const std::vector<std::uint32_t>& staff;  // this unit's worker ids, ascending
  double team_experience;                    // mean experience of the team, for immersion
  std::array<std::size_t, kUnits> staffed;   // workers in post per unit today
  const OrgNetwork& org;                     // read-only during the parallel phase (tie trust)
};

// Draws for unit work are keyed by the citizen and a purpose that includes the unit, so two
// units working with one person on one day never share a draw.
inline Stream unit_stream(const UnitContext& cx, std::uint32_t citizen, Purpose p, int unit) {
  return Stream(cx.seed, citizen, cx.tick,
                static_cast<Purpose>(static_cast<std::uint32_t>(p) + (static_cast<std::uint32_t>(unit) << 12)));
}

// The worker of this unit with the most hours left today that can take `hours` more
// (and has caseload below `max_caseload`); ties go to the lowest id. -1 if none.
std::int32_t pick_worker(const UnitContext& cx, double hours, std::uint32_t max_caseload);

// Whether worker w can start a task of `hours` today: at least mechanics.task_start_share of it
// fits in what is left of the day. The rest is worked tomorrow (the day's hours go negative and
// the next day starts that much shorter), so work runs over days, as it does, and a unit can
// run near full utilisation instead of leaving every gap smaller than a whole task idle.
inline bool fits_today(const UnitContext& cx, std::int32_t w, double hours) {
  return cx.workers.hours_left[w] > 1e-6f &&
         cx.workers.hours_left[w] + 1e-6f >= cx.cfg.mechanics.task_start_share * hours;
}

// Spend hours of a worker on an activity, tallying the unit's day.
inline void spend(UnitContext& cx, UnitState& us, std::int32_t w, Activity a, double h) {
  cx.workers.hours_left[w] -= static_cast<float>(h);
  us.day.hours[a] += h;
}

inline void emit(UnitState& us, std::uint32_t citizen, MsgKind k, int domain, int unit, double v) {
  us.outbox.push_back({citizen, k, static_cast<std::uint8_t>(domain), static_cast<std::uint8_t>(unit),
                       static_cast<float>(v)});
}

void close_case(UnitContext& cx, UnitState& us, std::uint32_t id, Outcome outcome,
                std::uint8_t domains, bool resolved);

// Remove the cases closed today from the unit's active list, keeping the order of the rest.
void drop_closed(const Cases& k, UnitState& us);

// The person's largest need.
inline float largest_need(const Citizens& c, std::uint32_t i) {
  float top = 0;
  for (int d = 0; d < kDomains; ++d) top = std::max(top, c.need[d][i]);
  return top;
}

// The daily rule of each kind of unit. Departments and the team share one rule-driven day
// (agents/design_day.cpp); they differ only by the DesignRules they pass.
void design_day(UnitContext& cx, UnitState& us, int unit, const DesignRules& rules);
// Expert time pulled into another unit's case: this unit's skill, the asking unit's rules.
void serve_pulls(UnitContext& cx, UnitState& us, int unit);
void front_door_day(UnitContext& cx, UnitState& us);
void department_day(UnitContext& cx, UnitState& us, int unit);
void team_day(UnitContext& cx, UnitState& us);

// Which voluntary group suits a need in a domain (connection by default).
constexpr GroupKind group_for(int domain) {
  return domain == Money ? GroupFoodMoney
                         : ((domain == Mental || domain == Substances) ? GroupPeer : GroupConnection);
}

}  // namespace placesim
