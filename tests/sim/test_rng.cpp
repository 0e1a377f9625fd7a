#include <catch2/catch.hpp>

#include "sim/rng.hpp"

using namespace placesim;

TEST_CASE("a stream is a pure function of its key", "[rng]") {
  Stream a(42, 7, 3, Purpose::LifeShock), b(42, 7, 3, Purpose::LifeShock);
  for (int i = 0; i < 100; ++i) REQUIRE(a.next_u32() == b.next_u32());
}

TEST_CASE("streams with different keys differ", "[rng]") {
  Stream base(42, 7, 3, Purpose::LifeShock);
  const auto w = base.next4();
  REQUIRE(Stream(43, 7, 3, Purpose::LifeShock).next4() != w);
  REQUIRE(Stream(42, 8, 3, Purpose::LifeShock).next4() != w);
  REQUIRE(Stream(42, 7, 4, Purpose::LifeShock).next4() != w);
  REQUIRE(Stream(42, 7, 3, Purpose::HouseholdShock).next4() != w);
}
