#include "agents/commissioner.hpp"

#include <algorithm>
#include <cmath>

namespace placesim {

double relative_rise(double now, double before) {
  return before > 0 ? now / before - 1.0 : 0.0;
}

void commissioner_day(const Config& cfg, CommissionerState& k, ChangeState& s, double day_spend,
                      double day_closed, const Citizens& c, std::uint32_t tick) {
  const CommissioningParams& K = cfg.commissioning;
  k.spend += day_spend;
  k.closed += day_closed;
  const auto period = static_cast<std::uint32_t>(std::max(1.0, std::round(K.review_days)));
  if ((tick + 1) % period != 0) return;

  double crisis = 0;
  for (std::size_t i = 0; i < c.n; ++i) crisis += c.crisis_cost[i];
  const double total = k.spend + (crisis - k.crisis_at_review);
  // A period with no closures has no unit cost; compare like with like.
  const double unit = k.closed > 0 ? total / k.closed : -1;
  k.spend_rise = k.last_spend >= 0 ? relative_rise(total, k.last_spend) : 0.0;
  k.unit_cost_rise = (unit > 0 && k.last_unit_cost > 0) ? relative_rise(unit, k.last_unit_cost) : 0.0;
  ++k.reviews;
  if (K.cut_when_spend_rises && k.last_spend >= 0 && k.spend_rise > K.cut_trigger) {
    // Prevention is what a budget under pressure cuts first: it is discretionary and its
    // return comes later and elsewhere.
    s.outreach_funding *= 1.0 - K.cut_share;
    s.group_funding *= 1.0 - K.cut_share;
    ++k.cuts;
  }
  k.last_spend = total;
  k.last_unit_cost = unit;
  k.crisis_at_review = crisis;
  k.spend = 0;
  k.closed = 0;
}

}  // namespace placesim
