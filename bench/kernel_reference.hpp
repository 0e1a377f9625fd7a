#pragma once
// Reference (unoptimised) kernels, same signatures as agents/life_step.hpp.
#include "agents/life_step.hpp"

namespace placesim::reference {

void life_step(const LifeConstants& k, const Place& place, Citizens& c,
               std::vector<std::uint8_t>& new_crisis, std::uint32_t tick, std::size_t begin,
               std::size_t end);
void support_step(const LifeConstants& k, const SocialNetwork& net, Citizens& c, std::size_t begin,
                  std::size_t end);

}  // namespace placesim::reference
