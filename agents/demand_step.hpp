#pragma once
// MODEL.md section 3, step 2 ("Demand"): who asks for help today, about what, and whether the
// contact is value demand or failure demand. A pure function of the citizen's own state, and
// the same rule whatever the design: need, trust and crisis make a contact; being kept
// waiting makes a chase; a need nobody is working on goes to a door (docs/model.md, "People
// behave the same under both designs").
#include <cstdint>
#include <vector>

#include "agents/citizens.hpp"
#include "agents/service_state.hpp"
#include "core/config.hpp"

namespace placesim {

// Appends today's contacts of citizens [begin, end) to `out`, in citizen order. Also applies
// the weekly trust cost of waiting and judges "helped back to balance" (Citizens::balance),
// which only touch the citizen's own state.
void demand_step(const Config& cfg, std::uint64_t seed, Citizens& c, std::uint32_t tick,
                 std::size_t begin, std::size_t end, std::vector<Contact>& out);

// Domains a person's open cases are about: a department's own domain; for an open team case
// the domains it was asked about or has acted on (case_domains). A domain outside these is
// "not being worked": the person may take it to a door.
inline std::uint8_t worked_domains(const Citizens& c, std::uint32_t i) {
  const std::uint16_t open = c.open_units[i];
  const std::uint8_t team = (open & (1u << kTeam)) ? c.case_domains[i] : 0;
  return static_cast<std::uint8_t>(team | ((open >> 1) & 0xFF));
}

// The unit holding the person's open case about `domain` (the team first: it owns the whole
// journey), or -1 when none does.
inline int case_holder(const Citizens& c, std::uint32_t i, int domain) {
  const std::uint16_t open = c.open_units[i];
  if ((open & (1u << kTeam)) && (c.case_domains[i] & (1u << domain))) return kTeam;
  if (open & (1u << dept_of(domain))) return dept_of(domain);
  return -1;
}

// "Helped back to balance", judged from the person's state alone so that every design can
// produce it: no open case, the last contact with services exactly `after_days` ago (so none
// since), and every need below the person's own help-seeking threshold.
inline bool back_in_balance(const Citizens& c, std::uint32_t i, std::uint32_t tick,
                            std::uint32_t after_days) {
  const std::uint16_t seen = c.last_seen[i];
  if (seen == 0 || c.open_units[i] != 0 || tick + 1 != seen + after_days) return false;
  for (int d = 0; d < kDomains; ++d)
    if (c.need[d][i] >= c.help_threshold[i]) return false;
  return true;
}

}  // namespace placesim
