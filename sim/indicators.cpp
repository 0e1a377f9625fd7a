#include "sim/indicators.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "agents/service_state.hpp"
#include "sim/output_schema.hpp"

namespace placesim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
namespace series = schema::series;

const std::vector<double>* get(const IndicatorInput& in, const char* name) {
  return in.series ? in.series(name) : nullptr;
}

double total(const std::vector<double>* v) {
  if (!v) return kNaN;
  double s = 0;
  for (double x : *v) s += x;
  return s;
}

double mean(const std::vector<double>* v) {
  if (!v || v->empty()) return kNaN;
  return total(v) / static_cast<double>(v->size());
}

double peak(const std::vector<double>* v) {
  if (!v || v->empty()) return kNaN;
  return *std::max_element(v->begin(), v->end());
}

double last(const std::vector<double>* v) { return v && !v->empty() ? v->back() : kNaN; }

// The ONE definition of the failure-demand share: failure contacts over all contacts, both
// totalled over the run. A ratio of totals, not a mean of daily shares, so days with few
// contacts weigh what their contacts weigh (a mean of daily shares gave 19.5% where the
// contacts say 17.9%).
double failure_share(const IndicatorInput& in) {
  const double f = total(get(in, series::kContactsFailure));
  const double v = total(get(in, series::kContactsValue));
  return f + v > 0 ? f / (f + v) : kNaN;
}

// Paid hours are every activity's hours, absence and idle included (staff_cost pays them all).
double paid_hours(const IndicatorInput& in) {
  double s = 0;
  bool any = false;
  for (const char* a : kActivityNames)
    if (const auto* v = get(in, (std::string(series::kHoursPrefix) + a).c_str())) {
      s += total(v);
      any = true;
    }
  return any ? s : kNaN;
}

double idle_share(const IndicatorInput& in) {
  const double paid = paid_hours(in);
  const double idle = total(get(in, (std::string(series::kHoursPrefix) + "idle").c_str()));
  return paid > 0 ? idle / paid : kNaN;
}

// All spend: staff (all paid hours), discretionary spend, outreach and reactive crisis cost.
// Staff and crisis cost must be recorded; the others count when the run records them.
double total_cost(const IndicatorInput& in) {
  const double staff = total(get(in, series::kStaffCost));
  const double crisis = total(get(in, series::kCrisisCost));
  if (!std::isfinite(staff) || !std::isfinite(crisis)) return kNaN;
  double s = staff + crisis;
  for (const char* other : {"discretionary_spend", "outreach_cost"})
    if (const auto* v = get(in, other)) s += total(v);
  return s;
}

double cost_per_person(const IndicatorInput& in) {
  return in.people > 0 ? total_cost(in) / in.people : kNaN;
}

const std::vector<Indicator> kIndicators = {
    {"helped_to_balance", "People helped back to balance", "people",
     "Distinct people judged back in balance at least once, by their state alone: no open case, "
     "no contact with services for people.balance_after_days, every need below their "
     "help-seeking threshold. The same test in every design; no case outcome is read.",
     Direction::kHigherBetter, false, "helped_to_balance_people",
     [](const IndicatorInput& in) { return last(get(in, series::kHelpedToBalancePeople)); }},
    {"failure_demand_share", "Failure demand share", "share of contacts",
     "Failure-demand contacts over all contacts, both totalled over the run.",
     Direction::kLowerBetter, true, "contacts_failure, contacts_value", failure_share},
    {"repeat_contacts", "Failure demand: repeat", "contacts",
     "Contacts from people coming back with a problem a service left undone, total.",
     Direction::kLowerBetter, false, "repeat_contacts",
     [](const IndicatorInput& in) { return total(get(in, series::kRepeatContacts)); }},
    {"chasing_contacts", "Failure demand: chasing", "contacts",
     "Chasing contacts (about a case that has not started, or an open case gone quiet), total.", Direction::kLowerBetter,
     false, "chasing_contacts",
     [](const IndicatorInput& in) { return total(get(in, series::kChasingContacts)); }},
    {"wait_mean", "Mean wait", "day",
     "Mean over the days of the run of the mean wait of the cases started that day.",
     Direction::kLowerBetter, false, "mean_wait",
     [](const IndicatorInput& in) { return mean(get(in, series::kMeanWait)); }},
    {"wait_peak", "Peak wait", "day", "Worst day's mean wait of the cases started that day.",
     Direction::kLowerBetter, false, "mean_wait",
     [](const IndicatorInput& in) { return peak(get(in, series::kMeanWait)); }},
    {"queue_mean", "Queue (mean)", "cases",
     "Cases and contacts waiting for a worker at the end of the day, mean over the run.",
     Direction::kLowerBetter, false, "queue_length",
     [](const IndicatorInput& in) { return mean(get(in, series::kQueueLength)); }},
    {"queue_peak", "Queue (peak)", "cases",
     "Most cases and contacts waiting for a worker at the end of any day.", Direction::kLowerBetter,
     false, "queue_length",
     [](const IndicatorInput& in) { return peak(get(in, series::kQueueLength)); }},
    {"idle_share", "Idle share of paid hours", "share of paid hours",
     "Staff hours idle over all paid staff hours (absence included), totalled over the run. "
     "Spare capacity: neither direction is better in itself.",
     Direction::kNone, true, "hours_*", idle_share},
    {"posts_filled", "Posts filled (last day)", "workers",
     "Staff in post on the last day: the posts the design ends with under its staffing policy.",
     Direction::kNone, false, "staff_in_post",
     [](const IndicatorInput& in) { return last(get(in, "staff_in_post")); }},
    {"staff_cost", "Staff cost", "GBP",
     "Cost of all paid staff hours over the run, idle and absence included.",
     Direction::kLowerBetter, false, "staff_cost",
     [](const IndicatorInput& in) { return total(get(in, series::kStaffCost)); }},
    {"crisis_cost", "Crisis cost", "GBP",
     "Reactive cost of crises (emergency admission, emergency housing, police call-out) over "
     "the run.",
     Direction::kLowerBetter, false, "crisis_cost",
     [](const IndicatorInput& in) { return total(get(in, series::kCrisisCost)); }},
    {"total_cost", "Total cost", "GBP",
     "Staff cost + crisis cost + discretionary spend + outreach cost, over the run.",
     Direction::kLowerBetter, false, "staff_cost, crisis_cost", total_cost},
    {"cost_per_person", "Cost per person", "GBP per person",
     "Total cost over the run divided by the number of people in the place.",
     Direction::kLowerBetter, false, "staff_cost, crisis_cost, citizens", cost_per_person},
    {"in_crisis_mean", "People in crisis", "people",
     "People with at least one need in crisis, mean over the days of the run.",
     Direction::kLowerBetter, false, "in_crisis",
     [](const IndicatorInput& in) { return mean(get(in, series::kInCrisis)); }},
    {"wellbeing_mean", "Mean wellbeing", "index 0-1",
     "Mean wellbeing of the people (1 = every need fine), mean over the days of the run.",
     Direction::kHigherBetter, false, "wellbeing_mean",
     [](const IndicatorInput& in) { return mean(get(in, series::kWellbeingMean)); }},
};

}  // namespace

const char* direction_name(Direction d) {
  switch (d) {
    case Direction::kLowerBetter:
      return "lower_better";
    case Direction::kHigherBetter:
      return "higher_better";
    case Direction::kNone:
      return "none";
  }
  return "none";
}

const std::vector<Indicator>& indicators() { return kIndicators; }

const Indicator* find_indicator(const std::string& name) {
  for (const auto& i : kIndicators)
    if (name == i.name) return &i;
  return nullptr;
}

double t975(std::size_t df) {
  // Exact to 7 decimals for small df (the usual replicate counts); beyond the table the
  // Cornish-Fisher expansion around the normal quantile, accurate to 1e-5 for df > 30.
  static constexpr double kTable[] = {
      12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469118, 2.3646243, 2.3060041,
      2.2621572,  2.2281389, 2.2009852, 2.1788128, 2.1603687, 2.1447867, 2.1314495, 2.1199053,
      2.1098156,  2.1009220, 2.0930241, 2.0859634, 2.0796138, 2.0738731, 2.0686576, 2.0638986,
      2.0595386,  2.0555294, 2.0518305, 2.0484071, 2.0452296, 2.0422725};
  if (df == 0) return kNaN;
  if (df <= 30) return kTable[df - 1];
  const double z = 1.959963984540054, n = static_cast<double>(df);
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
  return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n);
}

bool PairedInterval::has_interval() const { return std::isfinite(low) && std::isfinite(high); }
bool PairedInterval::holds_zero() const { return has_interval() && low <= 0 && high >= 0; }

PairedInterval paired_interval(const std::vector<double>& a, const std::vector<double>& b) {
  PairedInterval p;
  p.n = std::min(a.size(), b.size());
  p.low = p.high = kNaN;
  if (p.n == 0) {
    p.mean = kNaN;
    return p;
  }
  std::vector<double> d(p.n);
  for (std::size_t r = 0; r < p.n; ++r) d[r] = b[r] - a[r];
  double s = 0;
  for (double x : d) s += x;
  p.mean = s / static_cast<double>(p.n);
  if (p.n < 2 || !std::isfinite(p.mean)) return p;
  double ss = 0;
  for (double x : d) ss += (x - p.mean) * (x - p.mean);
  const double se = std::sqrt(ss / static_cast<double>(p.n - 1) / static_cast<double>(p.n));
  const double h = t975(p.n - 1) * se;
  p.low = p.mean - h;
  p.high = p.mean + h;
  return p;
}

}  // namespace placesim
