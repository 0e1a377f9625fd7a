#include "agents/place.hpp"

#include <algorithm>

#include "core/rng.hpp"

namespace placesim {

Place build_place(const PlaceParams& p, std::uint64_t seed) {
  Place place;
  const auto n = static_cast<std::uint32_t>(p.citizens);
  const auto nb = static_cast<std::uint32_t>(p.neighbourhoods);
  place.deprivation.resize(nb);
  place.nbhd_begin.resize(nb + 1);
  for (std::uint32_t j = 0; j < nb; ++j) {
    const double t = nb > 1 ? static_cast<double>(j) / (nb - 1) : 0.5;
    place.deprivation[j] = p.deprivation_min + (p.deprivation_max - p.deprivation_min) * t;
    // Even split; the first (n mod nb) neighbourhoods get one extra person.
    place.nbhd_begin[j] = j * (n / nb) + std::min(j, n % nb);
  }
  place.nbhd_begin[nb] = n;

  place.household_of.resize(n);
  place.nbhd_of.resize(n);
  place.household_begin.clear();
  std::uint32_t hh = 0;
  for (std::uint32_t j = 0; j < nb; ++j) {
    std::uint32_t i = place.nbhd_begin[j];
    const std::uint32_t end = place.nbhd_begin[j + 1];
    while (i < end) {
      Stream s(seed, hh, 0, Purpose::HouseholdSize);
      const std::uint32_t size =
          std::min<std::uint32_t>(1 + s.poisson(p.mean_household_size - 1.0), end - i);
      place.household_begin.push_back(i);
      for (std::uint32_t k = 0; k < size; ++k, ++i) {
        place.household_of[i] = hh;
        place.nbhd_of[i] = j;
      }
      ++hh;
    }
  }
  place.household_begin.push_back(n);
  return place;
}

}  // namespace placesim
