#include "agents/citizens.hpp"

namespace placesim {

void Citizens::resize(std::size_t count) {
  n = count;
  for (int d = 0; d < kDomains; ++d) {
    need[d].assign(count, 0.0f);
    cause[d].assign(count, 0.0f);
    last_closed[d].assign(count, -1);
  }
  resilience.assign(count, 1.0f);
  trust.assign(count, 0.6f);
  help_threshold.assign(count, 0.5f);
  wellbeing.assign(count, 1.0f);
  support.assign(count, 0.0f);
  in_crisis.assign(count, 0);
  groups.assign(count, 0);
  crises.assign(count, 0);
  contacts.assign(count, 0);
  failure_contacts.assign(count, 0);
  assessments.assign(count, 0);
  referrals.assign(count, 0);
  services_met.assign(count, 0);
  workers_met.assign(count, 0);
  cost.assign(count, 0.0);
  crisis_cost.assign(count, 0.0);
  staff_hours.assign(count, 0.0);
  open_units.assign(count, 0);
  waiting_since.assign(count, -1);
  case_domains.assign(count, 0);
  pull_pending.assign(count, 0);
  last_seen.assign(count, 0);
  for (auto& v : last_met) v.assign(count, 0);
  for (auto& v : recent_contacts) v.assign(count, 0);
  last_repeat.assign(count, 0);
  crisis_called.assign(count, 0);
  balance.assign(count, 0);
}

std::size_t Citizens::bytes() const {
  auto b = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  std::size_t t = 0;
  for (int d = 0; d < kDomains; ++d) t += b(need[d]) + b(cause[d]) + b(last_closed[d]);
  t += b(resilience) + b(trust) + b(help_threshold) +
       b(wellbeing) + b(support) + b(in_crisis) + b(groups) + b(crises) + b(contacts) +
       b(failure_contacts) + b(assessments) + b(referrals) + b(services_met) + b(workers_met) +
       b(cost) + b(crisis_cost) + b(staff_hours) + b(open_units) + b(waiting_since);
  t += b(case_domains) + b(pull_pending) + b(last_seen) + b(last_repeat) + b(crisis_called) + b(balance);
  for (const auto& v : last_met) t += b(v);
  for (const auto& v : recent_contacts) t += b(v);
  return t;
}

}  // namespace placesim
