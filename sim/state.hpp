#pragma once
// Everything that changes during a run.
#include <cstdint>
#include <vector>

#include "agents/citizens.hpp"

namespace placesim {

struct SimState {
  std::uint32_t tick = 0;  // the day being simulated (0-based); equals days done after step()
  Citizens citizens;
  std::vector<std::uint8_t> new_crisis;  // domains that entered crisis this tick, per citizen
};

}  // namespace placesim
