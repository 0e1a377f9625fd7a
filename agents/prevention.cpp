#include "agents/prevention.hpp"

#include <algorithm>
#include <cmath>

#include "agents/service_context.hpp"
#include "agents/worker_mechanics.hpp"
#include "core/rng.hpp"

namespace placesim {
std::vector<double> outreach_weights(const Place& place, double targeting) {
  const std::size_t nb = place.neighbourhoods();
  double mean_dep = 0;
  for (double d : place.deprivation) mean_dep += d;
  mean_dep = nb > 0 ? mean_dep / static_cast<double>(nb) : 0;
  std::vector<double> cum(nb);
  double acc = 0;
  for (std::size_t j = 0; j < nb; ++j) {
    const double residents = place.nbhd_begin[j + 1] - place.nbhd_begin[j];
    const double rel = mean_dep > 0 ? place.deprivation[j] / mean_dep : 1.0;
    acc += residents * std::max(0.0, (1.0 - targeting) + targeting * rel);
    cum[j] = acc;
  }
  return cum;
}

PreventionDay outreach_day(const Config& cfg, std::uint64_t seed, std::uint32_t tick,
                           const Place& place, Citizens& c, Groups& groups, double& carry) {
  const CommissioningParams& K = cfg.commissioning;
  PreventionDay day;
  const double per_visit = K.outreach_visit_hours + K.outreach_travel_hours;
  if (K.outreach_hours_per_10k <= 0 || per_visit <= 0 || c.n == 0) return day;
  const double hours = K.outreach_hours_per_10k * static_cast<double>(c.n) / 10000.0;
  carry += hours / per_visit;
  const auto visits = static_cast<std::uint32_t>(std::floor(carry));
  carry -= visits;
  const std::vector<double> cum = outreach_weights(place, K.outreach_targeting);
  if (cum.empty() || cum.back() <= 0) return day;
  const double hourly = cfg.workers.hourly_cost;

  for (std::uint32_t v = 0; v < visits; ++v) {
    Stream s(seed, v, tick, Purpose::OutreachVisit);
    const double x = s.uniform() * cum.back();
    const auto j = static_cast<std::size_t>(std::upper_bound(cum.begin(), cum.end(), x) - cum.begin());
    const std::size_t nbhd = std::min(j, cum.size() - 1);
    const std::uint32_t lo = place.nbhd_begin[nbhd], hi = place.nbhd_begin[nbhd + 1];
    if (hi <= lo) continue;
    const std::uint32_t i = lo + s.below(hi - lo);
    ++day.visits;
    day.hours += per_visit;
    day.cost += per_visit * hourly;
    if (c.open_units[i] != 0) {  // already in a service: the visit adds nothing
      ++day.known;
      continue;
    }
    int top = 0;
    for (int d = 1; d < kDomains; ++d)
      if (c.need[d][i] > c.need[top][i]) top = d;
    if (c.need[top][i] < K.outreach_floor) {  // nothing to prevent: the cost of reaching everyone
      ++day.nothing;
      continue;
    }
    ++day.helped;
    c.staff_hours[i] += per_visit;
    c.cost[i] += per_visit * hourly;
    // Understand: a chance per hidden cause; an understood cause is worked on first, since it
    // keeps pushing the need up (as whoever holds a case does).
    // The same mechanics as any worker's: a novice generalist meeting the person for the
    // first time, with no information passed on.
    const double pu = uncover_prob(cfg.mechanics, K.outreach_visit_hours, 0.0, false, false);
    int cause = -1;
    for (int d = 0; d < kDomains; ++d) {
      if (c.cause[d][i] < kCauseSeen) continue;
      if (s.bernoulli(pu)) {
        ++day.causes;
        if (cause < 0 || c.cause[d][i] > c.cause[cause][i]) cause = d;
      }
    }
    const auto keep = static_cast<float>(
        1.0 - action_effect(cfg.mechanics, K.outreach_visit_hours, false, 1.0, false));
    if (cause >= 0)
      c.cause[cause][i] *= keep;
    else
      c.need[top][i] *= keep;
    // An introduction in person to the group that suits the need, if it has room.
    const GroupKind g = c.need[Connection][i] >= 0.3f ? GroupConnection : group_for(top);
    if (!(c.groups[i] & (1u << g)) && s.bernoulli(uptake_prob(cfg.mechanics, c.trust[i], 1.0))) {
      const std::uint32_t nb = place.nbhd_of[i];
      if (groups.members[nb][g] < groups.capacity[nb][g]) {
        c.groups[i] |= static_cast<std::uint8_t>(1u << g);
        ++groups.members[nb][g];
        ++day.joins;
      }
    }
  }
  return day;
}

}  // namespace placesim
