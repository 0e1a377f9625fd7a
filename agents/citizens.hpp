#pragma once
// Citizen state as structure-of-arrays, indexed by citizen id. Citizens are numbered so that
// members of a household are consecutive and households of a neighbourhood are consecutive;
// this keeps the social network's ties mostly local in memory.
#include <array>
#include <cstdint>
#include <vector>

#include "agents/units.hpp"
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
  std::vector<std::uint8_t> case_domains;   // domains the open cases are about or have acted on
  std::vector<std::uint8_t> pull_pending;   // bit d: an expert for d has been asked for and has not come yet

  // Day stamps (day_stamp(tick) = tick + 1; 0 = never), 16 bits since run.days <= 36500.
  // They make the windowed measures cheap: a window is a comparison of stamps, no history.
  std::vector<std::uint16_t> last_seen;     // last contact with services (made, or staff time spent)
  std::array<std::vector<std::uint16_t>, kUnits> last_met;  // last day unit u spent time on the person
  std::array<std::vector<std::uint16_t>, 3> recent_contacts;  // days of the last three contacts, newest first
  std::vector<std::uint16_t> last_repeat;   // last repeat contact (failure demand, not chasing)
  std::vector<std::uint8_t> crisis_called;  // low byte of `crises` at the last contact made in crisis
  std::vector<std::uint8_t> balance;        // kBalancedToday | kBalancedEver (people.balance_after_days)

  static constexpr std::uint8_t kBalancedToday = 1, kBalancedEver = 2;

  void resize(std::size_t count);
  std::size_t bytes() const;  // memory held by the state arrays
};

inline std::uint16_t day_stamp(std::uint32_t tick) { return static_cast<std::uint16_t>(tick + 1); }
// True when a stamp falls within the `window` days ending today (today included).
inline bool within(std::uint16_t stamp, std::uint32_t tick, std::uint32_t window) {
  return stamp != 0 && tick + 1 - stamp < window;
}

}  // namespace placesim
