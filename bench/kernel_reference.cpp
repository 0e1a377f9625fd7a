// The plain, one-citizen-at-a-time life and support steps exactly as the model was first
// written (agents/life_step.cpp at commit a72ce12). agents/life_step.cpp computes the same
// thing in blocks for speed; check_kernels.cpp holds the two to bit-for-bit agreement. When
// the model's meaning changes, change this file in the same commit.
#include "bench/kernel_reference.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "networks/social_network.hpp"
#include "core/rng.hpp"

namespace placesim::reference {
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
        const float size =
            k.household_share *
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

void support_step(const LifeConstants& k, const SocialNetwork& net, Citizens& c, std::size_t begin,
                  std::size_t end) {
  const float inv_ref = 1.0f / k.tie_reference;
  for (std::size_t i = begin; i < end; ++i) {
    float s = 0;
    for (auto j : net.neighbours(static_cast<std::uint32_t>(i))) s += c.wellbeing[j];
    c.support[i] = std::min(1.0f, s * inv_ref);
  }
}

}  // namespace placesim::reference
