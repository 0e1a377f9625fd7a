#pragma once
// The frozen description of one run: validated config, place, networks and derived constants.
// Built once from the Config and then only read; all mutable state lives in SimState.
#include <cstdint>
#include <vector>

#include "agents/life_step.hpp"
#include "agents/place.hpp"
#include "networks/social_network.hpp"
#include "sim/config.hpp"

namespace placesim {

// A fixed partition of citizens into chunks that never cross a neighbourhood. Parallel loops
// and reductions work chunk by chunk and combine chunk results in chunk order, so results do
// not depend on the number of threads.
struct Chunk {
  std::uint32_t begin, end, nbhd;
};
inline constexpr std::uint32_t kChunkSize = 4096;

struct Model {
  Config cfg;
  Place place;
  SocialNetwork net;
  LifeConstants life;
  std::vector<Chunk> chunks;
  std::vector<std::uint32_t> nbhd_first_chunk;  // chunks of nbhd j: [first[j], first[j+1])
};

Model build_model(const Config& cfg);

}  // namespace placesim
