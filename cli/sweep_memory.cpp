#include "cli/sweep_memory.hpp"

#include "sim/memory_estimate.hpp"

namespace placesim::cli {

std::string sweep_memory_refusal(const SweepPlan& plan, const Shard& shard) {
  const MemoryAvailable have = available_memory();
  for (const auto& r : plan.runs) {
    if (r.arms.empty() || !shard.owns(r.index)) continue;
    const std::string no_room = memory_refusal(estimate_memory(r.arms), have, r.arms.size());
    if (!no_room.empty()) return "run " + r.id + ": " + no_room;
  }
  return "";
}

}  // namespace placesim::cli
