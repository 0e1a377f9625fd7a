#pragma once
// One validated configuration per run. Every field has a default here; the parameter
// registry (sim/param_registry.cpp) gives each a key, unit, range and meaning, and is the
// only way files and --set overrides reach these fields.
#include <array>
#include <cstdint>
#include <string>

#include "core/domains.hpp"

namespace placesim {

struct ExperimentInfo {
  std::string name = "custom";
  std::string title = "";
  std::string story = "";
  std::string look_at = "";
  std::string question = "";
  std::string expected = "";
  std::string check = "";  // machine-checkable form of `expected` (tests/experiments)
  std::string prediction = "";  // worksheet: what to predict before running
  std::string discuss = "";     // worksheet: questions for after the run, one per line
};

struct RunParams {
  std::int64_t days = 365;
  std::int64_t seed = 1;
  std::int64_t threads = 0;  // 0: all hardware threads
  std::int64_t sample_citizens = 200;  // people whose cost curve is recorded
  std::int64_t sample_every = 7;       // days between samples of per-person series
  // Replicates of a comparison (`placesim run`): replicate r runs every arm on seed + r, so the
  // arms of one replicate share their random numbers. 5 keeps the default preset at seconds.
  std::int64_t replicates = 5;
};

struct PlaceParams {
  std::int64_t citizens = 20000;
  std::int64_t neighbourhoods = 20;
  double deprivation_min = 0.0;
  double deprivation_max = 1.0;
  double mean_household_size = 2.3;
};

struct NetworkParams {
  std::int64_t ring_neighbours = 3;  // k: ties to the k nearest people on each side
  double rewire_prob = 0.05;         // Watts-Strogatz beta
  double rewire_local_share = 0.8;   // share of rewired ties kept inside the neighbourhood
};

struct LifeParams {
  PerDomain<double> shock_rate = {0.08, 0.15, 0.10, 0.10, 0.08, 0.10, 0.06, 0.03};  // per year
  double deprivation_multiplier = 2.0;  // rate x (1 + m * deprivation)
  double shock_size_min = 0.2;
  double shock_size_max = 0.5;
  double household_share = 1.0;  // share of a household shock felt by each member
  double cause_onset_prob = 0.2;
  double cause_push = 0.02;            // need per day per unit of cause
  double cause_resolve_rate = 0.5;     // per year, without help
  double recovery_rate = 0.01;         // per day at resilience 1 and no ties
  double coupling_onset = 0.3;         // a need feeds others only above this level
  double resilience_mean = 1.0;
  double resilience_sd = 0.25;
  double resilience_floor = 0.5;
  double resilience_deprivation = 0.3;  // resilience lost at deprivation 1
  double tie_weight = 0.5;              // extra recovery from fully supportive ties
  double tie_reference = 6.0;           // well neighbours that count as full support
  PerDomain<PerDomain<double>> coupling{};  // [to][from], per day
  double coupling_scale = 1.0;              // multiplies every coupling (0: needs do not interact)
  double crisis_level = 0.85;
  double crisis_rearm = 0.7;
  PerDomain<double> crisis_cost = {1500, 150, 2500, 1800, 1200, 0, 0, 900};  // GBP
  double initial_need_scale = 0.4;
  double initial_cause_prob = 0.04;

  LifeParams();
};

// Help-seeking (MODEL.md section 3, step 2).
struct DemandParams {
  double trust_initial = 0.6;        // mean initial trust in services
  double help_threshold_mean = 0.55; // need at which a person with full trust asks for help
  double help_threshold_sd = 0.1;
  double contact_prob = 0.9;         // per day, once a need is above the threshold (calibrated)
  double trust_delay = 0.15;         // threshold raised by this x (1 - trust) (calibrated)
  double failure_window = 365;       // days: a return about a domain closed this recently is failure demand
  double chase_after = 14;           // days waiting before the person starts chasing
  double chase_prob = 0.1;           // per day, while waiting beyond chase_after
};

// Front-line staffing and the people who do the work.
struct WorkerParams {
  double staff_per_10k = 30;         // front-line staff per 10,000 citizens, all units together
  double hours_per_day = 7.0;
  double hourly_cost = 35;           // GBP, salary and on-costs
  double morale_initial = 0.6;
  double attrition_rate = 0.12;      // per year at morale 0.5; x (1.5 - morale)
  double hire_delay = 60;            // days to fill a vacancy
  double learning_rate = 0.02;       // experience gained per closed case (0-1 scale)
  // Morale feedback, the same for every worker (docs/model.md "Staffing and morale").
  double available_base = 0.75;      // share of paid hours available at morale 0 (sickness, disengagement)
  double available_slope = 0.5;      // + this x morale, capped at 1
  double productivity_base = 0.8;    // effect of an hour at morale 0
  double productivity_slope = 0.4;   // + this x morale (1.0 at morale 0.5)
};

// Every rule of MODEL.md section 5 that a manager could change, as one struct. Departments
// apply cfg.silo (with units.<name>.* exceptions) and the relational team cfg.relational,
// through the SAME unit day (agents/design_day.cpp): the two designs differ only by these
// values. Switches are reals in [0, 1] so that a sweep can cross them; a value >= 0.5 means on.
struct DesignRules {
  double threshold = 0.0;            // eligibility: largest need within the remit at least this
  double assessment_hours = 1.5;     // the first meeting (an assessment form or an understanding conversation)
  double conversation_scope = 1;     // 0: the presenting domain only (a form); 1: the whole life
  double remit_whole_person = 1;     // 0: the case's own domain; 1: every domain
  double other_needs_by_pull = 1;    // 0: refer other needs on (hand-off); 1: pull an expert in
  double recording_share = 0.1;      // recording hours per hour of other case work
  double visit_hours = 1.0;          // face-to-face hours per visit (time allowed)
  double visit_interval = 3;         // days between visits at crisis-level need
  double close_when_balanced = 1;    // 0: close after the standard fix; 1: when back in balance
  double balance_level = 0.35;       // "in balance": every need in the remit below this
  double target_days = -1;           // a due case this old that cannot be seen is closed (<= 0: no target)
  double escalation_prob = 0.05;     // chance a decision goes up the hierarchy
  double escalation_days = 5;        // days the action waits for the decision
  double escalation_hours = 0.5;     // staff hours chasing the decision
  double introduction = 1;           // 0: signposting; 1: warm introduction by the worker
  double intro_hours = 0.5;          // staff hours per introduction or signpost
  double coproduction = 0.8;         // how far the design invites the person into the decision
  double travel_hours = 0.25;        // per visit (0: office based)
  double budget_per_case = 200;      // GBP of discretionary spending per case
  double budget_spend = 100;         // GBP per practical action (money or housing)
  double max_days = 365;             // a case open this long is closed anyway
  double notice_prob = 0.3;          // scope "presenting": chance another need is noticed
  double handoff_hours = 0.5;        // admin per referral
  double cause_priority = 2.0;       // weight of an understood cause against a need of the same size
  double pull_level = 0.3;           // a need this high, outside the worker's skill, gets an expert (if pulling)
  double pull_hours = 1.0;           // expert hours one pull brings (the asking unit's rule; the expert's skill)
  double learning_boost = 1.0;       // extra learning from working beside experienced colleagues
};

// The silo / referral rules (MODEL.md section 5, left column) and the front door's own fields.
struct SiloRules : DesignRules {
  double triage_hours = 0.3;         // front-door handling of one contact
  double transaction_level = 0.7;    // a presenting need below this is a simple transaction (a front-door rule)
  double transaction_hours = 0.4;    // the front door's standard transaction (digital or phone)
  double transaction_effect = 0.5;   // share of a simple request the transaction settles

  SiloRules() {
    threshold = 0.5;
    assessment_hours = 2.0;
    conversation_scope = 0;
    remit_whole_person = 0;
    other_needs_by_pull = 0;
    recording_share = 0.83;  // calibrated
    notice_prob = 0.4;       // calibrated
    visit_hours = 3.0;
    visit_interval = 7;
    close_when_balanced = 0;
    target_days = 28;
    escalation_prob = 0.3;
    introduction = 0;
    intro_hours = 0.1;
    coproduction = 0.1;
    travel_hours = 0.0;
    budget_per_case = 0;
    budget_spend = 0;
    learning_boost = 0;
  }
};

// Per-department exceptions to the silo rules (a mixture "per unit"): -1 keeps the shared value.
struct UnitRules {
  double threshold = -1;
  double assessment_hours = -1;
  double visit_hours = -1;
  double recording_share = -1;
  double escalation_prob = -1;
};

// The relational / ownership rules (MODEL.md section 5, right column) and the design-level
// fields of the team (where it works and how big it is).
struct RelationalRules : DesignRules {
  double coverage = 0.0;             // share of neighbourhoods (most deprived first) served by the team
  double team_share = 0.6;           // at full coverage, share of all staff in the team

  RelationalRules() {
    pull_level = 0.29;  // calibrated (docs/calibration.md)
    pull_hours = 1.2;   // calibrated
  }
};

// Roll-out of the relational design over time (MODEL.md section 5, "changing over time").
// A transition (or a hub) is a process that can fail (agents/change_process): the roll-out
// advances only while the team's way of working is taking hold (embedding E), and a
// target-driven commissioner may wrap the team back in procedure.
struct TransitionParams {
  double start_day = -1;             // -1: no transition
  double ramp_days = 180;
  double final_coverage = 1.0;
  double protection = 0.5;           // 0-1: a manager who clears the team's barriers
  double embedding_initial = 0.5;    // E when the change starts
  double embed_rate = 1.0 / 120;     // per day: E relaxes towards its support at this rate
  double rollout_embedding = 0.5;    // coverage rolls out only while E is at least this
  double wrap_rate = 0.02;           // per day: chance procedure is re-imposed at full pressure
  double wrap_cost_rise = 0.1;       // rise in cost per case closed (review on review) at full cost pressure
};

// Things every design shares.
struct ServiceParams {
  bool enabled = true;
  double info_sharing = 0.2;         // chance information travels with a referral
  double safeguarding_level = 0.85;  // family need at which a statutory referral always happens
  double statutory_assessment_hours = 1.0;  // a pulled statutory service still assesses (Rule 1)
};

// The queueing-theory docking configuration (agents/docking_queue.hpp).
struct DockingParams {
  bool enabled = false;
  double arrival_rate = 2.0;   // lambda, arrivals per day
  double service_rate = 1.0;   // mu, services per day per worker
  std::int64_t servers = 3;    // c
  double return_prob = 0.0;    // p: a served person comes back (failure demand)
  double warmup_days = 100;    // excluded from the summary statistics
};

// Trust of citizens in services.
struct TrustParams {
  double turned_away = -0.10;
  double lost = -0.15;
  double retell = -0.03;             // each time the story is told again
  double wait_week = -0.01;          // per week waiting
  double owned_session = 0.02;       // each visit by the same worker
  double resolved = 0.05;
};

// Voluntary and community groups.
struct GroupParams {
  double membership_weight = 0.15;   // extra recovery per group membership (resilience units)
  double funding = 1.0;              // commissioner lever: 1 = today's funding
  double capacity_per_1k = 10;       // members per kind per 1,000 residents at funding 1
  double leave_rate = 0.5;           // per year
};

// ---- Issue 10 ("Earn the difference"). Each struct below is owned by one piece of work;
// fields are documented in docs/model.md with their default and reason.

// One set of worker mechanics shared by every worker in every design (agents/worker_mechanics).
struct MechanicsParams {
  double uncover_rate = 0.3;         // per face-to-face hour, novice, no continuity, no information
  double continuity_gain = 0.5;      // uncover rate x (1 + this) when the same worker sees the person again
  double info_gain = 0.5;            // uncover rate x (1 + this) when information travelled with the case
  double info_assessment_saving = 0.5;  // share of the first meeting spared when information travelled
  double action_rate = 0.52;         // per matched hour (calibrated): the 3-hour standard fix removes 1 - exp(-1.56) = 79%
  double generalist_match = 0.97;    // effect of a generalist hour relative to an expert's (calibrated)
  double coproduction_gain = 0.5;    // action rate x (1 + this) when the decision was taken with the person
  double uptake_signpost = 0.17;     // group uptake per unit trust when signposted
  double uptake_warm = 1.0;          // group uptake per unit trust after a warm introduction
  double handoff_loss = 0.2;         // chance a hand-off is lost at tie trust 0.5; x 2 (1 - T)
  double pull_answer = 0.9;          // chance a pull is answered today at tie trust 0.5; x 2 T (capped at 1)
  double contact_hours = 0.3;        // staff time taking a chasing or crisis call about an open case
  double task_start_share = 0.5;     // a task starts if this share of it fits in what is left today; the rest runs into tomorrow
};

// Staffing from demand and the staffing policy (agents/staffing).
struct StaffingParams {
  std::string mode = "from_demand";  // "from_demand" (pilot run) or "fixed_ratio" (workers.staff_per_10k)
  double target_utilisation = 0.87;  // hours worked over hours available, silo baseline after warm-up
  double plan_factor = 1.0;          // posts of the plan x this (a cut below 1: austerity)
  double pilot_warmup_days = 60;
  double pilot_days = 60;            // days the pilot measures hours worked
  double pilot_staff_per_10k = 100;  // ample staff in the pilot, so capacity never binds there
  std::string policy = "follow_workload";      // "fixed" or "follow_workload"
  double review_days = 28;           // days between a manager's reviews of posts
  double move_lag_days = 14;         // days from a review's decision to the move taking effect
  double adjust_share = 0.5;         // share of the gap to the needed posts closed per review
  double budget_factor = 1.0;        // total posts <= the plan's total x this
  double team_split_size = 12;       // a self-managing team splits past this many workers (0: never)
  double coordination_hours_per_colleague = 0.05;  // per worker per day, per colleague in their (sub)team
};

// How people contact services and what is measured of them (agents/demand_step, sim/observer).
struct PeopleParams {
  double other_door_prob = 0.2;       // per day: a need the case owner could take goes to another door instead
  double balance_after_days = 90;     // days after the last contact with services at which balance is judged
  bool event_tables = true;           // keep the contacts and pulls tables for the output file
  double event_rows_per_citizen = 6;  // the tables stop growing at this many rows per citizen (memory)
};

// Prevention, the commissioner and change as a process (agents/prevention, agents/commissioner,
// agents/change_process).
struct CommissioningParams {
  std::string style = "none";            // none | targets | learning (validated)
  double target_days = 21;               // closure target a target-driven commissioner sets for every unit
  double targets_recording = 1.25;       // x recording_share under targets (activity returns)
  double learning_group_funding = 1.25;  // x groups.funding under learning (funding relationships)
  double learning_tie_trust = 0.7;       // under learning, trust on unit-unit ties recovers towards this
  double learning_tie_rate = 0.01;       // per day
  double review_days = 90;               // the commissioner's review period
  double outreach_hours_per_10k = 0;     // per day per 10,000 residents: proactive visits
  double outreach_visit_hours = 1.0;     // face-to-face hours of one outreach visit
  double outreach_travel_hours = 0.25;   // travel per outreach visit
  double outreach_floor = 0.3;           // a visit does preventive work on a largest need at least this
  double outreach_targeting = 1.0;       // 0: neighbourhoods by population; 1: weighted by deprivation
  bool cut_when_spend_rises = false;     // the budget rule
  double cut_trigger = 0.05;             // spend rise (review on review) that triggers a cut
  double cut_share = 0.25;               // share of prevention funding cut at such a review
};

struct Config {
  ExperimentInfo experiment;
  RunParams run;
  PlaceParams place;
  NetworkParams network;
  LifeParams life;
  DemandParams demand;
  WorkerParams workers;
  SiloRules silo;
  std::array<UnitRules, 10> units{};  // indexed by unit (agents/units.hpp); departments only
  RelationalRules relational;
  TransitionParams transition;
  ServiceParams services;
  TrustParams trust;
  GroupParams groups;
  DockingParams docking;
  MechanicsParams mechanics;
  StaffingParams staffing;
  PeopleParams people;
  CommissioningParams commissioning;
};

}  // namespace placesim
