#include "agents/life_step.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "networks/social_network.hpp"
#include "sim/rng.hpp"

namespace placesim {

LifeConstants make_life_constants(const Config& cfg, const Place& place) {
  const LifeParams& L = cfg.life;
  LifeConstants k;
  k.seed = static_cast<std::uint64_t>(cfg.run.seed);
  const std::size_t nb = place.neighbourhoods();
  k.p_individual.resize(nb);
  k.cum_individual.resize(nb);
  k.p_household.resize(nb);
  k.cum_household.resize(nb);
  for (std::size_t j = 0; j < nb; ++j) {
    const double mult = 1.0 + L.deprivation_multiplier * place.deprivation[j];
    // Shocks are Poisson processes per domain; at daily rates well below one, "at least one
    // shock today" has probability 1 - exp(-total rate) and the domain is chosen in
    // proportion to its rate (the superposition of Poisson processes). Two shocks on one day
    // are folded into one.
    double ind = 0, hh = 0;
    std::array<double, kDomains> ri{}, rh{};
    for (int d = 0; d < kDomains; ++d) {
      const double r = L.shock_rate[d] * mult / 365.0;
      (household_domain(d) ? rh : ri)[d] = r;
      (household_domain(d) ? hh : ind) += r;
    }
    k.p_individual[j] = 1.0 - std::exp(-ind);
    k.p_household[j] = 1.0 - std::exp(-hh);
    double ci = 0, ch = 0;
    for (int d = 0; d < kDomains; ++d) {
      ci += ind > 0 ? ri[d] / ind : 0;
      ch += hh > 0 ? rh[d] / hh : 0;
      k.cum_individual[j][d] = ci;
      k.cum_household[j][d] = ch;
    }
    k.cum_individual[j][kDomains - 1] = 1.0;
    k.cum_household[j][kDomains - 1] = 1.0;
  }
  k.shock_min = static_cast<float>(L.shock_size_min);
  k.shock_span = static_cast<float>(L.shock_size_max - L.shock_size_min);
  k.household_share = static_cast<float>(L.household_share);
  k.cause_onset_prob = static_cast<float>(L.cause_onset_prob);
  k.cause_push = static_cast<float>(L.cause_push);
  k.cause_keep = static_cast<float>(std::exp(-L.cause_resolve_rate / 365.0));
  k.recovery_rate = static_cast<float>(L.recovery_rate);
  k.tie_weight = static_cast<float>(L.tie_weight);
  k.group_weight = static_cast<float>(cfg.groups.membership_weight);
  k.coupling_onset = static_cast<float>(L.coupling_onset);
  for (int a = 0; a < kDomains; ++a)
    for (int b = 0; b < kDomains; ++b) k.coupling[a][b] = static_cast<float>(L.coupling[a][b]);
  k.crisis_level = static_cast<float>(L.crisis_level);
  k.crisis_rearm = static_cast<float>(L.crisis_rearm);
  for (int d = 0; d < kDomains; ++d) k.crisis_cost[d] = L.crisis_cost[d];
  k.tie_reference = static_cast<float>(L.tie_reference);
  return k;
}

namespace {

int pick_domain(const std::array<double, kDomains>& cum, double u) {
  int d = 0;
  while (d < kDomains - 1 && u >= cum[d]) ++d;
  return d;
}

}  // namespace

void life_step(const LifeConstants& k, const Place& place, Citizens& c,
               std::vector<std::uint8_t>& new_crisis, std::uint32_t tick, std::size_t begin,
               std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    const std::uint32_t nb = place.nbhd_of[i];
    std::array<float, kDomains> x, cz, shock{};
    for (int d = 0; d < kDomains; ++d) {
      x[d] = c.need[d][i];
      cz[d] = c.cause[d][i];
    }

    // One Philox block gives the four words an individual shock needs: occurrence, domain,
    // size and cause onset. Most days nothing happens and the other words go unused.
    {
      Stream s(k.seed, static_cast<std::uint32_t>(i), tick, Purpose::LifeShock);
      const auto w = s.next4();
      if (Stream::to_open01(w[0]) < k.p_individual[nb]) {
        const int d = pick_domain(k.cum_individual[nb], Stream::to_open01(w[1]));
        const float size = k.shock_min + k.shock_span * static_cast<float>(Stream::to_open01(w[2]));
        shock[d] += size;
        if (Stream::to_open01(w[3]) < k.cause_onset_prob) cz[d] = std::max(cz[d], size);
      }
    }
    // Household shocks are keyed by the household, so every member sees the same event
    // without any message passing.
    {
      Stream s(k.seed, place.household_of[i], tick, Purpose::HouseholdShock);
      const auto w = s.next4();
      if (Stream::to_open01(w[0]) < k.p_household[nb]) {
        const int d = pick_domain(k.cum_household[nb], Stream::to_open01(w[1]));
        const float size = k.household_share *
                           (k.shock_min + k.shock_span * static_cast<float>(Stream::to_open01(w[2])));
        shock[d] += size;
        if (Stream::to_open01(w[3]) < k.cause_onset_prob) cz[d] = std::max(cz[d], size);
      }
    }

    const float recovery =
        k.recovery_rate * (c.resilience[i] + k.tie_weight * c.support[i] +
                           k.group_weight * static_cast<float>(std::popcount(c.groups[i])));
    std::array<float, kDomains> excess;
    for (int d = 0; d < kDomains; ++d) excess[d] = std::max(0.0f, x[d] - k.coupling_onset);

    std::array<float, kDomains> nx;
    for (int d = 0; d < kDomains; ++d) {
      float push = 0;
      for (int e = 0; e < kDomains; ++e) push += k.coupling[d][e] * excess[e];
      const float v = x[d] + push + k.cause_push * cz[d] - recovery * x[d] + shock[d];
      nx[d] = std::clamp(v, 0.0f, 1.0f);
    }

    std::uint8_t crisis = c.in_crisis[i];
    std::uint8_t fresh = 0;
    double cost = 0;
    for (int d = 0; d < kDomains; ++d) {
      const std::uint8_t bit = static_cast<std::uint8_t>(1u << d);
      if (!(crisis & bit) && nx[d] >= k.crisis_level) {
        crisis |= bit;
        fresh |= bit;
        cost += k.crisis_cost[d];
      } else if ((crisis & bit) && nx[d] < k.crisis_rearm) {
        crisis &= static_cast<std::uint8_t>(~bit);
      }
      c.need[d][i] = nx[d];
      c.cause[d][i] = cz[d] * k.cause_keep;
    }
    c.in_crisis[i] = crisis;
    new_crisis[i] = fresh;
    if (fresh) {
      c.crises[i] += static_cast<std::uint32_t>(std::popcount(fresh));
      c.crisis_cost[i] += cost;
      c.cost[i] += cost;
    }
    c.wellbeing[i] = wellbeing_of(nx);
  }
}

void support_step(const LifeConstants& k, const SocialNetwork& net, Citizens& c,
                  std::size_t begin, std::size_t end) {
  const float inv_ref = 1.0f / k.tie_reference;
  for (std::size_t i = begin; i < end; ++i) {
    float s = 0;
    for (auto j : net.neighbours(static_cast<std::uint32_t>(i))) s += c.wellbeing[j];
    c.support[i] = std::min(1.0f, s * inv_ref);
  }
}

void init_citizens(const Config& cfg, const Place& place, Citizens& c, std::size_t begin,
                   std::size_t end) {
  const LifeParams& L = cfg.life;
  const auto seed = static_cast<std::uint64_t>(cfg.run.seed);
  for (std::size_t i = begin; i < end; ++i) {
    const double dep = place.deprivation[place.nbhd_of[i]];
    Stream s(seed, static_cast<std::uint32_t>(i), 0, Purpose::InitNeeds);
    std::array<float, kDomains> x;
    for (int d = 0; d < kDomains; ++d) {
      const double u = s.uniform();
      x[d] = static_cast<float>(std::min(1.0, u * u * u * L.initial_need_scale * (0.5 + dep)));
      c.need[d][i] = x[d];
      const double onset = s.uniform();
      const double size = s.uniform();
      c.cause[d][i] = onset < L.initial_cause_prob * (1.0 + dep)
                          ? static_cast<float>(L.shock_size_min + (L.shock_size_max - L.shock_size_min) * size)
                          : 0.0f;
    }
    Stream t(seed, static_cast<std::uint32_t>(i), 0, Purpose::InitTraits);
    const double r = L.resilience_mean - L.resilience_deprivation * dep + L.resilience_sd * t.normal();
    c.resilience[i] = static_cast<float>(std::max(L.resilience_floor, r));
    c.trust[i] = static_cast<float>(std::clamp(cfg.demand.trust_initial + 0.15 * t.normal(), 0.0, 1.0));
    c.help_threshold[i] = static_cast<float>(std::clamp(
        cfg.demand.help_threshold_mean + cfg.demand.help_threshold_sd * t.normal(), 0.05, 0.99));
    c.wellbeing[i] = wellbeing_of(x);
    c.in_crisis[i] = 0;
    for (int d = 0; d < kDomains; ++d)
      if (x[d] >= L.crisis_level) c.in_crisis[i] |= static_cast<std::uint8_t>(1u << d);
  }
}

}  // namespace placesim
