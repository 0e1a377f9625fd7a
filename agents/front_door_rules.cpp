// Customer services, the silo design's front door: every contact is triaged and routed to the
// department that owns the presenting problem (a hand-off, which can lose the person).
// Chasing contacts take the time of a call about an open case (mechanics.contact_hours, as at
// every unit) and change nothing: that is what failure demand costs.
#include "agents/service_context.hpp"
#include "agents/worker_mechanics.hpp"

namespace placesim {

void front_door_day(UnitContext& cx, UnitState& us) {
  const SiloRules& S = cx.cfg.silo;
  while (!us.contacts.empty()) {
    const Contact& next = us.contacts.front();
    // A chase is the same call wherever it lands; routing a new request takes triage.
    const double h = next.chase ? cx.cfg.mechanics.contact_hours : S.triage_hours;
    const std::int32_t w = pick_worker(cx, h, UINT32_MAX);
    if (w < 0) break;  // the rest wait for tomorrow
    const Contact ct = next;
    us.contacts.pop_front();
    spend(cx, us, w, Handoff, h);
    emit(us, ct.citizen, MsgKind::Hours, ct.domain, kFrontDoor, h);
    if (ct.chase) continue;
    // Simple transactional requests are what standard, centralised processes do well: the
    // front door applies the standard fix itself, cheaply, with no assessment or hand-off.
    // Someone coming back about the same problem (failure demand) is passed to the department.
    if (!ct.failure && cx.citizens.need[ct.domain][ct.citizen] < S.transaction_level) {
      const std::int32_t v = pick_worker(cx, S.transaction_hours, UINT32_MAX);
      if (v >= 0) {
        spend(cx, us, v, Handoff, S.transaction_hours);
        emit(us, ct.citizen, MsgKind::Hours, ct.domain, kFrontDoor, S.transaction_hours);
        emit(us, ct.citizen, MsgKind::NeedScale, ct.domain, kFrontDoor, 1.0 - S.transaction_effect);
        emit(us, ct.citizen, MsgKind::CaseClosed, ct.domain, dept_of(ct.domain),
             static_cast<double>(1u << ct.domain));
        ++us.day.transactions;
        continue;
      }
    }
    Stream s = unit_stream(cx, ct.citizen, Purpose::HandoffLoss, kFrontDoor);
    ++us.day.referrals;
    // The same tie-trust mechanics as every hand-off (agents/worker_mechanics.hpp).
    const double T = cx.org.unit_trust(kFrontDoor, dept_of(ct.domain), 0.5f);
    if (s.bernoulli(handoff_loss_prob(cx.cfg.mechanics, T))) {
      ++us.day.lost;
      emit(us, ct.citizen, MsgKind::Lost, ct.domain, dept_of(ct.domain), cx.cfg.trust.lost);
      emit(us, ct.citizen, MsgKind::Unreserve, ct.domain, dept_of(ct.domain), 0);
    } else {
      const bool info = s.bernoulli(info_travel_prob(cx.cfg.services.info_sharing, T));
      us.day.info_travelled += info;
      emit(us, ct.citizen, MsgKind::Referral, ct.domain, dept_of(ct.domain), info ? 3.0 : 2.0);
    }
  }
}

}  // namespace placesim
