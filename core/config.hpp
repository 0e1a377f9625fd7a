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
};

struct RunParams {
  std::int64_t days = 365;
  std::int64_t seed = 1;
  std::int64_t threads = 0;  // 0: all hardware threads
  std::int64_t sample_citizens = 200;  // people whose cost curve is recorded
  std::int64_t sample_every = 7;       // days between samples of per-person series
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
  double contact_prob = 0.8;         // per day, once a need is above the threshold (calibrated)
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

// The silo / referral rules (MODEL.md section 5, left column).
struct SiloRules {
  double threshold = 0.5;            // eligibility: presenting need at least this
  double triage_hours = 0.3;         // front-door handling of one contact
  double transaction_level = 0.7;    // a presenting need below this is a simple transaction (calibrated)
  double transaction_hours = 0.4;    // the front door's standard transaction (digital or phone)
  double assessment_hours = 2.0;     // full assessment at every department
  double fix_hours = 3.0;            // face-to-face hours of the standard intervention
  double fix_effect = 0.5;           // share of the presenting need removed by the standard fix
  double notice_prob = 0.3;          // chance a worker notices each other need above the threshold (calibrated)
  double handoff_hours = 0.5;        // admin per referral
  double handoff_loss = 0.2;         // chance a referral never arrives (person lost)
  double signpost_uptake = 0.1;      // chance a signposted person joins a group
  double recording_share = 0.8;      // recording hours per hour of other case work (calibrated)
  double target_days = 28;           // a case still open at this age is closed to meet the target
  double escalation_prob = 0.3;      // chance a decision goes up the hierarchy
  double escalation_days = 5;        // days the case waits for the decision
  double escalation_hours = 0.5;     // staff hours spent chasing the decision
  double travel_hours = 0.0;         // per visit (office based)
};

// Per-department exceptions to the silo rules (a mixture "per unit"): -1 keeps the shared value.
struct UnitRules {
  double threshold = -1;
  double assessment_hours = -1;
  double fix_effect = -1;
  double recording_share = -1;
  double escalation_prob = -1;
};

// The relational / ownership rules (MODEL.md section 5, right column).
struct RelationalRules {
  double coverage = 0.0;             // share of neighbourhoods (most deprived first) served by the team
  double team_share = 0.6;           // at full coverage, share of all staff in the team
  double threshold = 0.0;            // no threshold: anyone who asks
  double understand_hours = 1.5;     // one understanding conversation
  double session_hours = 1.0;        // face-to-face hours per visit
  double session_interval = 3;       // days between visits
  double max_caseload = 20;          // cases one worker owns at a time
  double uncover_rate = 0.3;         // per face-to-face hour, for a novice; x (1 + experience)
  double generalist_effect = 0.5;    // share of a need removed by one generalist action (calibrated)
  double cause_effect = 0.5;         // share of an uncovered cause removed by one action
  double expert_hours = 1.0;         // expert time pulled from a department, without assessment (calibrated)
  double cause_priority = 2.0;       // weight of an understood cause against a need of the same size (0: causes ignored)
  double budget_per_case = 200;      // GBP of discretionary spending the worker may use per case
  double budget_spend = 100;         // GBP per practical action (money or housing)
  double pull_level = 0.3;           // a need this high gets an expert (pulled in if no one in the team has the skill) (calibrated)
  double intro_uptake = 0.6;         // chance a warm introduction leads to membership
  double intro_hours = 0.5;
  double recording_share = 0.1;
  double balance_level = 0.35;       // close when every need is below this and no known cause remains
  double escalation_prob = 0.05;
  double travel_hours = 0.25;        // per home visit
  double max_days = 365;             // a case open this long is closed anyway
  double learning_boost = 1.0;       // extra learning while immersed with experienced colleagues
};

// Roll-out of the relational design over time (MODEL.md section 5, "changing over time").
struct TransitionParams {
  double start_day = -1;             // -1: no transition
  double ramp_days = 180;
  double final_coverage = 1.0;
};

// Things every design shares.
struct ServiceParams {
  bool enabled = true;
  double expert_effect = 0.5;        // share of a need removed by an expert intervention
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
};

// Staffing from demand and the staffing policy (agents/staffing).
struct StaffingParams {
  std::string mode = "from_demand";  // "from_demand" (pilot run) or "fixed_ratio" (workers.staff_per_10k)
  double target_utilisation = 0.87;  // hours worked over hours available, silo baseline after warm-up
  double plan_factor = 1.0;          // posts of the plan x this (a cut below 1: austerity)
  double pilot_warmup_days = 60;
  double pilot_days = 60;            // days the pilot measures hours worked
  double pilot_staff_per_10k = 100;  // ample staff in the pilot, so capacity never binds there
  std::string policy = "fixed";      // "fixed" or "follow_workload"
  double review_days = 28;           // days between a manager's reviews of posts
  double move_lag_days = 14;         // days from a review's decision to the move taking effect
  double adjust_share = 0.5;         // share of the gap to the needed posts closed per review
  double budget_factor = 1.0;        // total posts <= the plan's total x this
  double team_split_size = 12;       // a self-managing team splits past this many workers (0: never)
  double coordination_hours_per_colleague = 0.05;  // per worker per day, per colleague in their (sub)team
};

// How people contact services and what is measured of them (agents/demand_step, sim/observer).
struct PeopleParams {
};

// Prevention, the commissioner and change as a process (agents/prevention, agents/commissioner,
// agents/change_process).
struct CommissioningParams {
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
