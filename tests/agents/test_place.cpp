// The place: neighbourhoods spread over deprivation, households of consecutive citizens.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

#include "agents/place.hpp"
#include "core/config.hpp"

using namespace placesim;

namespace {

PlaceParams params(std::int64_t citizens, std::int64_t neighbourhoods, double household) {
  PlaceParams p;
  p.citizens = citizens;
  p.neighbourhoods = neighbourhoods;
  p.mean_household_size = household;
  p.deprivation_min = 0.1;
  p.deprivation_max = 0.9;
  return p;
}

}  // namespace

TEST_CASE("neighbourhoods split citizens evenly and spread deprivation linearly", "[place]") {
  const Place p = build_place(params(1003, 10, 2.3), 1);
  REQUIRE(p.neighbourhoods() == 10);
  REQUIRE(p.citizens() == 1003);
  REQUIRE(p.nbhd_begin.front() == 0);
  REQUIRE(p.nbhd_begin.back() == 1003);
  for (std::size_t j = 0; j < 10; ++j) {
    const auto size = p.nbhd_begin[j + 1] - p.nbhd_begin[j];
    CHECK((size == 100 || size == 101));
    CHECK(p.deprivation[j] == Approx(0.1 + 0.8 * j / 9.0));
    for (auto i = p.nbhd_begin[j]; i < p.nbhd_begin[j + 1]; ++i) REQUIRE(p.nbhd_of[i] == j);
  }
  // A single neighbourhood sits in the middle of the range.
  CHECK(build_place(params(50, 1, 2.3), 1).deprivation[0] == Approx(0.5));
}

TEST_CASE("households are runs of consecutive citizens inside one neighbourhood", "[place]") {
  const Place p = build_place(params(20000, 20, 2.4), 3);
  REQUIRE(p.household_begin.front() == 0);
  REQUIRE(p.household_begin.back() == 20000);
  for (std::size_t h = 0; h < p.households(); ++h) {
    const auto b = p.household_begin[h], e = p.household_begin[h + 1];
    REQUIRE(e > b);
    for (auto i = b; i < e; ++i) {
      REQUIRE(p.household_of[i] == h);
      REQUIRE(p.nbhd_of[i] == p.nbhd_of[b]);
    }
  }
  // Sizes are 1 + Poisson(mean - 1), cut only at neighbourhood ends: the mean is close.
  const double mean = 20000.0 / static_cast<double>(p.households());
  CHECK(std::fabs(mean - 2.4) < 0.05);
}

TEST_CASE("a mean household size of 1 gives single-person households", "[place]") {
  const Place p = build_place(params(500, 5, 1.0), 1);
  CHECK(p.households() == 500);
}

TEST_CASE("the place is a function of the seed", "[place]") {
  const Place a = build_place(params(5000, 5, 2.3), 8), b = build_place(params(5000, 5, 2.3), 8),
              c = build_place(params(5000, 5, 2.3), 9);
  CHECK(a.household_begin == b.household_begin);
  CHECK(a.household_begin != c.household_begin);
}
