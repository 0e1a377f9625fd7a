// Sensitivity indices of a sweep (experiments/sensitivity_indices.cpp) against functions whose
// indices are known: the Ishigami function (a = 7, b = 0.1 on [-pi, pi]^3; Ishigami & Homma
// 1990, Sobol' & Levitan 1999) and a linear function, whose elementary effects are its
// coefficients times the ranges.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <vector>

#include "experiments/sensitivity_indices.hpp"

using namespace placesim::sensitivity;

namespace {

constexpr double kPi = 3.14159265358979323846;

double ishigami(const std::vector<double>& u) {
  // u in [0,1]^3, mapped to [-pi, pi]^3.
  const double x1 = -kPi + 2 * kPi * u[0], x2 = -kPi + 2 * kPi * u[1],
               x3 = -kPi + 2 * kPi * u[2];
  return std::sin(x1) + 7 * std::sin(x2) * std::sin(x2) +
         0.1 * std::pow(x3, 4) * std::sin(x1);
}

// Analytic Sobol' indices of Ishigami with a = 7, b = 0.1.
struct Known {
  double s1[3], st[3];
};
Known ishigami_known() {
  const double a = 7, b = 0.1, pi4 = std::pow(kPi, 4), pi8 = std::pow(kPi, 8);
  const double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5);
  const double v2 = a * a / 8;
  const double v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
  const double v = v1 + v2 + v13;
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

// The exact mu* of Morris on a p-level grid: at the moment a factor steps, every coordinate is
// uniform over the p levels (the step maps the lower half onto the upper), so mu*_i is the
// mean |EE_i| over all p^3 grid points, each stepping the way the design steps it.
double morris_mu_star_exact(std::size_t factor, int p) {
  const int half = p / 2;
  const double delta = static_cast<double>(half) / (p - 1);
  double sum = 0;
  int n = 0;
  for (int i = 0; i < p; ++i)
    for (int j = 0; j < p; ++j)
      for (int l = 0; l < p; ++l) {
        int lv[3] = {i, j, l};
        std::vector<double> x = {i / (p - 1.0), j / (p - 1.0), l / (p - 1.0)};
        auto y = x;
        const double d = lv[factor] < half ? delta : -delta;
        y[factor] += d;
        sum += std::fabs((ishigami(y) - ishigami(x)) / d);
        ++n;
      }
  return sum / n;
}

}  // namespace

TEST_CASE("Ishigami's analytic indices are the published ones", "[sensitivity]") {
  const Known k = ishigami_known();
  CHECK(k.s1[0] == Approx(0.314).margin(0.0005));
  CHECK(k.s1[1] == Approx(0.442).margin(0.0005));
  CHECK(k.st[0] == Approx(0.558).margin(0.0005));
  CHECK(k.st[2] == Approx(0.244).margin(0.0005));
}

TEST_CASE("Saltelli sampling gives N(k+2) points in blocks A, AB_1..AB_k, B", "[sensitivity]") {
  const auto pts = saltelli_points(3, 8);
  REQUIRE(pts.size() == 8 * 5);
  for (std::size_t j = 0; j < 8; ++j) {
    const auto& a = pts[j * 5];
    const auto& b = pts[j * 5 + 4];
    for (std::size_t i = 0; i < 3; ++i) {
      const auto& ab = pts[j * 5 + 1 + i];
      for (std::size_t c = 0; c < 3; ++c) CHECK(ab[c] == (c == i ? b[c] : a[c]));
    }
    for (double x : a) CHECK((x >= 0 && x < 1));
  }
  CHECK(pts[0][0] == 0.5);  // boost's Sobol' sequence starts at 1/2, not at the corner
  // Low discrepancy: the 8 base rows of A fall in at least 7 of the 8 eighths of each axis
  // (all 8 for a sequence that kept the corner point; boost starts one point later).
  std::set<int> strata;
  for (std::size_t j = 0; j < 8; ++j) strata.insert(static_cast<int>(pts[j * 5][1] * 8));
  CHECK(strata.size() >= 7);
}

TEST_CASE("Sobol' indices recover Ishigami's S1 and ST within their bootstrap intervals",
          "[sensitivity]") {
  // N = 8192 base rows, 40,960 evaluations.
  const std::int64_t n = 8192;
  const auto pts = saltelli_points(3, n);
  std::vector<double> y;
  for (const auto& p : pts) y.push_back(ishigami(p));
  const auto idx = sobol_indices(y, 3, kBootstrapResamples, 7);
  const Known k = ishigami_known();
  REQUIRE(idx.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("factor " << i + 1 << " S1 " << idx[i].s1.value << " [" << idx[i].s1.lo << ", "
                   << idx[i].s1.hi << "] ST " << idx[i].st.value << " [" << idx[i].st.lo
                   << ", " << idx[i].st.hi << "]");
    CHECK(idx[i].s1.lo <= k.s1[i]);
    CHECK(k.s1[i] <= idx[i].s1.hi);
    CHECK(idx[i].st.lo <= k.st[i]);
    CHECK(k.st[i] <= idx[i].st.hi);
    CHECK(idx[i].s1.hi - idx[i].s1.lo < 0.1);  // and the intervals are informative
    CHECK(idx[i].st.hi - idx[i].st.lo < 0.1);
  }
}

TEST_CASE("Sobol' indices drop base rows with a failed run and need variance", "[sensitivity]") {
  const auto pts = saltelli_points(2, 1024);
  std::vector<double> y;
  for (const auto& p : pts) y.push_back(3 * p[0] + p[1]);
  y[5] = std::nan("");  // one failed run: its base row goes, the rest still estimate
  const auto idx = sobol_indices(y, 2, 200, 1);
  CHECK(idx[0].st.value > idx[1].st.value);
  CHECK(idx[0].s1.value == Approx(0.9).margin(0.1));
  const std::vector<double> flat(pts.size(), 4.0);
  const auto none = sobol_indices(flat, 2, 200, 1);
  CHECK(std::isnan(none[0].s1.value));
  CHECK(std::isnan(none[0].st.lo));
}

TEST_CASE("Morris trajectories move one factor at a time by delta on the grid",
          "[sensitivity]") {
  const std::size_t k = 4;
  const int p = 6;
  const auto pts = morris_trajectories(k, 20, p, 3);
  REQUIRE(pts.size() == 20 * (k + 1));
  const double delta = 3.0 / 5.0;
  for (std::size_t t = 0; t < 20; ++t) {
    std::set<std::size_t> moved;
    for (std::size_t s = 0; s < k; ++s) {
      const auto& a = pts[t * (k + 1) + s];
      const auto& b = pts[t * (k + 1) + s + 1];
      int changed = 0;
      for (std::size_t i = 0; i < k; ++i)
        if (a[i] != b[i]) {
          ++changed;
          moved.insert(i);
          CHECK(std::fabs(std::fabs(b[i] - a[i]) - delta) < 1e-12);
          CHECK((b[i] >= -1e-12 && b[i] <= 1 + 1e-12));
        }
      CHECK(changed == 1);
    }
    CHECK(moved.size() == k);  // every factor steps once per trajectory
  }
  CHECK(morris_trajectories(k, 20, p, 3) == pts);  // the seed fixes the design
  CHECK(morris_trajectories(k, 20, p, 4) != pts);
}

TEST_CASE("Morris mu* recovers Ishigami's exact grid values within its bootstrap intervals",
          "[sensitivity]") {
  // r = 400 trajectories on p = 4 levels: 1,600 evaluations.
  const int p = 4;
  const auto pts = morris_trajectories(3, 400, p, 11);
  std::vector<double> y;
  for (const auto& x : pts) y.push_back(ishigami(x));
  const auto idx = morris_indices(pts, y, 3, kBootstrapResamples, 5);
  for (std::size_t i = 0; i < 3; ++i) {
    const double exact = morris_mu_star_exact(i, p);
    INFO("factor " << i + 1 << " mu* " << idx[i].mu_star.value << " [" << idx[i].mu_star.lo
                   << ", " << idx[i].mu_star.hi << "] exact " << exact);
    CHECK(idx[i].effects == 400);
    CHECK(idx[i].mu_star.lo <= exact);
    CHECK(exact <= idx[i].mu_star.hi);
  }
  // x3 acts only through its interaction with x1: its effects change sign, so mu is near 0
  // while mu* and sigma are not.
  CHECK(std::fabs(idx[2].mu) < idx[2].mu_star.value / 2);
  CHECK(idx[2].sigma > 0);
}

TEST_CASE("Morris ranks the factors of a linear function by coefficient times range",
          "[sensitivity]") {
  // y = 10 x1 + 3 x2 - 0.5 x3 + 0 x4 over ranges [0, 2], [10, 20], [0, 1], [5, 6]. In unit
  // scale EE_i = coefficient * range: 20, 30, -0.5, 0; sigma 0.
  const double lo[4] = {0, 10, 0, 5}, hi[4] = {2, 20, 1, 6}, c[4] = {10, 3, -0.5, 0};
  const auto pts = morris_trajectories(4, 10, 4, 2);
  std::vector<double> y;
  for (const auto& u : pts) {
    double v = 0;
    for (int i = 0; i < 4; ++i) v += c[i] * (lo[i] + u[i] * (hi[i] - lo[i]));
    y.push_back(v);
  }
  const auto idx = morris_indices(pts, y, 4, 200, 1);
  CHECK(idx[0].mu_star.value == Approx(20));
  CHECK(idx[1].mu_star.value == Approx(30));
  CHECK(idx[2].mu_star.value == Approx(0.5));
  CHECK(idx[2].mu == Approx(-0.5));
  CHECK(idx[3].mu_star.value == Approx(0).margin(1e-9));
  for (const auto& m : idx) CHECK(m.sigma == Approx(0).margin(1e-9));
  // Ranking by mu*: x2 > x1 > x3 > x4.
  CHECK(idx[1].mu_star.value > idx[0].mu_star.value);
  CHECK(idx[0].mu_star.value > idx[2].mu_star.value);
  CHECK(idx[2].mu_star.value > idx[3].mu_star.value);
}

TEST_CASE("Morris skips steps an integer rounding ate and runs that failed", "[sensitivity]") {
  std::vector<std::vector<double>> pts = {{0, 0}, {1, 0}, {1, 0}, {0, 1}, {0, 0}, {0, 0}};
  const std::vector<double> y = {0, 2, 2, std::nan(""), 5, 5};
  const auto idx = morris_indices(pts, y, 2, 100, 1);
  CHECK(idx[0].effects == 1);  // trajectory 1; its second step changed nothing
  CHECK(idx[0].mu_star.value == Approx(2));
  CHECK(idx[1].effects == 0);  // factor 1 never moved with both runs ok
  CHECK(std::isnan(idx[1].mu_star.value));
}

TEST_CASE("R^2 of the regression view and replicate noise", "[sensitivity]") {
  std::vector<double> x1, x2, y, noisy;
  for (int i = 0; i < 50; ++i) {
    x1.push_back(i % 7);
    x2.push_back((i * 13) % 11);
    y.push_back(2 * x1.back() - 3 * x2.back() + 1);
    noisy.push_back(y.back() + ((i % 2) ? 4.0 : -4.0));
  }
  CHECK(regression_r2({x1, x2}, y) == Approx(1.0));
  const double r2 = regression_r2({x1, x2}, noisy);
  CHECK(r2 < 0.99);
  CHECK(r2 > 0.5);
  CHECK(regression_r2({x1, x1}, y) < 1.0);  // collinear duplicate adds nothing
  CHECK(std::isnan(regression_r2({x1}, std::vector<double>(50, 1.0))));

  // Two points, three replicates each: within SD 1, point means 10 and 20.
  const auto rn = replicate_noise({0, 0, 0, 1, 1, 1}, {9, 10, 11, 19, 20, 21});
  CHECK(rn.within_sd == Approx(1.0));
  CHECK(rn.between_sd == Approx(std::sqrt(50.0)));
  CHECK(rn.points == 2);
  CHECK(rn.replicates_max == 3);
  CHECK(std::isnan(replicate_noise({0, 1}, {1, 2}).within_sd));
}

// ---- the designs as a sweep file expands them -------------------------------------------

#include "experiments/sweep_design.hpp"

TEST_CASE("a [morris] sweep expands to r(k+1) grid points and a [sobol] one to N(k+2)",
          "[sensitivity][sweep]") {
  using namespace placesim;
  const auto morris = parse_sweep(R"(
[sweep]
base = "silo-vs-relational"
baseline = "relational"
[morris]
trajectories = 3
levels = 4
seed = 5
demand.trust_initial = { min = 0.3, max = 0.9 }
network.ring_neighbours = { min = 2, max = 5 }
)",
                                  "m.toml", ".");
  CHECK(morris.baseline == "relational");
  const auto pts = design_points(morris);
  REQUIRE(pts.size() == 3 * 3);
  std::set<double> trust;
  std::set<std::int64_t> ring;
  for (const auto& p : pts) {
    trust.insert(std::get<double>(p[0]));
    ring.insert(std::get<std::int64_t>(p[1]));
  }
  for (double x : trust)  // levels are the decimal values 0.3, 0.5, 0.7, 0.9
    CHECK((x == 0.3 || x == 0.5 || x == 0.7 || x == 0.9));
  for (auto r : ring) CHECK((r >= 2 && r <= 5));
  CHECK(design_columns(morris).size() == 2);

  const auto sobol = parse_sweep(R"(
[sweep]
base = "silo-vs-relational"
replicates = 2
[sobol]
samples = 8
life.cause_push = { min = 0.0, max = 0.03 }
groups.funding = { min = 0.5, max = 1.5 }
network.ring_neighbours = { min = 2, max = 5 }
)",
                                 "s.toml", ".");
  const auto plan = plan_sweep(sobol);
  CHECK(plan.runs.size() == 8 * 5 * 2);
  for (const auto& r : plan.runs) {
    CHECK(r.error.empty());
    const double cp = std::get<double>(r.values[0]);
    CHECK((cp >= 0.0 && cp < 0.03));
  }
  // The summary reads the design back from the file's text alone.
  const auto back = parse_sweep_analysis(sobol.text, "s.toml");
  CHECK(back.sensitivity.method == SensitivityMethod::Sobol);
  CHECK(back.sensitivity.samples == 8);
  REQUIRE(back.sensitivity.params.size() == 3);
  CHECK(back.sensitivity.params[2].key == "network.ring_neighbours");
}
