#pragma once
// Replicates of a comparison: what each replicate of an arm keeps once its simulation is gone
// (its daily place series and the sampled people's cost curve), the headline indicators
// computed from them, the preset's expected-direction check evaluated over them, and how all
// of it is written into the output file with a leading `replicate` dimension.
//
// Seeds: replicate r of every arm runs on run.seed + r (the same derivation a sweep uses for
// its replicates). Every random draw is keyed by (seed, agent, tick, purpose), so the arms of
// one replicate see the same people and life events: common random numbers, and paired
// differences between arms.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/h5_writer.hpp"
#include "sim/indicators.hpp"
#include "sim/simulation.hpp"

namespace placesim {

struct ReplicateSeries {
  std::string name, unit, description;
  std::vector<double> v;
};

// One replicate of one arm.
struct ReplicateRun {
  std::int64_t seed = 0;
  double people = 0;
  std::vector<ReplicateSeries> daily;    // every place series, one value per day
  std::vector<double> sample_tick;       // days of the sampled people's rows
  std::vector<ReplicateSeries> sampled;  // sample_cost_median, sample_cost_mean per sample day
  const std::vector<double>* find(const std::string& name) const;  // daily, then sampled
};

ReplicateRun capture_replicate(const Simulation& sim, std::int64_t seed);
IndicatorInput indicator_input(const ReplicateRun& r);

// The seed of replicate r. Throws ConfigError when seed + replicates - 1 leaves run.seed's range.
std::int64_t replicate_seed(std::int64_t seed, std::int64_t r);
void check_replicate_seeds(std::int64_t seed, std::int64_t replicates);

// ---- The preset's expected direction (experiment.check) ----
// A check is `ARM.SERIES.STAT OP ARM.SERIES.STAT` with OP `<` or `>`, several joined by `;`.
// SERIES is a place series or sample_cost_median / sample_cost_mean; STAT is mean, sum, last
// or mean_last90, or `indicator` (NAME is then a headline indicator of sim/indicators.hpp,
// e.g. relational.failure_demand_share.indicator). Each term is evaluated per replicate; the clause
// PASSES when the mean over replicates of left - right has the stated sign (with one replicate: the
// old single-run rule). The 95% interval of the paired differences says whether the direction is
// clear.
struct CheckClause {
  std::string clause, left, right;
  char op = '<';
  std::vector<double> left_v, right_v;  // per replicate
  std::string left_unit, right_unit;    // of the terms' series
  PairedInterval diff;                  // of left - right
  bool pass = false;
  std::string error;  // non-empty: the clause could not be evaluated (and does not pass)
};
struct ArmReplicates;
std::vector<CheckClause> evaluate_check(const std::string& check,
                                        const std::vector<std::string>& arm_names,
                                        const std::vector<const ArmReplicates*>& arms);

// What an arm hands the output writer besides replicate 0's full simulation.
struct ArmReplicates {
  std::vector<ReplicateRun> runs;  // runs[0] is the replicate written in full
  std::string check;               // experiment.check of the experiment
};

// Writes arms/ARM/indicators/NAME [replicate] and arms/ARM/replicates/{series,sample}/NAME
// [replicate, day] into an arm's group.
void write_arm_replicates(H5Writer& w, hid_t arm_group, const ArmReplicates& reps);
// Writes the root's replicate attributes, /replicate_seed and /checks (when the experiment
// has a check). Does nothing when no arm carries replicates.
void write_replicate_root(H5Writer& w, const std::vector<std::string>& arm_names,
                          const std::vector<const ArmReplicates*>& arms);

}  // namespace placesim
