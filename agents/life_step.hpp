#pragma once
// Section 3, step 1 ("Life"): the daily update of one citizen's needs and causes. A pure
// function of the citizen's own state, their household's shock stream and constants, so it
// can run over any sub-range of citizens in any order with identical results.
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "agents/citizens.hpp"
#include "agents/place.hpp"
#include "core/config.hpp"

namespace placesim {

// Daily probabilities and per-day constants derived once from the config.
struct LifeConstants {
  std::uint64_t seed = 0;
  // Per neighbourhood: P(at least one individual shock today) and the cumulative domain
  // shares used to pick which domain it hits; the same for household shocks.
  std::vector<double> p_individual;
  std::vector<std::array<double, kDomains>> cum_individual;
  std::vector<double> p_household;
  std::vector<std::array<double, kDomains>> cum_household;
  float shock_min = 0, shock_span = 0;
  float household_share = 1;
  float cause_onset_prob = 0;
  float cause_push = 0;
  float cause_keep = 1;  // daily survival factor of a cause left alone
  float recovery_rate = 0;
  float tie_weight = 0;
  float group_weight = 0;
  float coupling_onset = 0;
  std::array<std::array<float, kDomains>, kDomains> coupling{};  // [to][from]
  float crisis_level = 1, crisis_rearm = 1;
  std::array<double, kDomains> crisis_cost{};
  float tie_reference = 1;
};

LifeConstants make_life_constants(const Config& cfg, const Place& place);

// True for the domains whose shocks hit a whole household (housing, money).
constexpr bool household_domain(int d) { return d == Housing || d == Money; }

// Update citizens [begin, end) for day `tick`. Writes need, cause, wellbeing, in_crisis,
// crisis counters and costs, and sets new_crisis[i] to the domains that entered crisis today.
void life_step(const LifeConstants& k, const Place& place, Citizens& c,
               std::vector<std::uint8_t>& new_crisis, std::uint32_t tick, std::size_t begin,
               std::size_t end);

// Social support from last tick's wellbeing of each person's contacts, for [begin, end).
struct SocialNetwork;
void support_step(const LifeConstants& k, const SocialNetwork& net, Citizens& c,
                  std::size_t begin, std::size_t end);

// Initial needs, causes and traits, for [begin, end).
void init_citizens(const Config& cfg, const Place& place, Citizens& c, std::size_t begin,
                   std::size_t end);

inline float wellbeing_of(const std::array<float, kDomains>& x) {
  float s = 0;
  for (int d = 0; d < kDomains; ++d) s += x[d] * x[d];
  return 1.0f - std::sqrt(s / kDomains);
}

}  // namespace placesim
