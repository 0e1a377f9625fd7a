// A silo department (MODEL.md section 5, left column): expert requests from the team first,
// then cases due for their standard fix, then new cases from the queue, each of which gets a
// full assessment and an eligibility decision. The fix reduces the presenting need and leaves
// its cause; other needs noticed are referred on.
#include <algorithm>

#include "agents/service_context.hpp"

namespace placesim {
namespace {

// The silo rules as they apply in one department: the shared values with that department's
// exceptions (units.<name>.*) laid over them.
SiloRules rules_for(const Config& cfg, int unit) {
  SiloRules r = cfg.silo;
  const UnitRules& u = cfg.units[unit];
  if (u.threshold >= 0) r.threshold = u.threshold;
  if (u.assessment_hours >= 0) r.assessment_hours = u.assessment_hours;
  if (u.fix_effect >= 0) r.fix_effect = u.fix_effect;
  if (u.recording_share >= 0) r.recording_share = u.recording_share;
  if (u.escalation_prob >= 0) r.escalation_prob = u.escalation_prob;
  return r;
}

void serve_pulls(UnitContext& cx, UnitState& us, int unit) {
  const double rec = cx.cfg.relational.recording_share;  // expert works inside the team's case
  const double h = cx.cfg.relational.expert_hours;
  while (!us.pulls.empty()) {
    const Pull p = us.pulls.front();
    // Rule 1: a statutory service still does its legal assessment the first time it is
    // pulled in, even without a threshold.
    const double a = (p.first && statutory_unit(unit)) ? cx.cfg.services.statutory_assessment_hours : 0.0;
    const std::int32_t w = pick_worker(cx, (h + a) * (1 + rec), UINT32_MAX);
    if (w < 0) break;
    us.pulls.pop_front();
    spend(cx, us, w, FaceToFace, h);
    spend(cx, us, w, Recording, (h + a) * rec);
    emit(us, p.citizen, MsgKind::Hours, p.domain, unit, (h + a) * (1 + rec));
    if (a > 0) {
      spend(cx, us, w, Assessment, a);
      emit(us, p.citizen, MsgKind::Assessed, p.domain, unit, 1);
      ++us.day.assessments;
    }
    if (p.first) emit(us, p.citizen, MsgKind::MetWorker, p.domain, unit, 1);
    emit(us, p.citizen, MsgKind::NeedScale, p.domain, unit, 1.0 - cx.cfg.services.expert_effect);
  }
}

void refer(UnitContext& cx, UnitState& us, std::int32_t w, std::uint32_t citizen, int domain,
           int from_unit, Stream& s, bool statutory) {
  const SiloRules& S = cx.cfg.silo;
  spend(cx, us, w, Handoff, S.handoff_hours);
  emit(us, citizen, MsgKind::Hours, domain, from_unit, S.handoff_hours);
  ++us.day.referrals;
  // Statutory referrals (safeguarding) are followed up and never lost (Rule 1).
  if (!statutory && s.bernoulli(S.handoff_loss)) {
    ++us.day.lost;
    emit(us, citizen, MsgKind::Lost, domain, dept_of(domain), cx.cfg.trust.lost);
    return;
  }
  const bool info = s.bernoulli(cx.cfg.services.info_sharing);
  us.day.info_travelled += info;
  emit(us, citizen, MsgKind::Referral, domain, dept_of(domain), info ? 1.0 : 0.0);
}

void standard_fix(UnitContext& cx, UnitState& us, int unit, std::uint32_t id) {
  const SiloRules S = rules_for(cx.cfg, unit);
  Cases& k = cx.cases;
  const std::int32_t w = k.worker[id];
  const std::uint32_t i = k.citizen[id];
  const int d = k.domain[id];
  const Citizens& c = cx.citizens;
  spend(cx, us, w, FaceToFace, S.fix_hours);
  spend(cx, us, w, Recording, S.fix_hours * S.recording_share);
  spend(cx, us, w, Travel, S.travel_hours);
  const double h = S.fix_hours * (1 + S.recording_share) + S.travel_hours;
  k.hours[id] += static_cast<float>(h);
  emit(us, i, MsgKind::Hours, d, unit, h);
  emit(us, i, MsgKind::NeedScale, d, unit, 1.0 - S.fix_effect);
  k.worked[id] |= static_cast<std::uint8_t>(1u << d);
  ++us.day.actions;

  Stream s = unit_stream(cx, i, Purpose::Sensing, unit);
  for (int e = 0; e < kDomains; ++e) {
    if (e == d) continue;
    const bool safeguarding = e == Family && c.need[Family][i] >= cx.cfg.services.safeguarding_level;
    const bool noticed = c.need[e][i] >= S.threshold && s.bernoulli(S.notice_prob);
    if ((safeguarding || noticed) && cx.workers.hours_left[w] >= S.handoff_hours)
      refer(cx, us, w, i, e, unit, s, safeguarding);
  }
  // Signposting: a leaflet or a phone number; few follow it up.
  if (c.need[Connection][i] >= 0.3 || c.need[d][i] >= 0.5) {
    ++us.day.signposts;
    const GroupKind g = c.need[Connection][i] >= 0.3 ? GroupConnection : group_for(d);
    if (s.bernoulli(S.signpost_uptake)) emit(us, i, MsgKind::JoinGroup, g, unit, 1);
  }
  const float after = c.need[d][i] * static_cast<float>(1.0 - S.fix_effect);
  close_case(cx, us, id, Outcome::Fixed, static_cast<std::uint8_t>(1u << d), after < S.threshold);
}

}  // namespace

void department_day(UnitContext& cx, UnitState& us, int unit) {
  const SiloRules S = rules_for(cx.cfg, unit);
  Cases& k = cx.cases;
  const Citizens& c = cx.citizens;
  const auto t = static_cast<std::int32_t>(cx.tick);
  serve_pulls(cx, us, unit);

  // Cases waiting for their fix, in the order they were started.
  for (std::uint32_t id : us.active) {
    if (k.stage[id] != Stage::Fix || k.next_day[id] > t) continue;
    const std::int32_t w = k.worker[id];
    if (cx.workers.vacant_until[w] >= 0) continue;
    const double need_h = S.fix_hours * (1 + S.recording_share) + S.travel_hours;
    if (cx.workers.hours_left[w] + 1e-6f < need_h) {
      // Target culture: a case past its target date is closed rather than left open.
      if (t - k.opened[id] >= S.target_days)
        close_case(cx, us, id, Outcome::Target, static_cast<std::uint8_t>(1u << k.domain[id]), false);
      continue;
    }
    standard_fix(cx, us, unit, id);
  }

  // New cases, first come first served: full assessment and eligibility decision.
  while (!us.queue.empty()) {
    const std::uint32_t id = us.queue.front();
    const std::uint32_t i = k.citizen[id];
    const int d = k.domain[id];
    // Information that travelled with a referral halves the assessment and spares the
    // person telling their story again.
    const double assess_h = S.assessment_hours * (k.info[id] ? 0.5 : 1.0);
    const double need_h = assess_h * (1 + S.recording_share);
    const std::int32_t w = pick_worker(cx, need_h, UINT32_MAX);
    if (w < 0) break;
    us.queue.pop_front();
    k.worker[id] = w;
    k.started[id] = t;
    ++cx.workers.caseload[w];
    ++us.day.started;
    us.day.wait_days_started += t - k.queued[id];
    spend(cx, us, w, Assessment, assess_h);
    spend(cx, us, w, Recording, assess_h * S.recording_share);
    k.hours[id] += static_cast<float>(need_h);
    ++us.day.assessments;
    emit(us, i, MsgKind::Started, d, unit, 0);
    emit(us, i, MsgKind::Hours, d, unit, need_h);
    emit(us, i, MsgKind::Assessed, d, unit, 1);
    emit(us, i, MsgKind::MetWorker, d, unit, 1);
    if (!k.info[id] && c.assessments[i] > 0) emit(us, i, MsgKind::Trust, d, unit, cx.cfg.trust.retell);

    ++us.day.decisions;
    if (c.need[d][i] < S.threshold) {
      emit(us, i, MsgKind::Trust, d, unit, cx.cfg.trust.turned_away);
      close_case(cx, us, id, Outcome::Ineligible, static_cast<std::uint8_t>(1u << d), false);
      continue;
    }
    k.stage[id] = Stage::Fix;
    k.next_day[id] = t + 1;
    Stream s = unit_stream(cx, i, Purpose::Intervention, unit);
    if (s.bernoulli(S.escalation_prob)) {
      ++us.day.escalated;
      const double wh = std::min<double>(S.escalation_hours, std::max(0.0f, cx.workers.hours_left[w]));
      spend(cx, us, w, Waiting, wh);
      k.hours[id] += static_cast<float>(wh);
      emit(us, i, MsgKind::Hours, d, unit, wh);  // chasing a decision is time spent on the person
      k.next_day[id] = t + static_cast<std::int32_t>(S.escalation_days);
    }
    us.active.push_back(id);
  }
  drop_closed(k, us);
}

}  // namespace placesim
