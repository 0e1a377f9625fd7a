#pragma once
// Pure staffing rules (docs/model.md "Staffing from demand, capacity that moves, morale"):
// posts from demand, the manager's review under follow_workload, the coordination overhead of
// a self-managing team, and what morale does to a worker's hours and effect. No state here:
// ServiceSystem owns the workers and calls these.
#include <array>
#include <cstdint>

#include "agents/units.hpp"
#include "core/config.hpp"

namespace placesim {

// Posts per unit derived from demand, computed once per experiment from the base
// configuration's silo pilot (sim/staffing_plan) and given to every arm (the same budget).
struct StaffingPlan {
  bool valid = false;
  std::array<std::int64_t, kUnits> posts{};
  std::array<double, kUnits> hours_per_day{};  // pilot: hours worked per day after warm-up
  std::array<double, kUnits> availability{};   // pilot: hours available / hours paid
  double target = 0;                            // staffing.target_utilisation used
  double warmup_days = 0, measure_days = 0;
  double pilot_staff_per_10k = 0;               // ample staff the pilot actually ran with
  std::int64_t total() const {
    std::int64_t t = 0;
    for (auto p : posts) t += p;
    return t;
  }
};

// posts = ceil(factor x hours / (hours_per_day x availability x target)), at least one post
// in every unit that serves the public outside the team (a department must exist to be
// referred to), none in the team (the silo baseline has no team).
std::int64_t posts_for(double hours_per_day_worked, double hours_per_day, double availability,
                       double target, double factor, bool at_least_one);

// Share of paid hours a worker is available (not sick, not disengaged) at this morale.
double available_share(const WorkerParams& W, double morale);

// Effect of one of the worker's hours relative to a worker at morale 0.5.
double productivity_from(const WorkerParams& W, double morale);

// Number of self-managing subteams of a team of n workers in post (n > split splits it into
// the fewest subteams of at most `split` each; split <= 0 never splits).
std::int64_t subteams(std::int64_t n, double split);

// Daily coordination hours of the worker of rank r (0-based, among the n in post): the
// colleagues in their subteam x hours per colleague. Subteams are as even as possible.
double coordination_hours(std::int64_t rank, std::int64_t n, double split, double per_colleague);

// The manager's review (staffing.policy = "follow_workload"): the change of posts per unit
// that closes `adjust` of the gap to the posts needed at the target, moving posts from units
// below the target to units above it, hiring only within the budget and releasing what no
// unit needs. `posts` are the unit's current posts, `worked` hours worked per day since the
// last review, `available` hours available per post per day. `floor_posts` is the least a
// unit may keep.
std::array<std::int64_t, kUnits> review_posts(const std::array<std::int64_t, kUnits>& posts,
                                              const std::array<double, kUnits>& worked,
                                              const std::array<double, kUnits>& available,
                                              const std::array<std::int64_t, kUnits>& floor_posts,
                                              double target, double adjust, std::int64_t budget);

}  // namespace placesim
