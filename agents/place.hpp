#pragma once
// The place: neighbourhoods with a deprivation level, and households of consecutive citizens.
#include <cstdint>
#include <vector>

#include "core/config.hpp"
#include "networks/social_network.hpp"

namespace placesim {

struct Place {
  std::vector<double> deprivation;           // per neighbourhood, 0-1
  std::vector<std::uint32_t> nbhd_begin;     // first citizen of each neighbourhood (+ end)
  std::vector<std::uint32_t> household_begin;  // first citizen of each household (+ end)
  std::vector<std::uint32_t> household_of;   // household of each citizen
  std::vector<std::uint32_t> nbhd_of;        // neighbourhood of each citizen

  std::size_t citizens() const { return household_of.size(); }
  std::size_t neighbourhoods() const { return deprivation.size(); }
  std::size_t households() const { return household_begin.size() - 1; }
  SocialLayout social_layout() const { return {household_begin, nbhd_begin, nbhd_of}; }
};

// Deterministic in (config, seed): neighbourhood j has deprivation spread linearly from
// place.deprivation_min (j = 0) to place.deprivation_max (last), so per-neighbourhood output
// reads in order of deprivation; household sizes are 1 + Poisson(mean - 1).
Place build_place(const PlaceParams& p, std::uint64_t seed);

}  // namespace placesim
