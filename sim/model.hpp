#pragma once
// The frozen description of one run: validated config, place, networks and derived constants.
// Built once from the Config and then only read; all mutable state lives in SimState.
#include <cstdint>
#include <vector>

#include "agents/life_step.hpp"
#include "agents/place.hpp"
#include "networks/social_network.hpp"
#include "core/config.hpp"

namespace placesim {

// A fixed partition of citizens into chunks that never cross a neighbourhood. Parallel loops
// and reductions work chunk by chunk and combine chunk results in chunk order, so results do
// not depend on the number of threads.
struct Chunk {
  std::uint32_t begin, end, nbhd;
};
inline constexpr std::uint32_t kChunkSize = 4096;

// A config that takes over on a given day (from [[schedule]] entries).
struct ConfigStage {
  std::int64_t day;
  Config cfg;
};

// What is in force from `day` on: the config and the life constants derived from it.
struct ModelStage {
  std::int64_t day;
  Config cfg;
  LifeConstants life;
};

struct Model {
  Config cfg;  // the day-0 config: place, network and run settings never change
  Place place;
  SocialNetwork net;
  LifeConstants life;
  std::vector<Chunk> chunks;
  std::vector<std::uint32_t> nbhd_first_chunk;  // chunks of nbhd j: [first[j], first[j+1])
  std::vector<ModelStage> stages;               // stages[0] is day 0; sorted by day

  const ModelStage& stage_at(std::uint32_t tick) const {
    std::size_t k = 0;
    while (k + 1 < stages.size() && stages[k + 1].day <= static_cast<std::int64_t>(tick)) ++k;
    return stages[k];
  }
};

Model build_model(const Config& cfg, const std::vector<ConfigStage>& later = {});

}  // namespace placesim
