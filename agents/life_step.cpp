#include "agents/life_step.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "networks/social_network.hpp"
#include "core/rng.hpp"

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
    for (int b = 0; b < kDomains; ++b)
      k.coupling[a][b] = static_cast<float>(L.coupling_scale * L.coupling[a][b]);
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

// The life step works on blocks of consecutive citizens so that the Philox draws and the
// need update run as straight loops over citizens, which the compiler vectorises. Results are
// bit-identical to updating one citizen at a time (bench/check_kernels.cpp holds the two
// together): every float operation is done in the same order, only across several citizens
// at once.
constexpr int kBlock = 64;
constexpr std::size_t kPrefetchAhead = 2 * kBlock;

// Philox4x32-10 (Random123's constants) for the counters (first + j, tick, purpose, 0),
// j < n, i.e. the first next4() of Stream(seed, first + j, tick, purpose), for n citizens (or
// households) at once. Written out rather than calling r123 so that the lanes vectorise.
void philox_block(std::uint64_t seed, std::uint32_t first, int n, std::uint32_t tick,
                  Purpose purpose, std::uint32_t (&out)[4][kBlock]) {
  constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
  constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
  const auto key0 = static_cast<std::uint32_t>(seed);
  const auto key1 = static_cast<std::uint32_t>(seed >> 32);
  const auto pur = static_cast<std::uint32_t>(purpose);
  for (int j = 0; j < n; ++j) {
    std::uint32_t c0 = first + static_cast<std::uint32_t>(j), c1 = tick, c2 = pur, c3 = 0;
    std::uint32_t k0 = key0, k1 = key1;
#pragma GCC unroll 10
    for (int r = 0; r < 10; ++r) {
      const std::uint64_t p0 = static_cast<std::uint64_t>(kM0) * c0;
      const std::uint64_t p1 = static_cast<std::uint64_t>(kM1) * c2;
      c0 = static_cast<std::uint32_t>(p1 >> 32) ^ c1 ^ k0;
      c1 = static_cast<std::uint32_t>(p1);
      c2 = static_cast<std::uint32_t>(p0 >> 32) ^ c3 ^ k1;
      c3 = static_cast<std::uint32_t>(p0);
      k0 += kW0;
      k1 += kW1;
    }
    out[0][j] = c0;
    out[1][j] = c1;
    out[2][j] = c2;
    out[3][j] = c3;
  }
}

// The number of 32-bit words w with Stream::to_open01(w) < p, so that the hot-path test
// "to_open01(w) < p" becomes the exact integer test "w < threshold".
std::uint64_t open01_threshold(double p) {
  constexpr std::uint64_t kWords = std::uint64_t{1} << 32;
  double guess = std::floor(std::clamp(p, 0.0, 1.0) * 4294967296.0);
  auto t = static_cast<std::uint64_t>(guess);
  while (t > 0 && !(Stream::to_open01(static_cast<std::uint32_t>(t - 1)) < p)) --t;
  while (t < kWords && Stream::to_open01(static_cast<std::uint32_t>(t)) < p) ++t;
  return t;
}

// One shock as the plain step applies it: which domain, how big, and a possible cause onset.
struct Shock {
  int domain;
  float size;
  bool onset;
};

Shock draw_shock(const LifeConstants& k, const std::array<double, kDomains>& cum, float share,
                 const std::uint32_t (&w)[4][kBlock], int j, bool household) {
  Shock s;
  s.domain = pick_domain(cum, Stream::to_open01(w[1][j]));
  const float size = k.shock_min + k.shock_span * static_cast<float>(Stream::to_open01(w[2][j]));
  s.size = household ? share * size : size;
  s.onset = Stream::to_open01(w[3][j]) < k.cause_onset_prob;
  return s;
}

// Per-block scratch: the shock each citizen takes (at most one individual and one household
// shock a day), the block's recovery rates and crisis bits, and intermediate sums.
struct Block {
  alignas(64) float excess[kDomains][kBlock];
  alignas(64) float push[kBlock];
  alignas(64) float sq[kBlock];
  alignas(64) float recovery[kBlock];
  alignas(64) std::int32_t ind_domain[kBlock];  // -1: no individual shock
  alignas(64) float ind_size[kBlock];
  alignas(64) std::int32_t hh_domain[kBlock];  // -1: no household shock
  alignas(64) float hh_size[kBlock];
  alignas(64) std::int32_t crisis[kBlock];
  alignas(64) std::int32_t fresh[kBlock];
  alignas(64) std::uint32_t ind_words[4][kBlock];
  alignas(64) std::uint32_t hh_words[4][kBlock];
};

std::uint32_t popcount_u32(std::uint32_t v) {
  v = v - ((v >> 1) & 0x55555555u);
  v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
  return (((v + (v >> 4)) & 0x0F0F0F0Fu) * 0x01010101u) >> 24;
}

// New needs, causes and crisis bits of the m citizens of a block, whose needs and causes
// start at need[d] and cause[d]. Each loop runs over citizens with the domains outermost, so
// it vectorises; per citizen, the float operations are the plain step's in the plain step's
// order. Coupling weights that are exactly zero are skipped: their term is a signed zero, and
// adding a zero to the running sum (which starts at +0 and so is never -0) leaves it
// unchanged. The clamp and the crisis test sit in separate loops because GCC will not
// vectorise them together (it threads the clamp's branches into the tests).
void update_block(const LifeConstants& k, Block& b, float* const (&need)[kDomains],
                  float* const (&cause)[kDomains], int m) {
  const float onset = k.coupling_onset, cause_push = k.cause_push, keep = k.cause_keep;
  const float level = k.crisis_level, rearm = k.crisis_rearm;
  for (int d = 0; d < kDomains; ++d) {
    const float* const x = need[d];
    for (int j = 0; j < m; ++j) b.excess[d][j] = std::max(0.0f, x[j] - onset);
  }
  for (int j = 0; j < m; ++j) {
    b.sq[j] = 0;
    b.fresh[j] = 0;
  }
  for (int d = 0; d < kDomains; ++d) {
    for (int j = 0; j < m; ++j) b.push[j] = 0;
    for (int e = 0; e < kDomains; ++e) {
      const float w = k.coupling[d][e];
      if (w == 0.0f) continue;
      for (int j = 0; j < m; ++j) b.push[j] += w * b.excess[e][j];
    }
    float* const x = need[d];
    float* const cz = cause[d];
    for (int j = 0; j < m; ++j) {
      // Adding a zero shock leaves the sum unchanged, so every citizen takes the same path.
      const float ind = b.ind_size[j], hh = b.hh_size[j];
      const float shock = (b.ind_domain[j] == d ? ind : 0.0f) + (b.hh_domain[j] == d ? hh : 0.0f);
      const float xd = x[j];
      const float v = xd + b.push[j] + cause_push * cz[j] - b.recovery[j] * xd + shock;
      x[j] = v < 0.0f ? 0.0f : (1.0f < v ? 1.0f : v);
      cz[j] = cz[j] * keep;
    }
    const std::int32_t bit = 1 << d;
    for (int j = 0; j < m; ++j) {
      const float nx = x[j];
      const std::int32_t crisis = b.crisis[j];
      const std::int32_t was = crisis & bit;
      const std::int32_t enter = nx >= level ? bit & ~was : 0;
      const std::int32_t leave = nx < rearm ? was : 0;
      b.crisis[j] = (crisis | enter) & ~leave;
      b.fresh[j] |= enter;
      b.sq[j] += nx * nx;
    }
  }
}

}  // namespace

void life_step(const LifeConstants& k, const Place& place, Citizens& c,
               std::vector<std::uint8_t>& new_crisis, std::uint32_t tick, std::size_t begin,
               std::size_t end) {
  Block b;
  const std::uint32_t* const household_of = place.household_of.data();
  const float* const resilience = c.resilience.data();
  const float* const support = c.support.data();
  const std::uint8_t* const groups = c.groups.data();
  std::uint8_t* const in_crisis = c.in_crisis.data();
  std::uint8_t* const fresh_out = new_crisis.data();
  float* const wellbeing = c.wellbeing.data();

  std::size_t seg = begin;
  while (seg < end) {
    // Per-neighbourhood constants are fixed over a run of citizens in one neighbourhood.
    const std::uint32_t nb = place.nbhd_of[seg];
    const std::size_t seg_end = std::min<std::size_t>(end, place.nbhd_begin[nb + 1]);
    const std::uint64_t ind_threshold = open01_threshold(k.p_individual[nb]);
    const std::uint64_t hh_threshold = open01_threshold(k.p_household[nb]);

    for (std::size_t i0 = seg; i0 < seg_end; i0 += kBlock) {
      const int m = static_cast<int>(std::min<std::size_t>(kBlock, seg_end - i0));
      float* need[kDomains];
      float* cause[kDomains];
      for (int d = 0; d < kDomains; ++d) {
        need[d] = c.need[d].data() + i0;
        cause[d] = c.cause[d].data() + i0;
      }
      // Sixteen need and cause arrays are more streams than the hardware prefetcher follows,
      // so the block after next is requested here, while the Philox rounds run.
      if (const std::size_t ahead = i0 + kPrefetchAhead; ahead + kBlock <= c.n) {
        for (int d = 0; d < kDomains; ++d)
          for (int line = 0; line < kBlock; line += 16) {
            __builtin_prefetch(c.need[d].data() + ahead + line, 1);
            __builtin_prefetch(c.cause[d].data() + ahead + line, 1);
          }
      }
      philox_block(k.seed, static_cast<std::uint32_t>(i0), m, tick, Purpose::LifeShock,
                   b.ind_words);
      // Household shocks are keyed by the household, so every member sees the same event
      // without any message passing; households are consecutive, so the block's households
      // are one range and each is drawn once.
      const std::uint32_t h0 = household_of[i0];
      const int hn = static_cast<int>(household_of[i0 + m - 1] - h0) + 1;
      philox_block(k.seed, h0, hn, tick, Purpose::HouseholdShock, b.hh_words);

      for (int j = 0; j < m; ++j) {
        const std::size_t i = i0 + static_cast<std::size_t>(j);
        b.recovery[j] = k.recovery_rate *
                        (resilience[i] + k.tie_weight * support[i] +
                         k.group_weight * static_cast<float>(popcount_u32(groups[i])));
        b.crisis[j] = in_crisis[i];
        b.ind_domain[j] = -1;
        b.hh_domain[j] = -1;
        b.ind_size[j] = 0;
        b.hh_size[j] = 0;
      }
      // Shocks are rare, so drawing their details is left to a scalar pass over the few hits.
      for (int j = 0; j < m; ++j) {
        const int hj = static_cast<int>(household_of[i0 + static_cast<std::size_t>(j)] - h0);
        const bool ind = b.ind_words[0][j] < ind_threshold;
        const bool hh = b.hh_words[0][hj] < hh_threshold;
        if (!ind && !hh) continue;
        if (ind) {
          const Shock s = draw_shock(k, k.cum_individual[nb], 1.0f, b.ind_words, j, false);
          b.ind_domain[j] = s.domain;
          b.ind_size[j] = s.size;
          if (s.onset) cause[s.domain][j] = std::max(cause[s.domain][j], s.size);
        }
        if (hh) {
          const Shock s =
              draw_shock(k, k.cum_household[nb], k.household_share, b.hh_words, hj, true);
          b.hh_domain[j] = s.domain;
          b.hh_size[j] = s.size;
          if (s.onset) cause[s.domain][j] = std::max(cause[s.domain][j], s.size);
        }
      }

      update_block(k, b, need, cause, m);

      for (int j = 0; j < m; ++j) {
        const std::size_t i = i0 + static_cast<std::size_t>(j);
        in_crisis[i] = static_cast<std::uint8_t>(b.crisis[j]);
        fresh_out[i] = static_cast<std::uint8_t>(b.fresh[j]);
        // std::sqrt may set errno, so this loop stays scalar; one sqrt per citizen is cheap.
        wellbeing[i] = 1.0f - std::sqrt(b.sq[j] / kDomains);
      }
      // New crises are rare too; their cost is summed in domain order as in the plain step.
      for (int j = 0; j < m; ++j) {
        if (!b.fresh[j]) continue;
        const std::size_t i = i0 + static_cast<std::size_t>(j);
        double cost = 0;
        for (int d = 0; d < kDomains; ++d)
          if (b.fresh[j] & (1 << d)) cost += k.crisis_cost[d];
        c.crises[i] += static_cast<std::uint32_t>(std::popcount(static_cast<unsigned>(b.fresh[j])));
        c.crisis_cost[i] += cost;
        c.cost[i] += cost;
      }
    }
    seg = seg_end;
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
