#include "agents/demand_step.hpp"

#include <algorithm>

#include "core/rng.hpp"

namespace placesim {

void demand_step(const Config& cfg, std::uint64_t seed, Citizens& c, std::uint32_t tick,
                 std::size_t begin, std::size_t end, std::vector<Contact>& out) {
  const DemandParams& D = cfg.demand;
  const auto t = static_cast<std::int32_t>(tick);
  const auto balance_after = static_cast<std::uint32_t>(std::max(1.0, cfg.people.balance_after_days));
  for (std::size_t i = begin; i < end; ++i) {
    const auto id = static_cast<std::uint32_t>(i);
    // Waiting erodes trust week by week.
    const std::int32_t since = c.waiting_since[i];
    if (since >= 0 && t > since && (t - since) % 7 == 0)
      c.trust[i] = std::clamp(c.trust[i] + static_cast<float>(cfg.trust.wait_week), 0.0f, 1.0f);

    // Judged before today's contacts, from the state the day starts with.
    std::uint8_t bal = c.balance[i] & static_cast<std::uint8_t>(~Citizens::kBalancedToday);
    if (back_in_balance(c, id, tick, balance_after))
      bal |= Citizens::kBalancedToday | Citizens::kBalancedEver;
    c.balance[i] = bal;

    // Members drift away from groups over time.
    if (c.groups[i]) {
      Stream g(seed, id, tick, Purpose::GroupLeave);
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
    Stream s(seed, id, tick, Purpose::HelpSeeking);
    const auto w = s.next4();

    const bool open = c.open_units[i] != 0;
    const bool waiting = since >= 0;
    const float threshold =
        c.help_threshold[i] + static_cast<float>(D.trust_delay) * (1.0f - c.trust[i]);
    const bool asking = crisis || top_need >= threshold;  // a need the person would ask about
    // Kept waiting: a case that has not started after chase_after days, or an open case whose
    // service has not been in touch for chase_after days (its next visit is far away), while
    // the person still has a need they would ask about: someone whose need has eased while on
    // a waiting list, or who is managing, has nothing to chase.
    const std::int32_t seen = static_cast<std::int32_t>(c.last_seen[i]) - 1;
    const bool kept_waiting =
        open && asking && (waiting ? t - since >= D.chase_after : (seen >= 0 && t - seen >= D.chase_after));
    const bool worked = (worked_domains(c, id) & (1u << top)) != 0;
    // One crisis contact per new crisis: `crises` counts crises begun, crisis_called remembers
    // the count at the last contact made in crisis.
    const auto crises_now = static_cast<std::uint8_t>(c.crises[i]);
    const bool new_crisis = crisis && crises_now != c.crisis_called[i];
    const std::int32_t last = c.last_closed[top][i];
    const bool came_back = last >= 0 && t - last <= D.failure_window;

    if (worked && new_crisis) {
      // In crisis the person calls the service that holds the case, whatever the design.
      // Vanguard: a call about a request the service has not yet acted on, or has left the
      // person waiting on, is progress chasing (failure demand); coming back about a problem
      // a service closed undone is failure demand; otherwise the crisis is a new event in the
      // person's life and the call is value demand.
      const bool chase = waiting || kept_waiting;
      out.push_back({id, static_cast<std::uint8_t>(top), chase || came_back, chase, true});
      c.crisis_called[i] = crises_now;
      continue;
    }
    if (kept_waiting) {
      if (Stream::to_open01(w[0]) < D.chase_prob)
        out.push_back({id, static_cast<std::uint8_t>(top), true, true, crisis});
      continue;
    }
    if (worked) continue;  // already being helped with this
    if (!asking) continue;
    if (!crisis && Stream::to_open01(w[1]) >= D.contact_prob) continue;
    // The Vanguard classification, from history: coming back about a domain whose case
    // closed recently means the problem was not solved.
    out.push_back({id, static_cast<std::uint8_t>(top), came_back, false, crisis});
    if (crisis) c.crisis_called[i] = crises_now;
  }
}

}  // namespace placesim
