#pragma once
// Prevention (issue 10, item 5): proactive outreach that either design can fund,
// commissioning.outreach_hours_per_10k staff hours a day of visits to people who have not
// asked for help. The cost is O(visits), not O(citizens): each visit draws its neighbourhood
// (weighted by deprivation) and a resident of it from Stream(seed, visit, tick, OutreachVisit).
// A visit to someone with a need of at least commissioning.outreach_floor does preventive work
// with the worker mechanics every worker uses (agents/worker_mechanics); a visit to someone
// who needs nothing, or who is already in a service, is hours spent. A serial step after the
// units, in visit order: deterministic whatever the threads.
#include <cstdint>
#include <vector>

#include "agents/citizens.hpp"
#include "agents/place.hpp"
#include "agents/service_state.hpp"
#include "core/config.hpp"

namespace placesim {

struct PreventionDay {
  std::uint32_t visits = 0;     // outreach visits made
  std::uint32_t helped = 0;     // visits that did preventive work
  std::uint32_t known = 0;      // visits to someone with an open case (already in a service)
  std::uint32_t nothing = 0;    // visits to someone below the floor (nothing to prevent)
  std::uint32_t causes = 0;     // hidden causes understood
  std::uint32_t joins = 0;      // group memberships from an introduction
  double hours = 0;             // outreach staff hours, travel included
  double cost = 0;              // GBP
};

// An outreach visit uses the worker mechanics every worker uses (agents/worker_mechanics):
// a novice generalist, productivity 1, a first meeting with no information, an introduction
// in person (warmth 1).

// Cumulative weights of the neighbourhoods for drawing a visit: residents x
// ((1 - targeting) + targeting x deprivation / mean deprivation).
std::vector<double> outreach_weights(const Place& place, double targeting);

// One day of outreach. `carry` holds the fraction of a visit left from earlier days so the
// number of visits follows the hours exactly over time. Groups' room is respected.
PreventionDay outreach_day(const Config& cfg, std::uint64_t seed, std::uint32_t tick,
                           const Place& place, Citizens& c, Groups& groups, double& carry);

}  // namespace placesim
