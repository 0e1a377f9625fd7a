#pragma once
// MODEL.md section 3, step 2 ("Demand"): who asks for help today, about what, and whether the
// contact is value demand or failure demand. A pure function of the citizen's own state.
#include <cstdint>
#include <vector>

#include "agents/citizens.hpp"
#include "agents/service_state.hpp"
#include "core/config.hpp"

namespace placesim {

// Appends today's contacts of citizens [begin, end) to `out`, in citizen order. Also applies
// the weekly trust cost of waiting, which only touches the citizen's own state.
void demand_step(const Config& cfg, std::uint64_t seed, Citizens& c, std::uint32_t tick,
                 std::size_t begin, std::size_t end, std::vector<Contact>& out);

}  // namespace placesim
