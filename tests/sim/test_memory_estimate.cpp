// The memory estimate that lets `placesim run` refuse a run that cannot fit: it must cover what
// a run really holds, follow the size of the run, and name both figures when it refuses.
#include <sys/resource.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "agents/units.hpp"
#include "sim/memory_estimate.hpp"
#include "sim/simulation.hpp"

using namespace placesim;
using Catch::Matchers::Contains;

namespace {

Config small_config() {
  Config cfg;
  cfg.place.citizens = 6000;
  cfg.place.neighbourhoods = 6;
  cfg.run.days = 40;
  cfg.run.threads = 1;
  return cfg;
}

template <class T>
double bytes_of(const std::vector<T>& v) {
  return static_cast<double>(v.size() * sizeof(T));
}

}  // namespace

TEST_CASE("the series counts of the estimate are those a run records", "[memory]") {
  // The estimate counts series by these constants; a new series must update them.
  Simulation sim(small_config());
  CHECK(sim.recorder().place_meta().size() == kPlaceSeries);
  CHECK(sim.recorder().nbhd_meta().size() == kNbhdSeries);
  CHECK(sim.recorder().unit_meta().size() == kUnitSeries);
}

TEST_CASE("the estimate covers what a run holds", "[memory]") {
  const Config cfg = small_config();
  Simulation sim(cfg);
  sim.run();
  const Model& m = sim.model();
  const Recorder& r = sim.recorder();
  // Bytes in use: a vector's spare capacity is never written, so never resident (the network's
  // CSR columns grow by doubling and may reserve nearly twice what they hold).
  const double ties = 2.0 * static_cast<double>(m.net.ties());
  const double people = static_cast<double>(sim.state().citizens.bytes()) +
                        4.0 * (static_cast<double>(m.net.vertices()) + 1 + ties) +
                        bytes_of(m.place.household_of) + bytes_of(m.place.nbhd_of) +
                        bytes_of(sim.state().new_crisis);
  double series = bytes_of(r.sample_cost) + bytes_of(r.sample_wellbeing);
  for (const auto& v : r.place_data()) series += bytes_of(v);
  for (const auto& v : r.nbhd_data()) series += bytes_of(v);
  for (const auto& v : r.unit_data()) series += bytes_of(v);

  const MemoryEstimate e = estimate_memory({PreparedArm{"main", cfg, {}, cfg}});
  CHECK(static_cast<double>(e.people) >= people);
  CHECK(static_cast<double>(e.people) <= 1.5 * people);
  CHECK(static_cast<double>(e.series) >= series);
  CHECK(e.total > e.people + e.series);
}

TEST_CASE("the estimate follows the size of the run", "[memory]") {
  Config cfg = small_config();
  const PreparedArm one{"a", cfg, {}, cfg};
  const MemoryEstimate e1 = estimate_memory({one});
  const MemoryEstimate e2 = estimate_memory({one, PreparedArm{"b", cfg, {}, cfg}});
  CHECK(e2.people == 2 * e1.people);
  CHECK(e2.total > e1.total);

  cfg.place.citizens *= 10;
  const MemoryEstimate more_people = estimate_memory({PreparedArm{"a", cfg, {}, cfg}});
  CHECK(more_people.people > 9 * e1.people);

  cfg = small_config();
  cfg.place.neighbourhoods = 6000;
  cfg.run.days = 4000;
  // 4 series x 6000 neighbourhoods x 4000 days of doubles.
  CHECK(estimate_memory({PreparedArm{"a", cfg, {}, cfg}}).series >= 4ull * 6000 * 4000 * 8);

  // The run of defect 8: 100 million citizens, inside the allowed range.
  cfg = small_config();
  cfg.place.citizens = 100000000;
  CHECK(estimate_memory({PreparedArm{"a", cfg, {}, cfg}}).total > 16ull << 30);
}

TEST_CASE("a run that does not fit is refused with both figures", "[memory]") {
  MemoryEstimate need;
  need.total = 3ull << 30;
  CHECK(memory_refusal(need, {4ull << 30, "MemAvailable in /proc/meminfo"}, 2).empty());
  const std::string m = memory_refusal(need, {512ull << 20, "the cgroup's memory.max"}, 2);
  CHECK_THAT(m, Contains("needs an estimated 3.0 GiB of memory (2 arms"));
  CHECK_THAT(m, Contains("but 512 MiB is available (the cgroup's memory.max)"));
  CHECK_THAT(m, Contains("--force"));
  CHECK(format_bytes(1) == "1 MiB");
  CHECK(format_bytes(1536ull << 20) == "1.5 GiB");
}

TEST_CASE("what is available is read from the system and lowered by RLIMIT_AS", "[memory]") {
  const MemoryAvailable now = available_memory();
  CHECK(now.bytes > 0);
  CHECK(now.bytes < UINT64_MAX);  // Linux always has MemAvailable
  CHECK_FALSE(now.source.empty());

  // A limit 64 MiB above the address space in use leaves about 64 MiB.
  std::ifstream status("/proc/self/status");
  std::string line;
  std::uint64_t vm_kb = 0;
  while (std::getline(status, line))
    if (line.rfind("VmSize:", 0) == 0) vm_kb = std::stoull(line.substr(7));
  REQUIRE(vm_kb > 0);
  struct rlimit old {};
  REQUIRE(::getrlimit(RLIMIT_AS, &old) == 0);
  struct rlimit tight = old;
  tight.rlim_cur = vm_kb * 1024 + (64ull << 20);
  if (old.rlim_cur != RLIM_INFINITY && old.rlim_cur < tight.rlim_cur) return;  // already lower
  REQUIRE(::setrlimit(RLIMIT_AS, &tight) == 0);
  const MemoryAvailable limited = available_memory();
  REQUIRE(::setrlimit(RLIMIT_AS, &old) == 0);
  CHECK(limited.bytes <= 64ull << 20);
  CHECK(limited.bytes >= 32ull << 20);
  CHECK(limited.source == "RLIMIT_AS (ulimit -v)");
}

TEST_CASE("the estimate counts the contacts and pulls tables, up to their bound", "[memory][tables]") {
  Config cfg = small_config();
  cfg.run.days = 365;
  cfg.place.citizens = 1000000;
  const auto with = estimate_memory({PreparedArm{"a", cfg, {}, cfg}});
  cfg.people.event_tables = false;
  const auto without = estimate_memory({PreparedArm{"a", cfg, {}, cfg}});
  REQUIRE(with.series > without.series);
  // At most the bound: 6 rows per citizen of 8 bytes in memory (x 1.25 for growth).
  CHECK(static_cast<double>(with.series - without.series) <= 1.25 * 8 * 6 * 1e6 + 1);
  CHECK(static_cast<double>(with.series - without.series) >= 8 * 6 * 1e6);
  // The whole run stays under 700 bytes per citizen for the arm.
  CHECK(static_cast<double>(with.total) < 700.0 * 1e6);

  // The tables a run keeps never pass the bound.
  Config run = small_config();
  run.people.event_rows_per_citizen = 0.01;
  Simulation sim(run);
  sim.run();
  CHECK(static_cast<double>(sim.services()->contact_log().size() + sim.services()->pull_log().size()) <=
        0.01 * static_cast<double>(run.place.citizens));
}
