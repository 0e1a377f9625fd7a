#pragma once
// The memory check of a sweep, shared by `placesim sweep` and `placesim-mpi`: a run that cannot
// fit in memory even alone is refused before the output directory is touched, as `placesim
// run` refuses it (it ended in std::bad_alloc or the OOM killer hours in).
#include <string>

#include "experiments/sweep.hpp"

namespace placesim::cli {

// "run ID: <why>" for the first run of `shard` whose estimate exceeds the memory available,
// or "" when every run fits. Runs that do not validate are skipped: they fail on their own.
std::string sweep_memory_refusal(const SweepPlan& plan, const Shard& shard);

}  // namespace placesim::cli
