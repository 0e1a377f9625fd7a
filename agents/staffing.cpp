#include "agents/staffing.hpp"

#include <algorithm>
#include <cmath>

namespace placesim {

std::int64_t posts_for(double worked, double hours_per_day, double availability, double target,
                       double factor, bool at_least_one) {
  const double per_post = hours_per_day * availability * target;
  std::int64_t n = 0;
  // A tiny epsilon so that an exact multiple (e.g. a test's 8.7 hours at 0.87) is not rounded up.
  if (per_post > 0 && worked > 0)
    n = static_cast<std::int64_t>(std::ceil(factor * worked / per_post - 1e-9));
  return std::max<std::int64_t>(n, at_least_one ? 1 : 0);
}

double available_share(const WorkerParams& W, double morale) {
  return std::clamp(W.available_base + W.available_slope * morale, 0.0, 1.0);
}

double productivity_from(const WorkerParams& W, double morale) {
  return std::max(0.0, W.productivity_base + W.productivity_slope * morale);
}

std::int64_t subteams(std::int64_t n, double split) {
  if (n <= 0) return 0;
  if (split < 1) return 1;
  const auto s = static_cast<std::int64_t>(split);
  return (n + s - 1) / s;
}

double coordination_hours(std::int64_t rank, std::int64_t n, double split, double per_colleague) {
  const std::int64_t k = subteams(n, split);
  if (k == 0 || rank < 0 || rank >= n) return 0;
  // Worker r is in subteam r mod k; the first n mod k subteams have one more member.
  const std::int64_t size = n / k + ((rank % k) < (n % k) ? 1 : 0);
  return per_colleague * static_cast<double>(size - 1);
}

std::array<std::int64_t, kUnits> review_posts(const std::array<std::int64_t, kUnits>& posts,
                                              const std::array<double, kUnits>& worked,
                                              const std::array<double, kUnits>& available,
                                              const std::array<std::int64_t, kUnits>& floor_posts,
                                              double target, double adjust, std::int64_t budget) {
  std::array<std::int64_t, kUnits> change{};
  std::int64_t total = 0, up = 0, down = 0;
  for (int u = 0; u < kUnits; ++u) {
    total += posts[u];
    // Without hours available there is nothing to read the workload from: leave the unit be.
    if (available[u] <= 0 || target <= 0) continue;
    const double needed = worked[u] / (available[u] * target);
    const double step = adjust * (needed - static_cast<double>(posts[u]));
    change[u] = static_cast<std::int64_t>(std::lround(step));
    change[u] = std::max(change[u], floor_posts[u] - posts[u]);
    if (change[u] > 0) up += change[u];
    else down -= change[u];
  }
  // Hiring beyond what is released must fit the budget: trim the largest increase first
  // (lowest unit on a tie), one post at a time, so a shortfall is shared between the units
  // that asked rather than falling on one.
  std::int64_t excess = total + up - down - budget;
  while (excess > 0 && up > 0) {
    int best = -1;
    for (int u = 0; u < kUnits; ++u)
      if (change[u] > 0 && (best < 0 || change[u] > change[best])) best = u;
    --change[best];
    --up;
    --excess;
  }
  return change;
}

}  // namespace placesim
