#pragma once
// One validated configuration per run. Every field has a default here; the parameter
// registry (sim/param_registry.cpp) gives each a key, unit, range and meaning, and is the
// only way files and --set overrides reach these fields.
#include <cstdint>
#include <string>

#include "agents/domains.hpp"

namespace placesim {

struct ExperimentInfo {
  std::string name = "custom";
  std::string title = "";
  std::string story = "";
  std::string look_at = "";
  std::string question = "";
  std::string expected = "";
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
  double help_threshold_mean = 0.55; // need at which a person with trust 1 asks for help
  double help_threshold_sd = 0.1;
};

// Voluntary and community groups.
struct GroupParams {
  double membership_weight = 0.15;  // extra recovery per group membership (resilience units)
};

struct Config {
  ExperimentInfo experiment;
  RunParams run;
  PlaceParams place;
  NetworkParams network;
  LifeParams life;
  DemandParams demand;
  GroupParams groups;
};

}  // namespace placesim
