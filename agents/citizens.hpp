#pragma once
// Citizen state as structure-of-arrays, indexed by citizen id. Citizens are numbered so that
// members of a household are consecutive and households of a neighbourhood are consecutive;
// this keeps the social network's ties mostly local in memory.
#include <cstdint>
#include <vector>

#include "core/domains.hpp"

namespace placesim {

struct Citizens {
  std::size_t n = 0;

  // Needs and causes, domain-major (need[d][i]) so each domain is a contiguous array.
  PerDomain<std::vector<float>> need;
  PerDomain<std::vector<float>> cause;

  // Fixed traits (household and neighbourhood are structural and live in Place).
  std::vector<float> resilience;

  // Dynamic scalars.
  std::vector<float> trust;          // in services, 0-1
  std::vector<float> help_threshold; // need level at which the person asks for help
  std::vector<float> wellbeing;      // 1 - RMS(need), from the end of the last tick
  std::vector<float> support;        // social support 0-1 from the last tick
  std::vector<std::uint8_t> in_crisis;  // bit d set while domain d is in crisis
  std::vector<std::uint8_t> groups;     // bit g: member of voluntary group kind g

  // History counters.
  std::vector<std::uint32_t> crises;
  std::vector<std::uint16_t> contacts;
  std::vector<std::uint16_t> failure_contacts;
  std::vector<std::uint16_t> assessments;
  std::vector<std::uint16_t> referrals;
  std::vector<std::uint32_t> services_met;  // bit u: has met unit u
  std::vector<std::uint16_t> workers_met;
  std::vector<double> cost;                 // GBP attributed to the person, cumulative
  std::vector<double> crisis_cost;          // GBP of reactive crisis use, cumulative
  std::vector<double> staff_hours;          // staff hours spent on the person, cumulative (double: many small additions)

  // Service journey state.
  std::vector<std::uint16_t> open_units;    // bit u: an open case (or a routed contact) at unit u
  std::vector<std::int32_t> waiting_since;  // tick the person started waiting, -1 if not waiting
  PerDomain<std::vector<std::int32_t>> last_closed;  // tick a case about d last closed, -1 never

  void resize(std::size_t count);
  std::size_t bytes() const;  // memory held by the state arrays
};

}  // namespace placesim
