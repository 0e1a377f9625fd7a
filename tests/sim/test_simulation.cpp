// The tick engine: the same config gives the same bits on any number of threads, and the
// whole simulation honours the life-step invariants.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "core/config.hpp"
#include "sim/simulation.hpp"

using namespace placesim;

namespace {

Config small_config(std::int64_t threads) {
  Config cfg;
  cfg.place.citizens = 12000;
  cfg.place.neighbourhoods = 12;  // 12 chunks of 1000: enough for threads to interleave
  cfg.run.days = 60;
  cfg.run.seed = 7;
  cfg.run.threads = threads;
  for (auto& r : cfg.life.shock_rate) r *= 5;  // crises and causes happen within 60 days
  return cfg;
}

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

// Compares everything a run records and every citizen array, bit for bit.
void require_identical(const Simulation& a, const Simulation& b) {
  const Recorder &ra = a.recorder(), &rb = b.recorder();
  REQUIRE(ra.ticks == rb.ticks);
  REQUIRE(ra.place_meta().size() == rb.place_meta().size());
  for (std::size_t s = 0; s < ra.place_meta().size(); ++s) {
    INFO("series " << ra.place_meta()[s].name);
    REQUIRE(ra.place_meta()[s].name == rb.place_meta()[s].name);
    REQUIRE(same_bits(ra.place_data()[s], rb.place_data()[s]));
  }
  REQUIRE(ra.nbhd_meta().size() == rb.nbhd_meta().size());
  for (std::size_t s = 0; s < ra.nbhd_meta().size(); ++s) {
    INFO("neighbourhood series " << ra.nbhd_meta()[s].name);
    REQUIRE(same_bits(ra.nbhd_data()[s], rb.nbhd_data()[s]));
  }
  REQUIRE(ra.sample_ids == rb.sample_ids);
  REQUIRE(ra.sample_ticks == rb.sample_ticks);
  REQUIRE(same_bits(ra.sample_cost, rb.sample_cost));
  REQUIRE(same_bits(ra.sample_wellbeing, rb.sample_wellbeing));

  const Citizens &ca = a.state().citizens, &cb = b.state().citizens;
  for (int d = 0; d < kDomains; ++d) {
    REQUIRE(same_bits(ca.need[d], cb.need[d]));
    REQUIRE(same_bits(ca.cause[d], cb.cause[d]));
  }
  REQUIRE(same_bits(ca.resilience, cb.resilience));
  REQUIRE(same_bits(ca.trust, cb.trust));
  REQUIRE(same_bits(ca.help_threshold, cb.help_threshold));
  REQUIRE(same_bits(ca.wellbeing, cb.wellbeing));
  REQUIRE(same_bits(ca.support, cb.support));
  REQUIRE(ca.in_crisis == cb.in_crisis);
  REQUIRE(ca.groups == cb.groups);
  REQUIRE(ca.crises == cb.crises);
  REQUIRE(ca.contacts == cb.contacts);
  REQUIRE(ca.failure_contacts == cb.failure_contacts);
  REQUIRE(ca.assessments == cb.assessments);
  REQUIRE(ca.referrals == cb.referrals);
  REQUIRE(ca.services_met == cb.services_met);
  REQUIRE(ca.workers_met == cb.workers_met);
  REQUIRE(same_bits(ca.cost, cb.cost));
  REQUIRE(same_bits(ca.crisis_cost, cb.crisis_cost));
}

}  // namespace

TEST_CASE("serial and parallel simulations give identical bits", "[simulation][determinism]") {
  Simulation serial(small_config(1));
  serial.run();
  REQUIRE(serial.recorder().ticks.size() == 60);
  std::uint64_t crises = 0;
  for (auto x : serial.state().citizens.crises) crises += x;
  REQUIRE(crises > 0);  // the comparison covers crisis bookkeeping, not only quiet days

  for (std::int64_t threads : {2, 3, 8}) {
    INFO("threads = " << threads);
    Simulation parallel(small_config(threads));
    parallel.run();
    require_identical(serial, parallel);
  }
}

TEST_CASE("stepping day by day equals run()", "[simulation][determinism]") {
  Simulation a(small_config(2)), b(small_config(2));
  a.run();
  for (int t = 0; t < 60; ++t) b.step();
  require_identical(a, b);
}

TEST_CASE("another seed gives another run", "[simulation]") {
  // Guards the determinism tests against comparing outputs that never depend on anything.
  Config other = small_config(2);
  other.run.seed = 8;
  Simulation a(small_config(2)), b(other);
  a.run();
  b.run();
  CHECK_FALSE(same_bits(a.state().citizens.need[Money], b.state().citizens.need[Money]));
}

TEST_CASE("a run records one row per day", "[simulation]") {
  Config cfg = small_config(2);
  cfg.run.days = 17;
  cfg.run.sample_every = 5;
  Simulation sim(cfg);
  sim.run();
  const Recorder& r = sim.recorder();
  REQUIRE(r.ticks.size() == 17);
  for (std::size_t t = 0; t < r.ticks.size(); ++t) CHECK(r.ticks[t] == static_cast<std::int32_t>(t));
  for (std::size_t s = 0; s < r.place_meta().size(); ++s) {
    INFO(r.place_meta()[s].name);
    CHECK(r.place_data()[s].size() == 17);
    CHECK_FALSE(r.place_meta()[s].description.empty());
  }
  for (std::size_t s = 0; s < r.nbhd_meta().size(); ++s)
    CHECK(r.nbhd_data()[s].size() == 17 * r.neighbourhoods());
  CHECK(r.sample_ticks == std::vector<std::int32_t>{0, 5, 10, 15});
  CHECK(r.sample_cost.size() == r.sample_ticks.size() * r.sample_ids.size());
  CHECK(sim.state().tick == 17);
}

TEST_CASE("in a whole simulation without shocks or causes needs decay to zero", "[simulation]") {
  Config cfg;
  cfg.place.citizens = 600;
  cfg.place.neighbourhoods = 3;
  cfg.run.days = 3650;
  cfg.run.threads = 2;
  cfg.life.shock_rate.fill(0.0);
  cfg.life.cause_onset_prob = 0.0;
  cfg.life.initial_cause_prob = 0.0;
  Simulation sim(cfg);
  float start = 0;
  for (int d = 0; d < kDomains; ++d)
    start = std::max(start, *std::max_element(sim.state().citizens.need[d].begin(),
                                              sim.state().citizens.need[d].end()));
  REQUIRE(start > 0.2f);
  sim.run();
  for (int d = 0; d < kDomains; ++d) {
    const auto& v = sim.state().citizens.need[d];
    INFO("domain " << kDomainNames[d]);
    CHECK(*std::max_element(v.begin(), v.end()) < 1e-5f);
  }
}
