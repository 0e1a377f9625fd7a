// Configuration keys of staffing from demand and the staffing policy (staffing.*).
#include <string>
#include <vector>

#include "sim/param_registry.hpp"

namespace placesim {

void register_staffing_params(ParamBuilder& b) {
  auto r = [&b](double StaffingParams::*f, const char* n, double lo, double hi, const char* u,
                const char* desc) {
    b.real(std::string("staffing.") + n, [f](Config& c) -> double& { return c.staffing.*f; }, lo,
           hi, u, desc);
  };
  b.text("staffing.mode", [](Config& c) -> std::string& { return c.staffing.mode; },
         "\"from_demand\": each unit's posts are set so that the silo baseline (a pilot run) works "
         "at staffing.target_utilisation; \"fixed_ratio\": workers.staff_per_10k shared by fixed "
         "weights.");
  r(&StaffingParams::target_utilisation, "target_utilisation", 0.05, 1.5, "share",
    "Hours worked over hours available that the plan's posts give the silo baseline after "
    "warm-up (queueing: waits grow without bound as this nears 1).");
  r(&StaffingParams::plan_factor, "plan_factor", 0, 10, "share",
    "Posts of the plan x this (below 1: a service staffed short of its demand, e.g. austerity).");
  r(&StaffingParams::pilot_warmup_days, "pilot_warmup_days", 0, 3650, "day",
    "Days the pilot runs before it measures (queues and morale settle).");
  r(&StaffingParams::pilot_days, "pilot_days", 1, 3650, "day",
    "Days over which the pilot measures each unit's hours worked.");
  r(&StaffingParams::pilot_staff_per_10k, "pilot_staff_per_10k", 1, 100000,
    "worker per 10,000 citizens",
    "Staff of the pilot run: ample, so it measures demand rather than capacity (doubled if a "
    "unit still works over 80% of its available hours).");
  b.text("staffing.policy", [](Config& c) -> std::string& { return c.staffing.policy; },
         "\"fixed\": posts never change; \"follow_workload\": a manager moves, adds and releases "
         "posts between units every staffing.review_days, toward the target utilisation, within "
         "the budget.");
  r(&StaffingParams::review_days, "review_days", 1, 3650, "day",
    "Days between the manager's reviews of posts (follow_workload).");
  r(&StaffingParams::move_lag_days, "move_lag_days", 0, 3650, "day",
    "Days from a review's decision to the move, hire or release taking effect.");
  r(&StaffingParams::adjust_share, "adjust_share", 0, 1, "share",
    "Share of the gap between a unit's posts and the posts it needs closed at one review.");
  r(&StaffingParams::budget_factor, "budget_factor", 0, 10, "share",
    "Total posts may not exceed the day-0 posts x this (follow_workload).");
  r(&StaffingParams::team_split_size, "team_split_size", 0, 100000, "worker",
    "A self-managing team splits into subteams of at most this many workers (0: never splits).");
  r(&StaffingParams::coordination_hours_per_colleague, "coordination_hours_per_colleague", 0, 24,
    "hour per day per colleague",
    "Daily coordination time of a team worker per colleague in their (sub)team.");
}

void validate_staffing(const Config& c, std::vector<std::string>& e) {
  if (c.staffing.mode != "from_demand" && c.staffing.mode != "fixed_ratio")
    e.push_back("staffing.mode must be \"from_demand\" or \"fixed_ratio\"");
  if (c.staffing.policy != "fixed" && c.staffing.policy != "follow_workload")
    e.push_back("staffing.policy must be \"fixed\" or \"follow_workload\"");
}

}  // namespace placesim
