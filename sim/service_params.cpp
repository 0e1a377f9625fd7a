// Configuration keys of the service system: demand, workers, the two rule sets, transition,
// trust and voluntary groups. Every line of MODEL.md section 5 is one or more keys here.
#include "agents/units.hpp"
#include "sim/param_registry.hpp"

namespace placesim {
namespace {

template <class S>
void reg(ParamBuilder& b, S Config::*section, const std::string& prefix, double S::*field,
         const char* name, double lo, double hi, const char* unit, const char* desc) {
  b.real(prefix + "." + name, [section, field](Config& c) -> double& { return (c.*section).*field; },
         lo, hi, unit, desc);
}

// One loop over the fields of DesignRules, for either design's section.
template <class S>
void register_design_rules(ParamBuilder& b, S Config::*section, const std::string& p) {
  using D = DesignRules;
  auto f = [&](double D::*field, const char* n, double lo, double hi, const char* u, const char* desc) {
    reg<S>(b, section, p, static_cast<double S::*>(field), n, lo, hi, u, desc);
  };
  f(&D::threshold, "threshold", 0, 1, "need",
    "Eligibility: the largest need within the remit must be at least this (0: anyone who asks).");
  f(&D::assessment_hours, "assessment_hours", 0, 100, "hour",
    "The first meeting: an assessment form (scope presenting) or an understanding conversation (scope whole life).");
  f(&D::conversation_scope, "conversation_scope", 0, 1, "switch",
    "What the first meeting and visits can see and uncover: 0 the presenting domain only (other needs "
    "noticed with notice_prob), 1 the whole life.");
  f(&D::remit_whole_person, "remit_whole_person", 0, 1, "switch",
    "What the case holder may act on: 0 the case's own domain, 1 every domain.");
  f(&D::other_needs_by_pull, "other_needs_by_pull", 0, 1, "switch",
    "Needs outside the remit or the worker's skill: 0 referred on (a hand-off), 1 an expert pulled in.");
  f(&D::recording_share, "recording_share", 0, 10, "hour per hour", "Recording hours per hour of other case work.");
  f(&D::visit_hours, "visit_hours", 0, 24, "hour",
    "Face-to-face hours per visit: the time allowed, which sets the effect of the action and the uncovering.");
  f(&D::visit_interval, "visit_interval", 1, 365, "day",
    "Days between visits at crisis-level need (longer as the person steadies, up to x4); also sets caseload.");
  f(&D::close_when_balanced, "close_when_balanced", 0, 1, "switch",
    "0: the case closes after the standard fix (the first visit's action); 1: when back in balance.");
  f(&D::balance_level, "balance_level", 0, 1, "need",
    "In balance: every need in the remit below this and no understood cause left; needs below it are left alone.");
  f(&D::target_days, "target_days", -1, 3650, "day",
    "A due case this old that cannot be seen today is closed to meet the target (<= 0: no target).");
  f(&D::escalation_prob, "escalation_prob", 0, 1, "probability", "Chance a decision goes up the hierarchy.");
  f(&D::escalation_days, "escalation_days", 0, 365, "day", "Days the action waits for an escalated decision.");
  f(&D::escalation_hours, "escalation_hours", 0, 24, "hour", "Staff hours chasing one escalated decision.");
  f(&D::introduction, "introduction", 0, 1, "share",
    "How people are connected to groups: 0 signposting, 1 warm introduction (uptake, mechanics.uptake_*).");
  f(&D::intro_hours, "intro_hours", 0, 24, "hour", "Staff hours per signpost or introduction.");
  f(&D::coproduction, "coproduction", 0, 1, "share",
    "How far the design invites the person into decisions: chance of a co-produced decision = this x trust.");
  f(&D::travel_hours, "travel_hours", 0, 24, "hour", "Travel per visit (0: office based).");
  f(&D::budget_per_case, "budget_per_case", 0, 1e6, "GBP",
    "Discretionary budget a worker may spend on one person without asking (practical help).");
  f(&D::budget_spend, "budget_spend", 0, 1e6, "GBP",
    "Spent by one practical action on a money or housing need (acts with a full skill match).");
  f(&D::max_days, "max_days", 1, 3650, "day", "A case open this long is closed anyway.");
  f(&D::notice_prob, "notice_prob", 0, 1, "probability",
    "Scope presenting only: chance per visit that each other need at or above the acting level is noticed.");
  f(&D::handoff_hours, "handoff_hours", 0, 24, "hour", "Admin per referral or pull request.");
  f(&D::cause_priority, "cause_priority", 0, 100, "",
    "Weight of an understood cause against a need of the same size when choosing the next action "
    "(causes first when > 1; 0 works on needs only).");
  f(&D::pull_level, "pull_level", 0, 1, "need",
    "With pulls: a need this high outside the worker's skill (or remit) gets an expert from its department.");
  f(&D::pull_hours, "pull_hours", 0, 100, "hour",
    "Expert hours one pull brings (set by the rules of the expert's own unit, which also sets their recording).");
  f(&D::learning_boost, "learning_boost", 0, 10, "",
    "Extra learning per helped case from working beside experienced colleagues (x unit mean experience).");
}

}  // namespace

static_assert(std::tuple_size<decltype(Config::units)>::value == kUnits, "one UnitRules per unit");

void register_docking_params(ParamBuilder& b);
void validate_staffing(const Config& c, std::vector<std::string>& e);  // sim/params_staffing.cpp

void register_service_params(ParamBuilder& b) {
  register_docking_params(b);
  register_mechanics_params(b);
  register_staffing_params(b);
  register_people_params(b);
  register_commissioning_params(b);
  using D = DemandParams;
  auto d = [&b](double D::*f, const char* n, double lo, double hi, const char* u, const char* desc) {
    reg(b, &Config::demand, "demand", f, n, lo, hi, u, desc);
  };
  d(&D::trust_initial, "trust_initial", 0, 1, "trust 0-1", "Mean initial trust in services (sd 0.15).");
  d(&D::help_threshold_mean, "help_threshold_mean", 0.05, 0.99, "need",
    "Mean need at which a person with full trust asks for help.");
  d(&D::help_threshold_sd, "help_threshold_sd", 0, 1, "need", "Spread of the help-seeking threshold.");
  d(&D::contact_prob, "contact_prob", 0, 1, "per day",
    "Chance per day that a person above their threshold makes contact.");
  d(&D::trust_delay, "trust_delay", 0, 1, "need",
    "The help-seeking threshold rises by this x (1 - trust): low trust delays asking.");
  d(&D::failure_window, "failure_window", 0, 3650, "day",
    "A contact about a domain closed less than this long ago is failure demand (came back).");
  d(&D::chase_after, "chase_after", 0, 365, "day", "Days waiting before a person chases.");
  d(&D::chase_prob, "chase_prob", 0, 1, "per day", "Chance per day of a chasing contact.");

  using W = WorkerParams;
  auto w = [&b](double W::*f, const char* n, double lo, double hi, const char* u, const char* desc) {
    reg(b, &Config::workers, "workers", f, n, lo, hi, u, desc);
  };
  w(&W::staff_per_10k, "staff_per_10k", 0, 10000, "worker per 10,000 citizens",
    "Front-line staff of all units together under staffing.mode = \"fixed_ratio\"; the same in "
    "every design (same budget).");
  w(&W::hours_per_day, "hours_per_day", 0.5, 24, "hour", "Working hours of one worker per day.");
  w(&W::hourly_cost, "hourly_cost", 0, 1000, "GBP per hour", "Cost of one staff hour.");
  w(&W::morale_initial, "morale_initial", 0, 1, "index 0-1", "Initial staff morale.");
  w(&W::attrition_rate, "attrition_rate", 0, 10, "per year",
    "Leaving rate at morale 0.5; x (1.5 - morale) so low morale drives people out.");
  w(&W::hire_delay, "hire_delay", 0, 3650, "day", "Days to fill a vacancy.");
  w(&W::learning_rate, "learning_rate", 0, 1, "per case", "Experience gained per closed case.");
  w(&W::available_base, "available_base", 0, 1, "share",
    "Share of paid hours a worker is available (not sick or disengaged) at morale 0.");
  w(&W::available_slope, "available_slope", 0, 2, "share per unit morale",
    "Available share rises by this x morale, capped at 1.");
  w(&W::productivity_base, "productivity_base", 0, 2, "multiplier",
    "Effect of a worker's hour at morale 0 (1 = a worker at morale 0.5 with the defaults).");
  w(&W::productivity_slope, "productivity_slope", 0, 2, "multiplier per unit morale",
    "Effect of an hour rises by this x morale.");

  // Every rule of MODEL.md section 5, registered under both designs with the same key names
  // (silo.* for the departments, relational.* for the team): the designs differ only by values.
  register_design_rules<SiloRules>(b, &Config::silo, "silo");
  register_design_rules<RelationalRules>(b, &Config::relational, "relational");

  using S = SiloRules;
  auto s = [&b](double S::*f, const char* n, double lo, double hi, const char* u, const char* desc) {
    reg(b, &Config::silo, "silo", f, n, lo, hi, u, desc);
  };
  s(&S::triage_hours, "triage_hours", 0, 24, "hour", "Front-door handling of one contact.");
  s(&S::transaction_level, "transaction_level", 0, 1, "need",
    "The front door resolves a request itself, by a standard transaction, when the presenting "
    "need is below this; above it the request goes to the department.");
  s(&S::transaction_hours, "transaction_hours", 0, 24, "hour",
    "Staff time of one standard transaction at the front door (digital or phone).");
  s(&S::transaction_effect, "transaction_effect", 0, 1, "share",
    "Share of a simple request's need that the front door's standard transaction settles.");

  // Per-department exceptions: a mixture of rules per unit.
  for (int unit = 1; unit < kTeam; ++unit) {
    const std::string base = "units." + std::string(kUnitNames[unit]) + ".";
    auto ur = [&b, unit, &base](double UnitRules::*f, const char* n, double hi, const char* u,
                                const char* desc) {
      b.real(base + n, [unit, f](Config& c) -> double& { return c.units[unit].*f; }, -1, hi, u, desc);
    };
    ur(&UnitRules::threshold, "threshold", 1, "need", "This department's eligibility threshold (-1: silo.threshold).");
    ur(&UnitRules::assessment_hours, "assessment_hours", 100, "hour",
       "This department's assessment hours (-1: silo.assessment_hours).");
    ur(&UnitRules::visit_hours, "visit_hours", 100, "hour",
       "This department's face-to-face hours per visit (-1: silo.visit_hours).");
    ur(&UnitRules::recording_share, "recording_share", 10, "hour per hour",
       "This department's recording share (-1: silo.recording_share).");
    ur(&UnitRules::escalation_prob, "escalation_prob", 1, "probability",
       "This department's escalation probability (-1: silo.escalation_prob).");
  }

  using R = RelationalRules;
  auto r = [&b](double R::*f, const char* n, double lo, double hi, const char* u, const char* desc) {
    reg(b, &Config::relational, "relational", f, n, lo, hi, u, desc);
  };
  r(&R::coverage, "coverage", 0, 1, "share",
    "Share of neighbourhoods (most deprived first) whose front door is the relational team.");
  r(&R::team_share, "team_share", 0, 1, "share",
    "At full coverage, share of all staff working in the team (taken from departments).");

  using T = TransitionParams;
  auto t = [&b](double T::*f, const char* n, double lo, double hi, const char* u, const char* desc) {
    reg(b, &Config::transition, "transition", f, n, lo, hi, u, desc);
  };
  t(&T::start_day, "start_day", -1, 36500, "day", "Day the roll-out starts (-1: none).");
  t(&T::ramp_days, "ramp_days", 1, 36500, "day", "Days over which coverage and staff move to the team.");
  t(&T::final_coverage, "final_coverage", 0, 1, "share", "Coverage at the end of the roll-out.");
  t(&T::protection, "protection", 0, 1, "index 0-1",
    "A manager who clears the team's barriers: raises the support for embedding and lowers the "
    "chance of being wrapped in procedure.");
  t(&T::embedding_initial, "embedding_initial", 0, 1, "index 0-1",
    "Embedding E of the team's way of working when the change starts.");
  t(&T::embed_rate, "embed_rate", 0, 1, "per day",
    "E relaxes towards its support (mean of protection, team morale, early results) at this rate.");
  t(&T::rollout_embedding, "rollout_embedding", 0, 1, "index 0-1",
    "Coverage rolls out only while E is at least this.");
  t(&T::wrap_rate, "wrap_rate", 0, 1, "per day",
    "Under a target-driven commissioner, daily chance of re-imposing procedure at full pressure "
    "(x (1 - protection) x (1 - E) x cost pressure).");
  t(&T::wrap_cost_rise, "wrap_cost_rise", 1e-6, 10, "share",
    "Rise in cost per case closed, review on review, that gives full cost pressure to wrap.");

  using V = ServiceParams;
  b.boolean("services.enabled", [](Config& c) -> bool& { return c.services.enabled; },
            "Simulate services; false runs life alone.");
  auto v = [&b](double V::*f, const char* n, double lo, double hi, const char* u, const char* desc) {
    reg(b, &Config::services, "services", f, n, lo, hi, u, desc);
  };
  v(&V::info_sharing, "info_sharing", 0, 1, "probability",
    "Chance information travels with a referral (commissioner lever); else the story is told again.");
  v(&V::statutory_assessment_hours, "statutory_assessment_hours", 0, 100, "hour",
    "Hours of the assessment a statutory service (children and families, adult social care, mental "
    "health) must still do when an expert is first pulled in (Rule 1); 0 turns it off.");
  v(&V::safeguarding_level, "safeguarding_level", 0, 1, "need",
    "Family need at which a statutory referral happens in every design (Rule 1).");

  using U = TrustParams;
  auto u = [&b](double U::*f, const char* n, const char* desc) {
    reg(b, &Config::trust, "trust", f, n, -1, 1, "trust 0-1", desc);
  };
  u(&U::turned_away, "turned_away", "Trust change when turned away as not eligible.");
  u(&U::lost, "lost", "Trust change when a referral is lost.");
  u(&U::retell, "retell", "Trust change each time the story is told again.");
  u(&U::wait_week, "wait_week", "Trust change per week of waiting.");
  u(&U::owned_session, "owned_session", "Trust change per visit by the same worker.");
  u(&U::resolved, "resolved", "Trust change when a case closes with the need resolved.");

  using G = GroupParams;
  auto g = [&b](double G::*f, const char* n, double lo, double hi, const char* un, const char* desc) {
    reg(b, &Config::groups, "groups", f, n, lo, hi, un, desc);
  };
  g(&G::membership_weight, "membership_weight", 0, 10, "",
    "Extra recovery (resilience units) per voluntary-group membership.");
  g(&G::funding, "funding", 0, 10, "x today", "Voluntary-sector funding (commissioner lever).");
  g(&G::capacity_per_1k, "capacity_per_1k", 0, 1000, "member per 1,000 residents",
    "Members each kind of group can hold per 1,000 residents at funding 1.");
  g(&G::leave_rate, "leave_rate", 0, 50, "per year", "Rate at which members leave a group.");
}

void register_docking_params(ParamBuilder& b) {
  b.boolean("docking.enabled", [](Config& c) -> bool& { return c.docking.enabled; },
            "Replace demand and services by the M/M/c docking queue (docs/validation.md).");
  using K = DockingParams;
  auto k = [&b](double K::*f, const char* n, double lo, double hi, const char* u, const char* desc) {
    b.real(std::string("docking.") + n, [f](Config& c) -> double& { return c.docking.*f; }, lo, hi, u, desc);
  };
  k(&K::arrival_rate, "arrival_rate", 0, 1e6, "per day", "lambda: Poisson arrivals per day.");
  k(&K::service_rate, "service_rate", 1e-6, 1e6, "per day", "mu: exponential services per day per worker.");
  b.integer("docking.servers", [](Config& c) -> std::int64_t& { return c.docking.servers; }, 1, 10000,
            "worker", "c: workers serving the one queue, first come first served.");
  k(&K::return_prob, "return_prob", 0, 0.99, "probability",
    "p: chance a served person comes straight back (returning demand as feedback).");
  k(&K::warmup_days, "warmup_days", 0, 36500, "day", "Days left out of the docking summary statistics.");
}

void validate_services(const Config& c, std::vector<std::string>& e) {
  validate_commissioning(c, e);
  validate_staffing(c, e);
  if (c.docking.enabled && c.docking.warmup_days >= static_cast<double>(c.run.days))
    e.push_back("docking.warmup_days must be shorter than run.days");
  if (c.relational.balance_level > c.life.crisis_level)
    e.push_back("relational.balance_level must not exceed life.crisis_level");
  if (c.silo.balance_level > c.life.crisis_level)
    e.push_back("silo.balance_level must not exceed life.crisis_level");
}

}  // namespace placesim
