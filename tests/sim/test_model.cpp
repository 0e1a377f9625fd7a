// The frozen model: the fixed partition of citizens into chunks that every parallel loop and
// reduction uses, and on which determinism across thread counts rests.
#include <catch2/catch.hpp>

#include "sim/model.hpp"

using namespace placesim;

TEST_CASE("chunks cover every citizen once, in order, inside one neighbourhood", "[model]") {
  Config cfg;
  cfg.place.citizens = 30011;
  cfg.place.neighbourhoods = 3;  // 10000-odd per neighbourhood: several chunks each
  const Model m = build_model(cfg);
  REQUIRE(m.nbhd_first_chunk.size() == 4);
  REQUIRE(m.nbhd_first_chunk.back() == m.chunks.size());
  std::uint32_t next = 0;
  for (std::size_t k = 0; k < m.chunks.size(); ++k) {
    const Chunk& ch = m.chunks[k];
    REQUIRE(ch.begin == next);
    REQUIRE(ch.end > ch.begin);
    REQUIRE(ch.end - ch.begin <= kChunkSize);
    REQUIRE(ch.begin >= m.place.nbhd_begin[ch.nbhd]);
    REQUIRE(ch.end <= m.place.nbhd_begin[ch.nbhd + 1]);
    REQUIRE(k >= m.nbhd_first_chunk[ch.nbhd]);
    REQUIRE(k < m.nbhd_first_chunk[ch.nbhd + 1]);
    next = ch.end;
  }
  CHECK(next == 30011);
  CHECK(m.chunks.size() > 6);
}

TEST_CASE("the model depends on the config only", "[model]") {
  Config cfg;
  cfg.place.citizens = 3000;
  cfg.place.neighbourhoods = 3;
  Config other_threads = cfg;
  other_threads.run.threads = 7;
  const Model a = build_model(cfg), b = build_model(other_threads);
  CHECK(a.place.household_begin == b.place.household_begin);
  CHECK(a.net == b.net);
  CHECK(a.life.p_individual == b.life.p_individual);
}
