#pragma once
// Runs an experiment: every arm on the same seed (common random numbers), then one output file.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/config_loader.hpp"
#include "sim/replicate_output.hpp"
#include "sim/simulation.hpp"

namespace placesim {

struct RunRequest {
  ExperimentDocument doc;
  std::vector<Assignment> overrides;  // --days, --seed, --threads and --set, applied last
  std::vector<ArmOverride> arm_overrides;  // --arm NAME:key=value, after overrides, one arm each
};

struct PreparedArm {
  std::string name;
  Config cfg;                  // in force from day 0
  std::vector<ConfigStage> stages;   // later changes, by day
  Config plan_base;            // the experiment's base config (no arm): the staffing plan's source
};

// Resolve and validate the config of every arm before anything runs. Throws ConfigError.
std::vector<PreparedArm> prepare_arms(const RunRequest& req);

struct ExperimentResult {
  std::vector<PreparedArm> arms;
  std::optional<StaffingPlan> plan;  // staffing.mode = "from_demand": the posts every arm got
  std::vector<std::unique_ptr<Simulation>> sims;  // replicate 0 of each arm, in full
  // run_replicated: every replicate of each arm (runs[0] is sims[a]'s); empty from run_arms.
  std::vector<ArmReplicates> replicates;
};

// progress(done, total) counts days over all arms.
ExperimentResult run_arms(const std::vector<PreparedArm>& arms,
                          const std::function<void(std::int64_t, std::int64_t)>& progress = {});

// run.replicates replicates of every arm: replicate r runs each arm on run.seed + r (common
// random numbers across arms, the same staffing plan). Replicate 0 is kept in full; the others
// keep only their series (ReplicateRun) and free their simulation before the next starts.
// progress(done, total) counts days over all arms and replicates. Throws ConfigError when the
// replicate seeds leave run.seed's range.
ExperimentResult run_replicated(const std::vector<PreparedArm>& arms,
                                const std::function<void(std::int64_t, std::int64_t)>& progress = {});

}  // namespace placesim
