#pragma once
// Prevention (issue 10, item 5): proactive outreach that either design can fund,
// commissioning.outreach_hours_per_10k staff hours a day of visits to people who have not
// asked for help. The cost is O(visits), not O(citizens): each visit draws its neighbourhood
// (weighted by deprivation) and a resident of it from Stream(seed, visit, tick, OutreachVisit).
// A visit to someone with a need of at least commissioning.outreach_floor does preventive work
// with the same shape of mechanics every worker uses (see outreach_effect); a visit to someone
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

// Share of a need (or cause) removed by h hours of work at skill match m:
// 1 - exp(-a h m). The shape of the shared worker mechanics (agents/worker_mechanics, issue 10
// item 2); outreach keeps its own rate and match (commissioning.outreach_action_rate,
// outreach_match) until it is wired to those.
double outreach_effect(double rate, double hours, double match);

// Chance that h face-to-face hours uncover one hidden cause: 1 - exp(-u h) for a novice.
double outreach_uncover(double rate, double hours);

// Cumulative weights of the neighbourhoods for drawing a visit: residents x
// ((1 - targeting) + targeting x deprivation / mean deprivation).
std::vector<double> outreach_weights(const Place& place, double targeting);

// One day of outreach. `carry` holds the fraction of a visit left from earlier days so the
// number of visits follows the hours exactly over time. Groups' room is respected.
PreventionDay outreach_day(const Config& cfg, std::uint64_t seed, std::uint32_t tick,
                           const Place& place, Citizens& c, Groups& groups, double& carry);

}  // namespace placesim
