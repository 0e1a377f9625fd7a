// Pieces every unit's daily rule shares: choosing a worker, closing a case.
#include "agents/service_context.hpp"

#include <algorithm>

namespace placesim {

std::int32_t pick_worker(const UnitContext& cx, double hours, std::uint32_t max_caseload) {
  std::int32_t best = -1;
  float best_left = 0;
  for (auto w : cx.staff) {
    if (cx.workers.vacant_until[w] >= 0) continue;
    const float left = cx.workers.hours_left[w];
    if (!fits_today(cx, static_cast<std::int32_t>(w), hours) || cx.workers.caseload[w] >= max_caseload)
      continue;
    if (best < 0 || left > best_left) {
      best = static_cast<std::int32_t>(w);
      best_left = left;
    }
  }
  return best;
}

std::uint32_t Cases::add(std::uint32_t citizen_id, int unit_id, int domain_id, std::int32_t tick,
                         bool information) {
  citizen.push_back(citizen_id);
  unit.push_back(static_cast<std::uint8_t>(unit_id));
  domain.push_back(static_cast<std::uint8_t>(domain_id));
  stage.push_back(Stage::Queued);
  worker.push_back(-1);
  opened.push_back(tick);
  started.push_back(-1);
  queued.push_back(tick);
  next_day.push_back(tick);
  hours.push_back(0.0f);
  uncovered.push_back(0);
  worked.push_back(0);
  info.push_back(information ? 1 : 0);
  statutory.push_back(0);
  pulled.push_back(0);
  budget.push_back(0.0f);
  referred.push_back(0);
  cleared.push_back(0);
  return static_cast<std::uint32_t>(citizen.size() - 1);
}

void drop_closed(const Cases& k, UnitState& us) {
  us.active.erase(std::remove_if(us.active.begin(), us.active.end(),
                                 [&](std::uint32_t id) { return k.stage[id] == Stage::Closed; }),
                  us.active.end());
}

void close_case(UnitContext& cx, UnitState& us, std::uint32_t id, Outcome outcome,
                std::uint8_t domains, bool resolved) {
  Cases& k = cx.cases;
  k.stage[id] = Stage::Closed;
  const std::int32_t w = k.worker[id];
  if (w >= 0 && cx.workers.caseload[w] > 0) --cx.workers.caseload[w];
  ++us.day.closed;
  if (resolved) ++us.day.resolved;
  emit(us, k.citizen[id], MsgKind::CaseClosed, k.domain[id], k.unit[id], domains);
  us.closed_today.push_back({k.citizen[id], k.unit[id], k.domain[id],
                             static_cast<std::uint8_t>(outcome), k.opened[id],
                             static_cast<std::int32_t>(cx.tick), k.hours[id]});
}

}  // namespace placesim
