#include "sim/staffing_plan.hpp"

#include <algorithm>
#include <cmath>

#include "core/rng.hpp"
#include "sim/simulation.hpp"

namespace placesim {

bool wants_plan(const Config& cfg) {
  return cfg.services.enabled && !cfg.docking.enabled && cfg.staffing.mode == "from_demand";
}

Config pilot_config(const Config& base, double ample) {
  Config p = base;
  p.relational.coverage = 0;
  p.transition.start_day = -1;
  p.staffing.mode = "fixed_ratio";
  p.staffing.policy = "fixed";
  p.workers.staff_per_10k = base.staffing.pilot_staff_per_10k * ample;
  p.run.days = static_cast<std::int64_t>(std::max(0.0, base.staffing.pilot_warmup_days)) +
               static_cast<std::int64_t>(std::max(1.0, base.staffing.pilot_days));
  p.run.sample_citizens = 0;
  // Its own seed: the plan is a forecast from a place like this one, not a preview of this
  // run's own life events (with the run's seed it would staff for exactly the future it sees).
  Stream s(static_cast<std::uint64_t>(base.run.seed), 0, 0, Purpose::StaffingPilot);
  const std::uint64_t hi = s.next_u32(), lo = s.next_u32();
  // Seeds are stored as signed 64-bit: keep the top bit clear.
  p.run.seed = static_cast<std::int64_t>(((hi << 32) | lo) >> 1);
  return p;
}

StaffingPlan plan_staffing(const Config& base) {
  const StaffingParams& S = base.staffing;
  const double H = base.workers.hours_per_day;
  StaffingPlan plan;
  for (double ample = 1.0;; ample *= 2) {
    const Config p = pilot_config(base, ample);
    Simulation sim(p);
    const auto warmup = static_cast<std::int64_t>(std::max(0.0, S.pilot_warmup_days));
    std::array<double, kUnits> worked{}, avail{}, paid{};
    for (std::int64_t t = 0; t < p.run.days; ++t) {
      sim.step();
      if (t < warmup) continue;
      const ServiceSystem& ss = *sim.services();
      for (int u = 0; u < kUnits; ++u) {
        const UnitDay& d = ss.units()[u].day;
        double w = 0;
        for (int a = 0; a < kActivities; ++a)
          if (a != Idle && a != Absence) w += d.hours[a];
        worked[u] += w;
        avail[u] += w + d.hours[Idle];
        paid[u] += H * static_cast<double>(ss.staff_in(u));
      }
    }
    const double days = static_cast<double>(p.run.days - warmup);
    plan = StaffingPlan{};
    plan.valid = true;
    plan.target = S.target_utilisation;
    plan.warmup_days = static_cast<double>(warmup);
    plan.measure_days = days;
    plan.pilot_staff_per_10k = p.workers.staff_per_10k;
    bool short_of_hours = false;
    for (int u = 0; u < kUnits; ++u) {
      plan.hours_per_day[u] = worked[u] / days;
      plan.availability[u] = paid[u] > 0 ? avail[u] / paid[u] : 1.0;
      // At plan_factor 1: each arm applies its own factor (agents/service_system.cpp).
      plan.posts[u] = posts_for(plan.hours_per_day[u], H, plan.availability[u], S.target_utilisation,
                                1.0, u != kTeam);
      // The pilot must not be short of staff itself, or it measures capacity, not demand.
      if (avail[u] > 0 && worked[u] / avail[u] > 0.8) short_of_hours = true;
    }
    if (!short_of_hours || ample >= 4) break;
  }
  return plan;
}

}  // namespace placesim
