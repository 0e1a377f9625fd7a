// Observation: the recorded series agree with the state they summarise.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "sim/observer.hpp"
#include "sim/simulation.hpp"

using namespace placesim;

TEST_CASE("histogram quantiles are exact to within one bin", "[observer]") {
  std::vector<std::uint64_t> flat(100, 10);
  for (double q : {0.0, 0.1, 0.25, 0.5, 0.9, 1.0})
    CHECK(histogram_quantile(flat, 1000, q) == Approx(q).margin(0.01));
  std::vector<std::uint64_t> spike(100, 0);
  spike[37] = 50;
  for (double q : {0.1, 0.5, 0.9}) {
    const double v = histogram_quantile(spike, 50, q);
    CHECK(v >= 0.37);
    CHECK(v <= 0.38);
  }
  CHECK(histogram_quantile(spike, 0, 0.5) == 0.0);
}

TEST_CASE("recorded series add up to the per-citizen counters", "[observer]") {
  Config cfg;
  cfg.place.citizens = 5000;
  cfg.place.neighbourhoods = 5;
  cfg.run.days = 90;
  cfg.run.threads = 2;
  for (auto& r : cfg.life.shock_rate) r *= 5;
  Simulation sim(cfg);
  sim.run();
  const Recorder& r = sim.recorder();
  const Citizens& c = sim.state().citizens;

  const auto& nc = r.series("new_crises");
  const double recorded_crises = std::accumulate(nc.begin(), nc.end(), 0.0);
  const double counted_crises =
      std::accumulate(c.crises.begin(), c.crises.end(), 0.0, [](double a, auto x) { return a + x; });
  REQUIRE(counted_crises > 0);
  CHECK(recorded_crises == counted_crises);

  const auto& cc = r.series("crisis_cost");
  const double recorded_cost = std::accumulate(cc.begin(), cc.end(), 0.0);
  const double counted_cost = std::accumulate(c.crisis_cost.begin(), c.crisis_cost.end(), 0.0);
  CHECK(recorded_cost == Approx(counted_cost).epsilon(1e-9));

  // Per-domain crisis costs and per-neighbourhood costs both add up to the place total.
  const std::size_t nb = r.neighbourhoods();
  REQUIRE(nb == 5);
  std::size_t nb_cost = r.nbhd_meta().size();
  for (std::size_t s = 0; s < r.nbhd_meta().size(); ++s)
    if (r.nbhd_meta()[s].name == "crisis_cost") nb_cost = s;
  REQUIRE(nb_cost < r.nbhd_meta().size());
  const auto& nbc = r.nbhd_data()[nb_cost];
  for (std::size_t t = 0; t < cc.size(); ++t) {
    double by_domain = 0, by_nbhd = 0;
    for (int d = 0; d < kDomains; ++d)
      by_domain += r.series("crisis_cost_" + std::string(kDomainNames[d]))[t];
    for (std::size_t j = 0; j < nb; ++j) by_nbhd += nbc[t * nb + j];
    REQUIRE(by_domain == Approx(cc[t]).epsilon(1e-12));
    REQUIRE(by_nbhd == Approx(cc[t]).epsilon(1e-12));
  }

  // The last row describes the final state.
  const double in_crisis = static_cast<double>(
      std::count_if(c.in_crisis.begin(), c.in_crisis.end(), [](auto b) { return b != 0; }));
  CHECK(r.last("in_crisis") == in_crisis);
  for (int d = 0; d < kDomains; ++d) {
    const double mean = std::accumulate(c.need[d].begin(), c.need[d].end(), 0.0) / c.n;
    CHECK(r.last("need_mean_" + std::string(kDomainNames[d])) == Approx(mean).epsilon(1e-9));
  }
  std::vector<float> w = c.wellbeing;
  std::sort(w.begin(), w.end());
  CHECK(r.last("wellbeing_p50") == Approx(w[w.size() / 2]).margin(0.002));
  CHECK(r.last("wellbeing_p10") <= r.last("wellbeing_p50"));
  CHECK(r.last("wellbeing_p50") <= r.last("wellbeing_p90"));
  const double wmean = std::accumulate(w.begin(), w.end(), 0.0) / w.size();
  CHECK(r.last("wellbeing_mean") == Approx(wmean).epsilon(1e-9));
}
