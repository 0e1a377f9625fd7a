#pragma once
// Staffing from demand (staffing.mode = "from_demand"): a pilot run of the silo baseline with
// ample staff measures each unit's hours worked per day after warm-up; the posts are those
// that run it at staffing.target_utilisation (agents/staffing.hpp posts_for).
#include "agents/staffing.hpp"
#include "core/config.hpp"

namespace placesim {

// The configuration the pilot runs: `base` with the silo design (no team, no transition),
// fixed-ratio staffing at staffing.pilot_staff_per_10k x `ample`, fixed posts, its own seed.
Config pilot_config(const Config& base, double ample = 1.0);

// Runs the pilot (and reruns it with twice the staff if any unit was short of hours, at most
// twice) and returns the plan. Deterministic: depends on `base` only.
StaffingPlan plan_staffing(const Config& base);

// True when runs of `cfg` take their posts from a plan.
bool wants_plan(const Config& cfg);

}  // namespace placesim
