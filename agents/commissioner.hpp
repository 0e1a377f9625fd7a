#pragma once
// The commissioner (issue 10, items 4 and 5): reviews spend every commissioning.review_days,
// and under the optional budget rule (commissioning.cut_when_spend_rises) cuts prevention
// (outreach and voluntary-group funding) when spend rose. The same review gives the rise in
// cost per case closed that a target-driven commissioner reacts to (agents/change_process).
#include <cstdint>

#include "agents/change_process.hpp"
#include "agents/citizens.hpp"
#include "core/config.hpp"

namespace placesim {

struct CommissionerState {
  double spend = 0;             // this period: paid staff hours, discretionary money, outreach (GBP)
  double closed = 0;            // cases closed this period
  double crisis_at_review = 0;  // everyone's cumulative crisis cost at the last review (GBP)
  double last_spend = -1;       // the previous period's total spend, crisis included (-1: none yet)
  double last_unit_cost = -1;   // the previous period's spend per case closed
  double spend_rise = 0;        // relative change of total spend at the last review
  double unit_cost_rise = 0;    // relative change of spend per case closed at the last review
  std::uint32_t reviews = 0, cuts = 0;
};

// Spend this period over spend last period, minus one (0 when there is no last period).
double relative_rise(double now, double before);

// One day: add the day's service spend and closures; on the last day of a review period add
// the period's crisis cost (one pass over citizens every review, not every day), compare with
// the period before, and apply the budget rule: outreach_funding and group_funding x (1 - y)
// when spend rose by more than x (commissioning.cut_trigger, cut_share).
void commissioner_day(const Config& cfg, CommissionerState& k, ChangeState& s, double day_spend,
                      double day_closed, const Citizens& c, std::uint32_t tick);

}  // namespace placesim
