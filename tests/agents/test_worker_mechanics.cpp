// The worker mechanics every unit shares (agents/worker_mechanics.hpp) and the rule-swap
// test: the designs differ only by their rules, so exchanging the rules (not the labels)
// between a department system and a team exchanges the outcomes.
#include <catch2/catch.hpp>

#include <cmath>
#include <array>
#include <string>
#include <vector>

#include "agents/service_context.hpp"
#include "agents/service_system.hpp"
#include "agents/worker_mechanics.hpp"
#include "core/config.hpp"
#include "sim/param_registry.hpp"
#include "sim/simulation.hpp"

using namespace placesim;

TEST_CASE("uncovering a cause grows with hours, experience, continuity and information",
          "[mechanics]") {
  const MechanicsParams m;
  CHECK(uncover_prob(m, 0.0, 0.5, true, true) == 0.0);
  CHECK(uncover_prob(m, 2.0, 0.0, false, false) > uncover_prob(m, 1.0, 0.0, false, false));
  CHECK(uncover_prob(m, 1.0, 0.8, false, false) > uncover_prob(m, 1.0, 0.0, false, false));
  CHECK(uncover_prob(m, 1.0, 0.0, true, false) > uncover_prob(m, 1.0, 0.0, false, false));
  CHECK(uncover_prob(m, 1.0, 0.0, false, true) > uncover_prob(m, 1.0, 0.0, false, false));
  CHECK(uncover_prob(m, 1000.0, 1.0, true, true) <= 1.0);
  // The documented form: 1 - exp(-u h (1 + x)(1 + c_cont + c_info)).
  CHECK(uncover_prob(m, 1.5, 0.2, true, true) ==
        Approx(1 - std::exp(-m.uncover_rate * 1.5 * 1.2 * (1 + m.continuity_gain + m.info_gain))));
}

TEST_CASE("the effect of an hour grows with hours, skill match, productivity and co-production",
          "[mechanics]") {
  const MechanicsParams m;
  // The equation itself: e = 1 - exp(-a h) for an expert at productivity 1, not co-produced.
  CHECK(action_effect(m, 3.0, true, 1.0, false) == Approx(1 - std::exp(-3.0 * m.action_rate)));
  CHECK(action_effect(m, 2.0, true, 1.0, false) > action_effect(m, 1.0, true, 1.0, false));
  CHECK(action_effect(m, 1.0, true, 1.0, false) > action_effect(m, 1.0, false, 1.0, false));
  CHECK(action_effect(m, 1.0, true, 1.2, false) > action_effect(m, 1.0, true, 1.0, false));
  CHECK(action_effect(m, 1.0, false, 1.0, true) > action_effect(m, 1.0, false, 1.0, false));
  // Rule 2: no action makes a need worse, and none removes more than all of it.
  for (double h : {0.0, 0.5, 3.0, 100.0})
    for (bool sk : {false, true}) {
      const double e = action_effect(m, h, sk, 1.0, true);
      CHECK(e >= 0.0);
      CHECK(e <= 1.0);
    }
  // A generalist hour does less than an expert hour on a specialist need: that is why a
  // team pulls experts in.
  MechanicsParams same = m;
  same.generalist_match = 1.0;
  CHECK(action_effect(same, 1.0, false, 1.0, false) == Approx(action_effect(same, 1.0, true, 1.0, false)));
}

TEST_CASE("co-production follows the design's invitation and the person's trust, never 1 by definition",
          "[mechanics]") {
  CHECK(coproduction_prob(0.8, 0.6) == Approx(0.48));
  CHECK(coproduction_prob(0.8, 0.9) > coproduction_prob(0.8, 0.3));
  CHECK(coproduction_prob(0.8, 0.6) > coproduction_prob(0.1, 0.6));
  CHECK(coproduction_prob(0.8, 0.0) == 0.0);
  CHECK(coproduction_prob(1.0, 0.99) < 1.0);
}

TEST_CASE("group uptake is one function of trust and introduction for every design", "[mechanics]") {
  const MechanicsParams m;
  CHECK(uptake_prob(m, 0.8, 1.0) > uptake_prob(m, 0.8, 0.0));
  CHECK(uptake_prob(m, 0.8, 0.5) > uptake_prob(m, 0.4, 0.5));
  CHECK(uptake_prob(m, 0.0, 1.0) == 0.0);
  // At the mean initial trust (0.6) the defaults give back the old constants 0.1 and 0.6.
  CHECK(uptake_prob(m, 0.6, 0.0) == Approx(0.1).margin(0.005));
  CHECK(uptake_prob(m, 0.6, 1.0) == Approx(0.6).margin(0.005));
}

TEST_CASE("trust on a tie moves hand-off loss, information and pull answers", "[mechanics]") {
  const MechanicsParams m;
  CHECK(handoff_loss_prob(m, 0.5) == Approx(m.handoff_loss));
  CHECK(handoff_loss_prob(m, 0.9) < handoff_loss_prob(m, 0.5));
  CHECK(handoff_loss_prob(m, 0.1) > handoff_loss_prob(m, 0.5));
  CHECK(info_travel_prob(0.2, 0.5) == Approx(0.2));
  CHECK(info_travel_prob(0.2, 0.9) > info_travel_prob(0.2, 0.5));
  CHECK(pull_answer_prob(m, 0.2) < pull_answer_prob(m, 0.5));
  for (double T : {0.0, 0.5, 1.0}) {
    CHECK(handoff_loss_prob(m, T) >= 0);
    CHECK(handoff_loss_prob(m, T) <= 1);
    CHECK(pull_answer_prob(m, T) <= 1);
    CHECK(info_travel_prob(0.9, T) <= 1);
  }
}

TEST_CASE("a case's weekly hours follow the rules and the person's need", "[mechanics]") {
  const RelationalRules r;
  CHECK(weekly_case_hours(r, 0.9) > weekly_case_hours(r, 0.4));
  RelationalRules longer = r;
  longer.visit_hours *= 2;
  CHECK(weekly_case_hours(longer, 0.5) > weekly_case_hours(r, 0.5));
  RelationalRules sparse = r;
  sparse.visit_interval *= 2;
  CHECK(weekly_case_hours(sparse, 0.5) < weekly_case_hours(r, 0.5));
  // At crisis-level need: one visit (face to face, recording, travel) every visit_interval days.
  CHECK(weekly_case_hours(r, 1.0) ==
        Approx((r.visit_hours * (1 + r.recording_share) + r.travel_hours) * 7 / r.visit_interval));
}

TEST_CASE("every design rule is a key of both designs", "[mechanics][params]") {
  for (const char* k : {"threshold", "assessment_hours", "conversation_scope", "remit_whole_person",
                        "other_needs_by_pull", "recording_share", "visit_hours", "visit_interval",
                        "close_when_balanced", "balance_level", "target_days", "escalation_prob",
                        "escalation_days", "escalation_hours", "introduction", "intro_hours",
                        "coproduction", "travel_hours", "budget_per_case", "budget_spend", "max_days",
                        "notice_prob", "handoff_hours", "cause_priority", "pull_level", "pull_hours",
                        "learning_boost"}) {
    INFO(k);
    CHECK(find_param(std::string("silo.") + k) != nullptr);
    CHECK(find_param(std::string("relational.") + k) != nullptr);
  }
  for (const char* gone : {"silo.fix_effect", "relational.generalist_effect", "services.expert_effect",
                           "relational.cause_effect", "silo.signpost_uptake", "relational.intro_uptake",
                           "relational.max_caseload"})
    CHECK(find_param(gone) == nullptr);
}

namespace {

struct Outcomes {
  double assessments, repeat, handoffs, referrals;  // per person
};

// Runs a place and counts, per person: assessments, repeat contacts (coming back about a
// problem a service closed: failure demand that is not chasing), referrals and pulls made by
// the units that hold cases (departments and team; the front door's routing is left out,
// since it is part of the structure, not of the rules), and every referral the person had.
Outcomes run_outcomes(const Config& cfg) {
  Simulation sim(cfg);
  double handoffs = 0, repeat = 0;
  for (std::int64_t d = 0; d < cfg.run.days; ++d) {
    sim.step();
    const ServiceSystem& s = *sim.services();
    repeat += s.today().repeat;
    for (int u = 0; u < kUnits; ++u)
      if (u != kFrontDoor) handoffs += s.units()[u].day.referrals + s.units()[u].day.pulls;
  }
  const Citizens& c = sim.state().citizens;
  double a = 0, r = 0;
  for (std::uint32_t i = 0; i < c.n; ++i) {
    a += c.assessments[i];
    r += c.referrals[i];
  }
  const double n = static_cast<double>(c.n);
  return {a / n, repeat / n, handoffs / n, r / n};
}

template <class To, class From>
void copy_rules(To& to, const From& from) {
  static_cast<DesignRules&>(to) = static_cast<const DesignRules&>(from);
}

}  // namespace

TEST_CASE("rule swap: departments given the relational rules and a team given the silo rules "
          "exchange their outcomes",
          "[services][fairness][rule_swap]") {
  Config base;
  base.place.citizens = 3000;
  base.place.neighbourhoods = 6;
  base.run.days = 200;
  base.run.seed = 3;
  base.run.threads = 1;

  Config silo = base, rel = base, x = base, y = base;
  silo.relational.coverage = 0;
  rel.relational.coverage = 1;
  x.relational.coverage = 0;  // departments and a front door ...
  copy_rules(x.silo, Config{}.relational);  // ... working by the relational rules
  y.relational.coverage = 1;  // a team ...
  copy_rules(y.relational, Config{}.silo);  // ... working by the silo rules

  const Outcomes S = run_outcomes(silo), R = run_outcomes(rel), X = run_outcomes(x), Y = run_outcomes(y);
  INFO("assessments/person silo " << S.assessments << " relational " << R.assessments << " X " << X.assessments
                                  << " Y " << Y.assessments);
  INFO("repeat contacts/person silo " << S.repeat << " relational " << R.repeat << " X " << X.repeat << " Y "
                                      << Y.repeat);
  INFO("hand-offs by case holders/person silo " << S.handoffs << " relational " << R.handoffs << " X "
                                                << X.handoffs << " Y " << Y.handoffs);
  INFO("all referrals/person silo " << S.referrals << " relational " << R.referrals << " X " << X.referrals
                                    << " Y " << Y.referrals);
  // The structures differ (a front door and departments, or a team); the rules are
  // exchanged. If a difference came from the structure or a label, X would stay on the silo
  // side and Y on the relational side. Asserted: X is nearer the relational baseline than the
  // silo baseline, and Y nearer the silo baseline than the relational one.
  auto nearer = [](double v, double to, double from) { return std::abs(v - to) < std::abs(v - from); };
  // Assessments per person are not a baseline difference in this place: with the calibrated
  // defaults the silo front door settles most requests as transactions (no assessment), so the
  // two baselines are within a few per cent of each other and "nearer" would test noise. What
  // the rules do to assessments is asserted below (X < Y); the exchange is asserted on repeat
  // demand, where the baselines differ several-fold.
  CHECK(R.repeat < S.repeat);
  CHECK(nearer(X.repeat, R.repeat, S.repeat));
  CHECK(nearer(Y.repeat, S.repeat, R.repeat));
  // And the exchange itself: the department system with relational rules beats the team with
  // silo rules on what the relational rules improve.
  CHECK(X.assessments < Y.assessments);
  CHECK(X.repeat < Y.repeat);
  // Referrals per person only half exchange, and the test says so rather than hiding it: the
  // silo's referrals are mostly the front door's routing of every contact to a department,
  // which is structure (coverage), not a rule, so departments keep it under any rules; and
  // the relational rules' pulls count as referrals (apply), which a team under silo rules,
  // referring only what it notices, does not make. What the rules do move: departments under
  // the relational rules make fewer referrals than under the silo rules.
  CHECK(X.referrals < S.referrals);
  CHECK(nearer(X.referrals, R.referrals, S.referrals));
}

TEST_CASE("citizen trust moves up and down in both designs", "[services][mechanics][trust]") {
  // Against the same place without services (same people, same initial trust, same life),
  // each design must leave some people trusting more (helped, continuity) and some less
  // (turned away, lost, telling the story again, waiting).
  Config base;
  base.place.citizens = 3000;
  base.place.neighbourhoods = 6;
  base.run.days = 150;
  base.run.seed = 5;
  base.run.threads = 1;
  Config none = base;
  none.services.enabled = false;
  Simulation s0(none);
  s0.run();
  const auto& t0 = s0.state().citizens.trust;
  for (double coverage : {0.0, 1.0}) {
    Config cfg = base;
    cfg.relational.coverage = coverage;
    // Services under pressure (a few fixed posts): people are kept waiting in either design,
    // and good experiences still happen.
    cfg.staffing.mode = "fixed_ratio";
    cfg.staffing.policy = "fixed";
    cfg.workers.staff_per_10k = 8;
    for (auto& r : cfg.life.shock_rate) r *= 4;  // more people asking than a few posts can see
    Simulation sim(cfg);
    sim.run();
    const auto& t = sim.state().citizens.trust;
    std::size_t up = 0, down = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
      up += t[i] > t0[i] + 1e-4f;
      down += t[i] < t0[i] - 1e-4f;
    }
    INFO("coverage " << coverage << ": trust up for " << up << ", down for " << down);
    CHECK(up > 10);
    CHECK(down > 10);
  }
}

namespace {

// One worker, one person, one unit: enough to watch the unit day's rules act.
struct Bench {
  Config cfg;
  Citizens c;
  Cases k;
  Workers w;
  OrgNetwork org;
  std::vector<std::uint32_t> staff{0};
  std::array<std::size_t, kUnits> staffed{};
  UnitState us;

  explicit Bench(int unit) {
    c.resize(1);
    for (int d = 0; d < kDomains; ++d) c.need[d][0] = 0.0f;
    c.need[Money][0] = 0.6f;
    c.trust[0] = 0.6f;
    w.unit = {static_cast<std::uint8_t>(unit)};
    w.skills = {0};
    w.morale = {0.6f};
    w.experience = {0.0f};
    w.vacant_until = {-1};
    w.caseload = {0};
    w.hours_left = {7.0f};
    w.productivity = {1.0f};
    org.build(kUnits, 1, kGroupKinds, w.unit);
    staffed.fill(1);
  }
  // An open case of person 0 at `unit`, being worked, next visit on `next`.
  std::uint32_t open(int unit, std::int32_t next) {
    const std::uint32_t id = k.add(0, unit, Money, 0, true);
    k.stage[id] = Stage::Work;
    k.worker[id] = 0;
    k.started[id] = 0;
    k.next_day[id] = next;
    w.caseload[0] = 1;
    us.active.push_back(id);
    return id;
  }
  void day(int unit, const DesignRules& r, std::uint32_t tick) {
    UnitContext cx{cfg, 7, tick, c, k, w, staff, 0.0, staffed, org};
    design_day(cx, us, unit, r);
  }
};

}  // namespace

TEST_CASE("a crisis contact about an open case brings the visit forward to today", "[services][unit_day]") {
  for (bool crisis : {false, true}) {
    Bench b(kTeam);
    const std::uint32_t id = b.open(kTeam, 20);
    b.us.contacts.push_back(Contact{0, Money, false, !crisis, crisis});
    b.day(kTeam, b.cfg.relational, 5);
    INFO("crisis " << crisis);
    CHECK(b.us.day.hours[Handoff] > 0);  // the contact took a worker's time either way
    if (crisis) {
      CHECK(b.us.day.hours[FaceToFace] > 0);  // visited today
      CHECK(b.k.next_day[id] > 5);
    } else {
      CHECK(b.us.day.hours[FaceToFace] == 0);  // a chase changes nothing
      CHECK(b.k.next_day[id] == 20);
    }
  }
}

TEST_CASE("the same case closes after the standard fix under the silo rules and stays open under the "
          "relational rules, in the same unit", "[services][unit_day]") {
  for (bool silo : {true, false}) {
    Bench b(kTeam);
    const std::uint32_t id = b.open(kTeam, 5);
    const DesignRules r = silo ? static_cast<const DesignRules&>(b.cfg.silo)
                               : static_cast<const DesignRules&>(b.cfg.relational);
    DesignRules no_escalation = r;
    no_escalation.escalation_prob = 0;
    b.day(kTeam, no_escalation, 5);
    INFO("silo rules: " << silo);
    CHECK(b.us.day.actions == 1);
    CHECK((b.k.stage[id] == Stage::Closed) == silo);
  }
}

TEST_CASE("caseload follows hours: a worker whose week is full takes no new case", "[services][unit_day]") {
  Bench b(kTeam);
  RelationalRules r = b.cfg.relational;
  // Fill the worker's week with open cases of people at crisis-level need.
  b.c.need[Money][0] = 1.0f;
  const double per_case = weekly_case_hours(r, 1.0);
  const int full = static_cast<int>(std::ceil(b.cfg.workers.hours_per_day * 7 / per_case));
  for (int j = 0; j < full; ++j) b.open(kTeam, 100);
  const std::uint32_t fresh = b.k.add(0, kTeam, Money, 0, true);
  b.us.queue.push_back(fresh);
  b.day(kTeam, r, 5);
  CHECK(b.k.stage[fresh] == Stage::Queued);
  // Shorter visits need fewer hours: the same worker now has room.
  r.visit_hours = 0.1;
  r.travel_hours = 0;
  b.day(kTeam, r, 6);
  CHECK(b.k.stage[fresh] != Stage::Queued);
}
