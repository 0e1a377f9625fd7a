// The relational locality team (MODEL.md section 5, right column). One worker owns each case
// from the first conversation to letting go: Understand -> Context (causes are understood with
// a chance that grows with face-to-face time and experience) -> Explore (the action with the
// greatest impact, decided with the person: causes first) -> Ownership (act, pull an expert
// in without a new assessment, introduce warmly to a community group) until the person is
// back in balance.
#include <algorithm>
#include <cmath>

#include "agents/service_context.hpp"

namespace placesim {
namespace {

constexpr float kCauseSeen = 0.05f;  // a cause weaker than this no longer drives anything

double uncover_prob(const UnitContext& cx, std::int32_t w, double hours) {
  const double rate = cx.cfg.relational.uncover_rate * (1.0 + cx.workers.experience[w]);
  return 1.0 - std::exp(-rate * hours);
}

void try_uncover(UnitContext& cx, std::uint32_t id, std::int32_t w, double hours, Stream& s) {
  const std::uint32_t i = cx.cases.citizen[id];
  const double p = uncover_prob(cx, w, hours);
  for (int d = 0; d < kDomains; ++d) {
    const bool hidden = !(cx.cases.uncovered[id] & (1u << d));
    if (hidden && cx.citizens.cause[d][i] >= kCauseSeen && s.bernoulli(p))
      cx.cases.uncovered[id] |= static_cast<std::uint8_t>(1u << d);
  }
}

void introduce(UnitContext& cx, UnitState& us, std::int32_t w, std::uint32_t i, GroupKind g,
               Stream& s) {
  const RelationalRules& R = cx.cfg.relational;
  if (cx.citizens.groups[i] & (1u << g)) return;
  if (cx.workers.hours_left[w] + 1e-6f < R.intro_hours) return;
  spend(cx, us, w, Coordination, R.intro_hours);
  emit(us, i, MsgKind::Hours, g, kTeam, R.intro_hours);
  ++us.day.intros;
  if (s.bernoulli(R.intro_uptake)) emit(us, i, MsgKind::JoinGroup, g, kTeam, 1);
}

// A later contact counts as failure demand only for what this case worked on.
std::uint8_t worked_domains(const Cases& k, std::uint32_t id) {
  return static_cast<std::uint8_t>(k.worked[id] | (1u << k.domain[id]));
}

bool back_in_balance(const UnitContext& cx, std::uint32_t id) {
  const std::uint32_t i = cx.cases.citizen[id];
  for (int d = 0; d < kDomains; ++d) {
    if (cx.citizens.need[d][i] >= cx.cfg.relational.balance_level) return false;
    if ((cx.cases.uncovered[id] & (1u << d)) && cx.citizens.cause[d][i] >= kCauseSeen) return false;
  }
  return true;
}

void visit(UnitContext& cx, UnitState& us, std::uint32_t id) {
  const RelationalRules& R = cx.cfg.relational;
  Cases& k = cx.cases;
  const Citizens& c = cx.citizens;
  const std::int32_t w = k.worker[id];
  const std::uint32_t i = k.citizen[id];
  const auto t = static_cast<std::int32_t>(cx.tick);
  Stream s = unit_stream(cx, i, Purpose::Uncover, kTeam);

  // Letting go is decided at the start of a visit, from how the person is now.
  if (back_in_balance(cx, id)) {
    emit(us, i, MsgKind::Trust, 0, kTeam, cx.cfg.trust.resolved);
    close_case(cx, us, id, Outcome::Balanced, worked_domains(k, id), true);
    cx.workers.experience[w] += static_cast<float>(
        cx.cfg.workers.learning_rate * (1.0 + R.learning_boost * cx.team_experience) *
        (1.0 - cx.workers.experience[w]));
    return;
  }
  if (t - k.opened[id] >= R.max_days) {
    close_case(cx, us, id, Outcome::TimeLimit, worked_domains(k, id), false);
    return;
  }

  spend(cx, us, w, FaceToFace, R.session_hours);
  spend(cx, us, w, Recording, R.session_hours * R.recording_share);
  spend(cx, us, w, Travel, R.travel_hours);
  const double h = R.session_hours * (1 + R.recording_share) + R.travel_hours;
  k.hours[id] += static_cast<float>(h);
  emit(us, i, MsgKind::Hours, 0, kTeam, h);
  emit(us, i, MsgKind::Trust, 0, kTeam, cx.cfg.trust.owned_session);
  try_uncover(cx, id, w, R.session_hours, s);
  // Intensity follows need: visits every session_interval days at crisis level, less often as
  // the person steadies (at most four times the interval apart).
  const double gap = R.session_interval / std::max(0.25, static_cast<double>(largest_need(c, i)));
  k.next_day[id] = t + std::max<std::int32_t>(1, static_cast<std::int32_t>(std::lround(gap)));

  // Explore: the action with the greatest impact, decided with the person. A cause keeps
  // pushing until it is dealt with, so an understood cause outranks a need of the same size.
  int best = -1;
  bool on_cause = false;
  float impact = 0;
  for (int d = 0; d < kDomains; ++d) {
    const float weighted = static_cast<float>(R.cause_priority) * c.cause[d][i];
    if ((k.uncovered[id] & (1u << d)) && c.cause[d][i] >= kCauseSeen && weighted > impact) {
      impact = weighted;
      best = d;
      on_cause = true;
    }
    if (c.need[d][i] >= R.balance_level && c.need[d][i] > impact) {
      impact = c.need[d][i];
      best = d;
      on_cause = false;
    }
  }
  if (best >= 0) {
    ++us.day.decisions;
    ++us.day.coproduced;
    if (s.bernoulli(R.escalation_prob)) {
      // A complex decision goes to the manager, who clears it; the action waits a visit.
      ++us.day.escalated;
      const double wh = std::min<double>(cx.cfg.silo.escalation_hours,
                                         std::max(0.0f, cx.workers.hours_left[w]));
      spend(cx, us, w, Waiting, wh);
      k.hours[id] += static_cast<float>(wh);
      emit(us, i, MsgKind::Hours, best, kTeam, wh);
    } else if (on_cause) {
      emit(us, i, MsgKind::CauseScale, best, kTeam, 1.0 - R.cause_effect);
      ++us.day.actions;
    } else if ((best == Money || best == Housing) && R.budget_spend > 0 &&
               k.budget[id] + R.budget_spend <= R.budget_per_case + 1e-9) {
      // Practical help from the discretionary budget (arrears paid, a deposit, a cooker):
      // decided in the work, no expert needed, and it works like an expert's action.
      k.budget[id] += static_cast<float>(R.budget_spend);
      us.day.spend += R.budget_spend;
      emit(us, i, MsgKind::Spend, best, kTeam, R.budget_spend);
      emit(us, i, MsgKind::NeedScale, best, kTeam, 1.0 - cx.cfg.services.expert_effect);
      ++us.day.actions;
    } else if (c.need[best][i] >= R.pull_level && !(cx.workers.skills[w] & (1u << best)) &&
               cx.staffed[dept_of(best)] > 0) {
      // Pull an expert in: no new front door, no assessment, no threshold.
      const double ch = std::min(0.25, std::max(0.0, double(cx.workers.hours_left[w])));
      spend(cx, us, w, Coordination, ch);
      k.hours[id] += static_cast<float>(ch);
      emit(us, i, MsgKind::Hours, best, kTeam, ch);
      // The same expert comes back for the same domain, so only the first pull is a new face.
      const bool first = !(k.pulled[id] & (1u << best));
      k.pulled[id] |= static_cast<std::uint8_t>(1u << best);
      emit(us, i, MsgKind::Pull, best, dept_of(best), first ? 1 : 0);
      ++us.day.pulls;
      ++us.day.actions;
    } else {
      // The worker acts: as an expert where they have the skill, else as a generalist (also
      // when the department that would lend an expert has nobody in post).
      const double effect = (cx.workers.skills[w] & (1u << best)) ? cx.cfg.services.expert_effect
                                                                  : R.generalist_effect;
      emit(us, i, MsgKind::NeedScale, best, kTeam, 1.0 - effect);
      ++us.day.actions;
    }
    k.worked[id] |= static_cast<std::uint8_t>(1u << best);
  }
  // Safeguarding is a statutory duty in every design (Rule 1).
  // A department with nobody in post cannot take it (small places); the owning worker keeps
  // the family need in the case instead.
  if (c.need[Family][i] >= cx.cfg.services.safeguarding_level && !k.statutory[id] &&
      cx.staffed[dept_of(Family)] > 0) {
    emit(us, i, MsgKind::Referral, Family, dept_of(Family), 1.0);
    ++us.day.referrals;
    ++us.day.info_travelled;
    k.statutory[id] = 1;  // one statutory referral per case
  }
  // Community: warm introductions where isolation or a matching need shows.
  if (c.need[Connection][i] >= 0.3 || c.support[i] < 0.5) introduce(cx, us, w, i, GroupConnection, s);
  if (c.need[Money][i] >= 0.5) introduce(cx, us, w, i, GroupFoodMoney, s);
  if (std::max(c.need[Mental][i], c.need[Substances][i]) >= 0.5) introduce(cx, us, w, i, GroupPeer, s);
}

}  // namespace

void team_day(UnitContext& cx, UnitState& us) {
  const RelationalRules& R = cx.cfg.relational;
  Cases& k = cx.cases;
  const auto t = static_cast<std::int32_t>(cx.tick);
  const double visit_h = R.session_hours * (1 + R.recording_share) + R.travel_hours;
  const auto cap = static_cast<std::uint32_t>(R.max_caseload);

  // Chasing contacts still reach the team and take its time.
  while (!us.contacts.empty()) {
    const std::int32_t w = pick_worker(cx, cx.cfg.silo.triage_hours, UINT32_MAX);
    if (w < 0) break;
    const Contact ct = us.contacts.front();
    us.contacts.pop_front();
    spend(cx, us, w, Handoff, cx.cfg.silo.triage_hours);
    emit(us, ct.citizen, MsgKind::Hours, ct.domain, kTeam, cx.cfg.silo.triage_hours);
  }

  for (std::uint32_t id : us.active) {
    if (k.stage[id] != Stage::Work || k.next_day[id] > t) continue;
    const std::int32_t w = k.worker[id];
    if (cx.workers.vacant_until[w] >= 0) continue;
    if (cx.workers.hours_left[w] + 1e-6f < visit_h) continue;  // tomorrow
    visit(cx, us, id);
  }

  while (!us.queue.empty()) {
    const double first_h = R.understand_hours * (1 + R.recording_share) + R.travel_hours;
    const std::int32_t w = pick_worker(cx, first_h, cap);
    if (w < 0) break;
    const std::uint32_t id = us.queue.front();
    us.queue.pop_front();
    const std::uint32_t i = k.citizen[id];
    k.worker[id] = w;
    k.started[id] = t;
    k.stage[id] = Stage::Work;
    k.next_day[id] = t + 1;
    ++cx.workers.caseload[w];
    ++us.day.started;
    us.day.wait_days_started += t - k.queued[id];
    // The one understanding conversation: counted as the person's assessment, spent face to face.
    spend(cx, us, w, FaceToFace, R.understand_hours);
    spend(cx, us, w, Recording, R.understand_hours * R.recording_share);
    spend(cx, us, w, Travel, R.travel_hours);
    k.hours[id] += static_cast<float>(first_h);
    ++us.day.assessments;
    emit(us, i, MsgKind::Started, k.domain[id], kTeam, 0);
    emit(us, i, MsgKind::Hours, k.domain[id], kTeam, first_h);
    emit(us, i, MsgKind::Assessed, k.domain[id], kTeam, 1);
    emit(us, i, MsgKind::MetWorker, k.domain[id], kTeam, 1);
    Stream s = unit_stream(cx, i, Purpose::Uncover, kTeam);
    try_uncover(cx, id, w, R.understand_hours, s);
    // A team wrapped in procedures may have a threshold; the relational design has none.
    if (R.threshold > 0) {
      ++us.day.decisions;
      if (largest_need(cx.citizens, i) < R.threshold) {
        emit(us, i, MsgKind::Trust, k.domain[id], kTeam, cx.cfg.trust.turned_away);
        close_case(cx, us, id, Outcome::Ineligible, static_cast<std::uint8_t>(1u << k.domain[id]), false);
        continue;
      }
    }
    us.active.push_back(id);
  }
  drop_closed(k, us);
}

}  // namespace placesim
