#include "agents/demand_step.hpp"

#include <algorithm>

#include "core/rng.hpp"

namespace placesim {

void demand_step(const Config& cfg, std::uint64_t seed, Citizens& c, std::uint32_t tick,
                 std::size_t begin, std::size_t end, std::vector<Contact>& out) {
  const DemandParams& D = cfg.demand;
  const auto t = static_cast<std::int32_t>(tick);
  for (std::size_t i = begin; i < end; ++i) {
    // Waiting erodes trust week by week.
    const std::int32_t since = c.waiting_since[i];
    if (since >= 0 && t > since && (t - since) % 7 == 0)
      c.trust[i] = std::clamp(c.trust[i] + static_cast<float>(cfg.trust.wait_week), 0.0f, 1.0f);

    // Members drift away from groups over time.
    if (c.groups[i]) {
      Stream g(seed, static_cast<std::uint32_t>(i), tick, Purpose::GroupLeave);
      const double p_leave = cfg.groups.leave_rate / 365.0;
      for (int k = 0; k < kGroupKinds; ++k)
        if ((c.groups[i] & (1u << k)) && g.bernoulli(p_leave))
          c.groups[i] &= static_cast<std::uint8_t>(~(1u << k));
    }

    int top = 0;
    float top_need = c.need[0][i];
    for (int d = 1; d < kDomains; ++d)
      if (c.need[d][i] > top_need) {
        top_need = c.need[d][i];
        top = d;
      }
    const bool crisis = c.in_crisis[i] != 0;
    // Purpose HelpSeeking is drawn every day for everyone so that the draw a person gets
    // does not depend on their service history (the same life under both designs).
    Stream s(seed, static_cast<std::uint32_t>(i), tick, Purpose::HelpSeeking);
    const auto w = s.next4();

    // Chasing: waiting too long for a case to start is failure demand.
    if (since >= 0 && t - since >= D.chase_after) {
      if (Stream::to_open01(w[0]) < D.chase_prob)
        out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint8_t>(top), true, true, crisis});
      continue;
    }
    if (covered_domains(c.open_units[i]) & (1u << top)) continue;  // already being helped with this
    const float threshold =
        c.help_threshold[i] + static_cast<float>(D.trust_delay) * (1.0f - c.trust[i]);
    if (!(crisis || top_need >= threshold)) continue;
    if (!crisis && Stream::to_open01(w[1]) >= D.contact_prob) continue;
    // The Vanguard classification, from history: coming back about a domain whose case
    // closed recently means the problem was not solved.
    const std::int32_t last = c.last_closed[top][i];
    const bool failure = last >= 0 && t - last <= D.failure_window;
    out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint8_t>(top), failure, false, crisis});
  }
}

}  // namespace placesim
