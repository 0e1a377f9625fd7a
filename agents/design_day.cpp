// One rule-driven day for every unit that holds cases: a silo department and the relational
// team run THIS code, each with its own DesignRules (cfg.silo with the department's
// exceptions, or cfg.relational). Nothing here reads which design it is; the difference
// between the designs is only the rule values (MODEL.md section 5; docs/model.md 7.5).
//
// A day: contacts about open cases (chasing, crisis) take time; due visits, in start order;
// new cases from the queue, first come first served, while workers' weekly hours allow.
// A visit: let go (by the closing rule) -> a decision (may go up the hierarchy) -> time face
// to face (uncovering causes in the conversation's scope) -> act on the most pressing thing
// within the remit (cause or need; pulling an expert where the worker lacks the skill, if the
// rule says pull) -> other needs seen outside the remit are referred on or pulled, by the
// rule -> Rule 1 (safeguarding) -> groups (signposting or warm introduction) -> close after
// the standard fix, if that is the closing rule.
#include <algorithm>
#include <cmath>
#include <vector>

#include "agents/service_context.hpp"
#include "agents/worker_mechanics.hpp"

namespace placesim {
namespace {

constexpr std::uint8_t bit(int d) { return static_cast<std::uint8_t>(1u << d); }
// Rule switches are reals so a sweep can cross them; at or above one half they are on.
constexpr bool on(double x) { return x >= 0.5; }

// Levels at which a worker thinks a need worth acting on or handing on. Reasoning: a need in
// balance is left alone; a need the receiving service would turn away is not handed on.
double other_level(const DesignRules& R) { return std::max(R.threshold, R.balance_level); }

std::uint8_t remit_of(const DesignRules& R, const Cases& k, std::uint32_t id) {
  return on(R.remit_whole_person) ? 0xFF : bit(k.domain[id]);
}
std::uint8_t scope_of(const DesignRules& R, const Cases& k, std::uint32_t id) {
  return on(R.conversation_scope) ? 0xFF : bit(k.domain[id]);
}

float largest_in(const Citizens& c, std::uint32_t i, std::uint8_t domains) {
  float top = 0;
  for (int d = 0; d < kDomains; ++d)
    if (domains & bit(d)) top = std::max(top, c.need[d][i]);
  return top;
}

bool skilled(const UnitContext& cx, std::int32_t w, int d) { return (cx.workers.skills[w] & bit(d)) != 0; }

// Time face to face: each hidden cause in the conversation's scope may be understood.
void try_uncover(UnitContext& cx, const DesignRules& R, std::uint32_t id, std::int32_t w,
                 double hours, bool continuity, Stream& s) {
  Cases& k = cx.cases;
  const std::uint32_t i = k.citizen[id];
  const double p = uncover_prob(cx.cfg.mechanics, hours, cx.workers.experience[w], continuity, k.info[id] != 0);
  const std::uint8_t scope = scope_of(R, k, id);
  for (int d = 0; d < kDomains; ++d) {
    const bool hidden = !(k.uncovered[id] & bit(d));
    if ((scope & bit(d)) && hidden && cx.citizens.cause[d][i] >= kCauseSeen && s.bernoulli(p))
      k.uncovered[id] |= bit(d);
  }
}

// In balance: every need in the remit below the balance level and no understood cause left.
bool back_in_balance(const UnitContext& cx, const DesignRules& R, std::uint32_t id) {
  const Cases& k = cx.cases;
  const std::uint32_t i = k.citizen[id];
  const std::uint8_t remit = remit_of(R, k, id);
  for (int d = 0; d < kDomains; ++d) {
    if (!(remit & bit(d))) continue;
    if (cx.citizens.need[d][i] >= R.balance_level) return false;
    if ((k.uncovered[id] & bit(d)) && cx.citizens.cause[d][i] >= kCauseSeen) return false;
  }
  return true;
}

// The most pressing thing within the remit and what the worker sees: an understood cause
// (weighted by cause_priority, since a cause keeps pushing) or a need at or above balance.
struct Target {
  int domain = -1;
  bool cause = false;
};
Target choose(const UnitContext& cx, const DesignRules& R, std::uint32_t id, std::uint8_t seen) {
  const Cases& k = cx.cases;
  const Citizens& c = cx.citizens;
  const std::uint32_t i = k.citizen[id];
  const std::uint8_t in = static_cast<std::uint8_t>(remit_of(R, k, id) & seen);
  Target best;
  float impact = 0;
  for (int d = 0; d < kDomains; ++d) {
    if (!(in & bit(d))) continue;
    const float weighted = static_cast<float>(R.cause_priority) * c.cause[d][i];
    if ((k.uncovered[id] & bit(d)) && c.cause[d][i] >= kCauseSeen && weighted > impact) {
      impact = weighted;
      best = {d, true};
    }
    if (c.need[d][i] >= R.balance_level && c.need[d][i] > impact) {
      impact = c.need[d][i];
      best = {d, false};
    }
  }
  return best;
}

void learn(UnitContext& cx, const DesignRules& R, std::int32_t w, double unit_experience) {
  cx.workers.experience[w] += static_cast<float>(cx.cfg.workers.learning_rate *
                                                 (1.0 + R.learning_boost * unit_experience) *
                                                 (1.0 - cx.workers.experience[w]));
}

// A later contact counts as failure demand only for what this case worked on.
std::uint8_t worked_domains(const Cases& k, std::uint32_t id) {
  return static_cast<std::uint8_t>(k.worked[id] | bit(k.domain[id]));
}

// A hand-off to the department that owns `domain`: admin time, may be lost (less so on a
// trusted tie), information travels more on a trusted tie. Statutory referrals (Rule 1) are
// followed up, never lost, and carry the information.
void refer(UnitContext& cx, UnitState& us, const DesignRules& R, int unit, std::int32_t w,
           std::uint32_t i, int domain, Stream& s, bool statutory) {
  const int to = dept_of(domain);
  spend(cx, us, w, Handoff, R.handoff_hours);
  emit(us, i, MsgKind::Hours, domain, unit, R.handoff_hours);
  ++us.day.referrals;
  const double T = cx.org.unit_trust(unit, to, 0.5f);
  if (!statutory && s.bernoulli(handoff_loss_prob(cx.cfg.mechanics, T))) {
    ++us.day.lost;
    emit(us, i, MsgKind::Lost, domain, to, cx.cfg.trust.lost);
    return;
  }
  const bool info = statutory || s.bernoulli(info_travel_prob(cx.cfg.services.info_sharing, T));
  us.day.info_travelled += info;
  emit(us, i, MsgKind::Referral, domain, to, info ? 1.0 : 0.0);
}

// Ask the department that owns `domain` for expert time, without a new front door, threshold
// or assessment. The request costs the asker hand-off admin; whether it is answered today
// follows the trust on the tie (an unanswered request is asked again at the next visit).
// Returns false if there is nobody to ask.
bool try_pull(UnitContext& cx, UnitState& us, const DesignRules& R, int unit, std::uint32_t id,
              std::int32_t w, int domain, Stream& s) {
  const int to = dept_of(domain);
  if (to == unit || cx.staffed[to] == 0) return false;
  Cases& k = cx.cases;
  const std::uint32_t i = k.citizen[id];
  // An expert already asked for and on their way is waited for, not asked for again: a worker
  // who re-asks at every visit fills the expert's queue with copies of one request.
  if (cx.citizens.pull_pending[i] & bit(domain)) return true;
  const double ch = std::min<double>(R.handoff_hours, std::max(0.0f, cx.workers.hours_left[w]));
  spend(cx, us, w, Coordination, ch);
  k.hours[id] += static_cast<float>(ch);
  emit(us, i, MsgKind::Hours, domain, unit, ch);
  if (!s.bernoulli(pull_answer_prob(cx.cfg.mechanics, cx.org.unit_trust(unit, to, 0.5f)))) return true;
  // The same expert comes back for the same domain, so only the first pull is a new face.
  const bool first = !(k.pulled[id] & bit(domain));
  k.pulled[id] |= bit(domain);
  emit(us, i, MsgKind::Pull, domain, to, first ? 1 : 0);
  ++us.day.pulls;
  ++us.day.actions;
  return true;
}

// Tell the person about a group, by signposting or by a warm introduction (the rule); whether
// they join follows one uptake function of trust and introduction for every design.
void introduce(UnitContext& cx, UnitState& us, const DesignRules& R, int unit, std::int32_t w,
               std::uint32_t i, GroupKind g, Stream& s) {
  if (cx.citizens.groups[i] & (1u << g)) return;
  if (!fits_today(cx, w, R.intro_hours)) return;
  spend(cx, us, w, Coordination, R.intro_hours);
  emit(us, i, MsgKind::Hours, g, unit, R.intro_hours);
  if (on(R.introduction)) ++us.day.intros;
  else ++us.day.signposts;
  if (s.bernoulli(uptake_prob(cx.cfg.mechanics, cx.citizens.trust[i], R.introduction)))
    emit(us, i, MsgKind::JoinGroup, g, unit, 1);
}

// Remove a share of a need by the worker's action, and let the person feel helped.
void act_on_need(UnitContext& cx, UnitState& us, int unit, std::uint32_t i, int d, double effect) {
  emit(us, i, MsgKind::NeedScale, d, unit, 1.0 - effect);
  // Helped: trust rises with the share of the need the action removed (issue 10, item 3).
  if (effect > 0) emit(us, i, MsgKind::Trust, d, unit, cx.cfg.trust.resolved * effect);
  ++us.day.actions;
}

void visit(UnitContext& cx, UnitState& us, int unit, const DesignRules& R, std::uint32_t id,
           double unit_experience) {
  Cases& k = cx.cases;
  const Citizens& c = cx.citizens;
  const MechanicsParams& M = cx.cfg.mechanics;
  const std::int32_t w = k.worker[id];
  const std::uint32_t i = k.citizen[id];
  const auto t = static_cast<std::int32_t>(cx.tick);
  Stream s = unit_stream(cx, i, Purpose::UnitVisit, unit);

  // Letting go is decided at the start of a visit, from how the person is now.
  if (on(R.close_when_balanced) && back_in_balance(cx, R, id)) {
    close_case(cx, us, id, Outcome::Balanced, worked_domains(k, id), true);
    learn(cx, R, w, unit_experience);
    return;
  }
  if (t - k.opened[id] >= R.max_days) {
    close_case(cx, us, id, Outcome::TimeLimit, worked_domains(k, id), false);
    return;
  }

  // What the worker sees: the conversation's scope; with a presenting-domain form, other
  // needs only if noticed; a safeguarding concern always (Rule 1).
  std::uint8_t seen = scope_of(R, k, id);
  for (int e = 0; e < kDomains; ++e) {
    if (seen & bit(e)) continue;
    if (c.need[e][i] >= other_level(R) && s.bernoulli(R.notice_prob)) seen |= bit(e);
  }

  // A decision about the next action may go up the hierarchy; then the visit waits for it.
  if (!k.cleared[id] && choose(cx, R, id, seen).domain >= 0) {
    ++us.day.decisions;
    k.cleared[id] = 1;
    if (s.bernoulli(R.escalation_prob)) {
      ++us.day.escalated;
      const double wh = std::min<double>(R.escalation_hours, std::max(0.0f, cx.workers.hours_left[w]));
      spend(cx, us, w, Waiting, wh);
      k.hours[id] += static_cast<float>(wh);
      emit(us, i, MsgKind::Hours, k.domain[id], unit, wh);  // chasing a decision is time spent on the person
      k.next_day[id] = t + std::max<std::int32_t>(1, static_cast<std::int32_t>(std::lround(R.escalation_days)));
      return;
    }
  }

  // Time with the person: the same worker again (continuity) is what makes the story easier
  // to tell and trust grow.
  spend(cx, us, w, FaceToFace, R.visit_hours);
  spend(cx, us, w, Recording, R.visit_hours * R.recording_share);
  spend(cx, us, w, Travel, R.travel_hours);
  const double h = R.visit_hours * (1 + R.recording_share) + R.travel_hours;
  k.hours[id] += static_cast<float>(h);
  emit(us, i, MsgKind::Hours, k.domain[id], unit, h);
  emit(us, i, MsgKind::Trust, k.domain[id], unit, cx.cfg.trust.owned_session);
  try_uncover(cx, R, id, w, R.visit_hours, true, s);

  // Act on the most pressing thing within the remit.
  const Target best = choose(cx, R, id, seen);
  bool acted_in_remit = false;
  if (best.domain >= 0) {
    const int d = best.domain;
    if (!k.cleared[id]) ++us.day.decisions;  // found in this conversation, decided in the work
    k.cleared[id] = 0;  // the next action needs a new decision
    const bool co = s.bernoulli(coproduction_prob(R.coproduction, c.trust[i]));
    if (co) ++us.day.coproduced;
    const double prod = cx.workers.productivity[w];
    if (best.cause) {
      const double e = action_effect(M, R.visit_hours, skilled(cx, w, d), prod, co);
      emit(us, i, MsgKind::CauseScale, d, unit, 1.0 - e);
      ++us.day.actions;
    } else if ((d == Money || d == Housing) && R.budget_spend > 0 &&
               k.budget[id] + R.budget_spend <= R.budget_per_case + 1e-9) {
      // Practical help from the discretionary budget (arrears paid, a deposit, a cooker): the
      // money is the right tool for the need, so it acts with a full skill match.
      k.budget[id] += static_cast<float>(R.budget_spend);
      us.day.spend += R.budget_spend;
      emit(us, i, MsgKind::Spend, d, unit, R.budget_spend);
      act_on_need(cx, us, unit, i, d, action_effect(M, R.visit_hours, true, prod, co));
    } else if (!skilled(cx, w, d) && on(R.other_needs_by_pull) && c.need[d][i] >= R.pull_level &&
               try_pull(cx, us, R, unit, id, w, d, s)) {
      // an expert was asked for (or will be asked again next visit)
    } else {
      act_on_need(cx, us, unit, i, d, action_effect(M, R.visit_hours, skilled(cx, w, d), prod, co));
    }
    k.worked[id] |= bit(d);
    acted_in_remit = true;
  }

  // Other needs seen outside the remit: handed on (each once) or an expert pulled in (the
  // largest, one per visit), by the rule.
  const std::uint8_t outside = static_cast<std::uint8_t>(seen & ~remit_of(R, k, id));
  if (outside) {
    if (on(R.other_needs_by_pull)) {
      int top = -1;
      for (int e = 0; e < kDomains; ++e)
        if ((outside & bit(e)) && c.need[e][i] >= std::max(R.pull_level, other_level(R)) &&
            (top < 0 || c.need[e][i] > c.need[top][i]))
          top = e;
      if (top >= 0 && try_pull(cx, us, R, unit, id, w, top, s)) k.worked[id] |= bit(top);
    } else {
      for (int e = 0; e < kDomains; ++e) {
        if (!(outside & bit(e)) || (k.referred[id] & bit(e)) || c.need[e][i] < other_level(R)) continue;
        if (dept_of(e) == unit || !fits_today(cx, w, R.handoff_hours)) continue;
        k.referred[id] |= bit(e);
        refer(cx, us, R, unit, w, i, e, s, false);
      }
    }
  }

  // Safeguarding is a statutory duty in every design (Rule 1). A department with nobody in
  // post cannot take it (small places); the worker keeps the family need in the case instead.
  if (c.need[Family][i] >= cx.cfg.services.safeguarding_level && !(k.referred[id] & bit(Family)) &&
      unit != dept_of(Family) && cx.staffed[dept_of(Family)] > 0) {
    k.referred[id] |= bit(Family);
    refer(cx, us, R, unit, w, i, Family, s, true);
  }

  // Community: groups that match what the worker sees (isolation, money, mental health or
  // substances), by signposting or warm introduction.
  const bool whole = on(R.conversation_scope);
  if ((seen & bit(Connection)) && (c.need[Connection][i] >= 0.3 || (whole && c.support[i] < 0.5)))
    introduce(cx, us, R, unit, w, i, GroupConnection, s);
  if ((seen & bit(Money)) && c.need[Money][i] >= 0.5) introduce(cx, us, R, unit, w, i, GroupFoodMoney, s);
  if (((seen & bit(Mental)) && c.need[Mental][i] >= 0.5) || ((seen & bit(Substances)) && c.need[Substances][i] >= 0.5))
    introduce(cx, us, R, unit, w, i, GroupPeer, s);

  // Closing after the standard fix: once the presenting work is done (or nothing in the remit
  // needs doing any more). "Resolved" means the worker leaves the remit's needs below the
  // level they would act on (the need after today's action, which applies after the day).
  if (!on(R.close_when_balanced)) {
    (void)acted_in_remit;
    const float left = largest_in(c, i, remit_of(R, k, id));
    const bool acted_on_need = best.domain >= 0 && !best.cause;
    const double est = acted_on_need && best.domain == k.domain[id]
                           ? left * (1.0 - action_effect(M, R.visit_hours, skilled(cx, w, best.domain),
                                                         cx.workers.productivity[w], false))
                           : left;
    const bool resolved = est < other_level(R);
    close_case(cx, us, id, Outcome::Fixed, worked_domains(k, id), resolved);
    if (resolved) learn(cx, R, w, unit_experience);
    return;
  }
  // Intensity follows need: visits every visit_interval days at crisis level, less often as
  // the person steadies (at most four times the interval apart).
  const double gap = R.visit_interval / std::max(0.25, static_cast<double>(largest_need(c, i)));
  k.next_day[id] = t + std::max<std::int32_t>(1, static_cast<std::int32_t>(std::lround(gap)));
}

// Contacts about a case that is open here (chasing, crisis) take a worker's time; a crisis
// brings the next visit forward to today.
void take_contacts(UnitContext& cx, UnitState& us, int unit) {
  const double ch = cx.cfg.mechanics.contact_hours;
  const auto t = static_cast<std::int32_t>(cx.tick);
  std::vector<std::uint32_t> crisis;  // people who called in crisis today
  while (!us.contacts.empty()) {
    const std::int32_t w = pick_worker(cx, ch, UINT32_MAX);
    if (w < 0) break;  // the rest wait for tomorrow
    const Contact ct = us.contacts.front();
    us.contacts.pop_front();
    spend(cx, us, w, Handoff, ch);
    emit(us, ct.citizen, MsgKind::Hours, ct.domain, unit, ch);
    if (ct.crisis) crisis.push_back(ct.citizen);
  }
  if (crisis.empty()) return;
  // One pass over the open cases, not one per call: large places have many of both.
  std::sort(crisis.begin(), crisis.end());
  for (std::uint32_t id : us.active)
    if (cx.cases.stage[id] == Stage::Work &&
        std::binary_search(crisis.begin(), crisis.end(), cx.cases.citizen[id]))
      cx.cases.next_day[id] = std::min(cx.cases.next_day[id], t);
}

std::size_t slot(const UnitContext& cx, std::int32_t w) {
  return static_cast<std::size_t>(std::lower_bound(cx.staff.begin(), cx.staff.end(), static_cast<std::uint32_t>(w)) -
                                  cx.staff.begin());
}

// Weekly hours each worker of the unit (by position in cx.staff) has promised to open cases.
std::vector<double> weekly_load(const UnitContext& cx, const UnitState& us, const DesignRules& R) {
  std::vector<double> load(cx.staff.size(), 0.0);
  for (std::uint32_t id : us.active) {
    if (cx.cases.stage[id] == Stage::Closed || cx.cases.worker[id] < 0) continue;
    load[slot(cx, cx.cases.worker[id])] += weekly_case_hours(R, largest_need(cx.citizens, cx.cases.citizen[id]));
  }
  return load;
}

// The worker with the most hours left today who can give `hours` now and whose weekly load
// still has room for the new case (ties to the lowest id); -1 if none. A worker with no open
// case can always take one.
std::int32_t pick_by_load(const UnitContext& cx, const std::vector<double>& load, double hours,
                          double adds, double week) {
  std::int32_t best = -1;
  float best_left = 0;
  for (std::size_t j = 0; j < cx.staff.size(); ++j) {
    const auto w = cx.staff[j];
    if (cx.workers.vacant_until[w] >= 0) continue;
    const float left = cx.workers.hours_left[w];
    if (!fits_today(cx, static_cast<std::int32_t>(w), hours)) continue;
    if (load[j] > 0 && load[j] + adds > week) continue;
    if (best < 0 || left > best_left) {
      best = static_cast<std::int32_t>(w);
      best_left = left;
    }
  }
  return best;
}

double mean_experience(const UnitContext& cx) {
  double sum = 0;
  for (auto w : cx.staff) sum += cx.workers.experience[w];
  return cx.staff.empty() ? 0.0 : sum / static_cast<double>(cx.staff.size());
}

}  // namespace

void design_day(UnitContext& cx, UnitState& us, int unit, const DesignRules& R) {
  Cases& k = cx.cases;
  const Citizens& c = cx.citizens;
  const MechanicsParams& M = cx.cfg.mechanics;
  const auto t = static_cast<std::int32_t>(cx.tick);
  // Computed once at the start of the day, so learning today does not depend on case order.
  const double unit_exp = mean_experience(cx);
  take_contacts(cx, us, unit);

  const double visit_h = R.visit_hours * (1 + R.recording_share) + R.travel_hours;
  for (std::uint32_t id : us.active) {
    if (k.stage[id] != Stage::Work || k.next_day[id] > t) continue;
    const std::int32_t w = k.worker[id];
    if (cx.workers.vacant_until[w] >= 0) continue;
    if (!fits_today(cx, w, visit_h)) {
      // Target culture: a due case past its target date is closed rather than left open.
      if (R.target_days > 0 && t - k.opened[id] >= R.target_days)
        close_case(cx, us, id, Outcome::Target, worked_domains(k, id), false);
      continue;  // else tomorrow
    }
    visit(cx, us, unit, R, id, unit_exp);
  }

  // New cases. A worker takes one only while the hours their open cases need per week fit in
  // their week: caseload follows from hours (and from how needy the people are), not a cap.
  std::vector<double> load = weekly_load(cx, us, R);
  const double week = cx.cfg.workers.hours_per_day * 7.0;
  const Activity first_kind = on(R.conversation_scope) ? FaceToFace : Assessment;
  while (!us.queue.empty()) {
    const std::uint32_t id = us.queue.front();
    const std::uint32_t i = k.citizen[id];
    const int d = k.domain[id];
    // Information that travelled spares part of the first meeting and the retelling.
    const double assess_h = R.assessment_hours * (k.info[id] ? 1.0 - M.info_assessment_saving : 1.0);
    const double first_h = assess_h * (1 + R.recording_share) + R.travel_hours;
    const double adds = weekly_case_hours(R, largest_need(c, i));
    const std::int32_t w = pick_by_load(cx, load, first_h, adds, week);
    if (w < 0) break;
    load[slot(cx, w)] += adds;
    us.queue.pop_front();
    k.worker[id] = w;
    k.started[id] = t;
    k.stage[id] = Stage::Work;
    k.next_day[id] = t + 1;
    k.cleared[id] = 0;
    ++cx.workers.caseload[w];
    ++us.day.started;
    us.day.wait_days_started += t - k.queued[id];
    // An assessment form is assessment time; an understanding conversation is time face to
    // face with the person. Both count as the person's assessment.
    spend(cx, us, w, first_kind, assess_h);
    spend(cx, us, w, Recording, assess_h * R.recording_share);
    spend(cx, us, w, Travel, R.travel_hours);
    k.hours[id] += static_cast<float>(first_h);
    ++us.day.assessments;
    emit(us, i, MsgKind::Started, d, unit, 0);
    emit(us, i, MsgKind::Hours, d, unit, first_h);
    emit(us, i, MsgKind::Assessed, d, unit, 1);
    emit(us, i, MsgKind::MetWorker, d, unit, 1);
    if (!k.info[id] && c.assessments[i] > 0) emit(us, i, MsgKind::Trust, d, unit, cx.cfg.trust.retell);
    Stream s = unit_stream(cx, i, Purpose::UnitStart, unit);
    try_uncover(cx, R, id, w, assess_h, false, s);
    if (R.threshold > 0) {
      ++us.day.decisions;
      if (largest_in(c, i, remit_of(R, k, id)) < R.threshold) {
        emit(us, i, MsgKind::Trust, d, unit, cx.cfg.trust.turned_away);
        close_case(cx, us, id, Outcome::Ineligible, bit(d), false);
        continue;
      }
    }
    us.active.push_back(id);
  }
  drop_closed(k, us);
}

void serve_pulls(UnitContext& cx, UnitState& us, int unit) {
  while (!us.pulls.empty()) {
    const Pull p = us.pulls.front();
    // The expert brings their skill but works inside the asking unit's case: the hours of a
    // pull, what is recorded and how far the person is invited into the decision are the
    // asking design's rules (a pull from a silo department follows the silo rules).
    const DesignRules& R = unit_kind(p.from) == UnitKind::Team
                               ? static_cast<const DesignRules&>(cx.cfg.relational)
                               : static_cast<const DesignRules&>(cx.cfg.silo);
    const double rec = R.recording_share;
    const double h = R.pull_hours;
    // Rule 1: a statutory service still does its legal assessment the first time it is
    // pulled in, even without a threshold.
    const double a = (p.first && statutory_unit(unit)) ? cx.cfg.services.statutory_assessment_hours : 0.0;
    const std::int32_t w = pick_worker(cx, (h + a) * (1 + rec), UINT32_MAX);
    if (w < 0) break;
    us.pulls.pop_front();
    emit(us, p.citizen, MsgKind::PullServed, p.domain, unit, 0);
    spend(cx, us, w, FaceToFace, h);
    spend(cx, us, w, Recording, (h + a) * rec);
    emit(us, p.citizen, MsgKind::Hours, p.domain, unit, (h + a) * (1 + rec));
    if (a > 0) {
      spend(cx, us, w, Assessment, a);
      emit(us, p.citizen, MsgKind::Assessed, p.domain, unit, 1);
      ++us.day.assessments;
    }
    if (p.first) emit(us, p.citizen, MsgKind::MetWorker, p.domain, unit, 1);
    // The expert's action follows the same mechanics as anyone's; whether it is decided with
    // the person follows this unit's invitation and the person's trust.
    Stream s = unit_stream(cx, p.citizen,
                           static_cast<Purpose>(static_cast<std::uint32_t>(Purpose::PullServe) + (p.domain << 8u)), unit);
    const bool co = s.bernoulli(coproduction_prob(R.coproduction, cx.citizens.trust[p.citizen]));
    const double e = action_effect(cx.cfg.mechanics, h, (cx.workers.skills[w] & bit(p.domain)) != 0,
                                   cx.workers.productivity[w], co);
    emit(us, p.citizen, MsgKind::NeedScale, p.domain, unit, 1.0 - e);
    if (e > 0) emit(us, p.citizen, MsgKind::Trust, p.domain, unit, cx.cfg.trust.resolved * e);
  }
}

}  // namespace placesim
