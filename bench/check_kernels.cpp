// Holds the blocked kernels in agents/life_step.cpp to bit-for-bit agreement with the plain
// reference (kernel_reference.cpp), over ranges that start and end anywhere: inside a
// household, across neighbourhood borders, one citizen long. Runs in about a second, so it is
// registered with ctest; exit status 0 means every array matched on every tick.
#include <cstdio>
#include <cstring>
#include <string>

#include "bench/kernel_reference.hpp"
#include "sim/model.hpp"
#include "sim/state.hpp"

namespace placesim {
namespace {

int failures = 0;

template <class T>
void same(const std::vector<T>& a, const std::vector<T>& b, const char* what, const char* cfg,
          std::uint32_t tick) {
  if (a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0) return;
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && std::memcmp(&a[i], &b[i], sizeof(T)) == 0) ++i;
  std::fprintf(stderr, "MISMATCH %s [%s] tick %u: first difference at citizen %zu\n", what, cfg,
               tick, i);
  ++failures;
}

// Split points from a fixed LCG, so the ranges are irregular but the same every run.
std::vector<std::size_t> ragged_splits(std::size_t n, std::uint32_t salt) {
  std::vector<std::size_t> cut{0};
  std::uint64_t x = 0x2545F4914F6CDD1DULL ^ salt;
  while (cut.back() < n) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const std::size_t len = (x >> 33) % 7 == 0 ? 1 : 1 + (x >> 33) % 3000;
    cut.push_back(std::min(n, cut.back() + len));
  }
  return cut;
}

void check(const char* name, const Config& cfg, int ticks) {
  const Model m = build_model(cfg);
  const std::size_t n = m.place.citizens();
  SimState ref, opt;
  for (SimState* s : {&ref, &opt}) {
    s->citizens.resize(n);
    s->new_crisis.assign(n, 0);
    init_citizens(m.cfg, m.place, s->citizens, 0, n);
    // Group memberships exercise the recovery term that counts groups.
    for (std::size_t i = 0; i < n; ++i)
      s->citizens.groups[i] = static_cast<std::uint8_t>((i * 2654435761u) >> 27);
    reference::support_step(m.life, m.net, s->citizens, 0, n);
  }
  for (std::uint32_t t = 0; t < static_cast<std::uint32_t>(ticks); ++t) {
    reference::life_step(m.life, m.place, ref.citizens, ref.new_crisis, t, 0, n);
    const auto cut = ragged_splits(n, t);
    for (std::size_t r = 0; r + 1 < cut.size(); ++r)
      life_step(m.life, m.place, opt.citizens, opt.new_crisis, t, cut[r], cut[r + 1]);
    const Citizens& a = ref.citizens;
    const Citizens& b = opt.citizens;
    for (int d = 0; d < kDomains; ++d) {
      same(a.need[d], b.need[d], ("need_" + std::string(kDomainNames[d])).c_str(), name, t);
      same(a.cause[d], b.cause[d], ("cause_" + std::string(kDomainNames[d])).c_str(), name, t);
    }
    same(a.wellbeing, b.wellbeing, "wellbeing", name, t);
    same(a.in_crisis, b.in_crisis, "in_crisis", name, t);
    same(ref.new_crisis, opt.new_crisis, "new_crisis", name, t);
    same(a.crises, b.crises, "crises", name, t);
    same(a.crisis_cost, b.crisis_cost, "crisis_cost", name, t);
    same(a.cost, b.cost, "cost", name, t);

    reference::support_step(m.life, m.net, ref.citizens, 0, n);
    const auto cut2 = ragged_splits(n, t + 1000);
    for (std::size_t r = 0; r + 1 < cut2.size(); ++r)
      support_step(m.life, m.net, opt.citizens, cut2[r], cut2[r + 1]);
    same(a.support, b.support, "support", name, t);
    if (failures) return;
  }
  std::uint64_t crises = 0;
  for (auto x : ref.citizens.crises) crises += x;
  std::printf("check_kernels: %s: %zu citizens x %d ticks bit-identical (%llu crises)\n", name, n,
              ticks, static_cast<unsigned long long>(crises));
}

}  // namespace
}  // namespace placesim

int main() {
  using placesim::Config;
  Config base;
  base.place.citizens = 20000;
  base.place.neighbourhoods = 7;
  placesim::check("defaults", base, 40);

  // Many shocks, causes and crises, strong coupling: every rare branch runs often.
  Config busy = base;
  busy.run.seed = 99;
  for (auto& r : busy.life.shock_rate) r *= 40;
  busy.life.cause_onset_prob = 0.7;
  busy.life.household_share = 0.6;
  busy.life.crisis_level = 0.5;
  busy.life.crisis_rearm = 0.3;
  busy.life.coupling_onset = 0.1;
  for (int a = 0; a < placesim::kDomains; ++a)
    for (int b = 0; b < placesim::kDomains; ++b)
      busy.life.coupling[a][b] = a == b ? 0.0 : 0.002 * (1 + (a * 3 + b) % 5);
  placesim::check("busy", busy, 40);

  // A population that does not divide evenly into small neighbourhoods, and a seed that uses
  // both Philox key words.
  Config odd = base;
  odd.place.citizens = 3001;
  odd.place.neighbourhoods = 13;
  odd.run.seed = 0x7FFFFFFF12345678LL;
  for (auto& r : odd.life.shock_rate) r *= 10;
  placesim::check("odd", odd, 40);

  return placesim::failures ? 1 : 0;
}
