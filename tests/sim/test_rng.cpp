#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "core/rng.hpp"

using namespace placesim;

namespace {

// Upper critical value of chi-square with `df` degrees of freedom at the one-sided normal
// quantile z (Wilson-Hilferty; accurate to a fraction of a percent for df >= 10).
double chi2_critical(double df, double z) {
  const double a = 2.0 / (9.0 * df);
  return df * std::pow(1.0 - a + z * std::sqrt(a), 3);
}
constexpr double kZ001 = 3.090232;  // alpha = 0.001: a correct generator fails 1 run in 1000

double chi2_uniform(const std::vector<std::uint64_t>& counts, std::uint64_t total) {
  const double expected = static_cast<double>(total) / counts.size();
  double x = 0;
  for (auto c : counts) x += (c - expected) * (c - expected) / expected;
  return x;
}

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const double n = static_cast<double>(a.size());
  double ma = 0, mb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return sab / std::sqrt(saa * sbb);
}

struct Moments {
  double mean = 0, var = 0;
};

Moments moments(const std::vector<double>& x) {
  Moments m;
  for (double v : x) m.mean += v;
  m.mean /= x.size();
  for (double v : x) m.var += (v - m.mean) * (v - m.mean);
  m.var /= (x.size() - 1);
  return m;
}

// Checks sample mean and variance against the true mean, variance and fourth central moment,
// each within `k` standard errors.
void check_moments(const std::vector<double>& x, double mean, double var, double mu4,
                   double k = 5.0) {
  const double n = static_cast<double>(x.size());
  const Moments m = moments(x);
  INFO("mean " << m.mean << " (expected " << mean << "), variance " << m.var << " (expected "
               << var << ")");
  CHECK(std::fabs(m.mean - mean) < k * std::sqrt(var / n));
  CHECK(std::fabs(m.var - var) < k * std::sqrt((mu4 - var * var) / n));
}

}  // namespace

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
  // Both halves of a 64-bit seed are part of the key.
  REQUIRE(Stream(42 + (std::uint64_t{1} << 32), 7, 3, Purpose::LifeShock).next4() != w);
}

TEST_CASE("next_u32 hands out the words of next4 in order", "[rng]") {
  Stream a(5, 1, 2, Purpose::CauseOnset), b(5, 1, 2, Purpose::CauseOnset);
  for (int block = 0; block < 3; ++block) {
    const auto w = a.next4();
    for (int j = 0; j < 4; ++j) REQUIRE(b.next_u32() == w[j]);
  }
}

TEST_CASE("streams differing in one key component are uncorrelated", "[rng]") {
  // For independent uniforms the sample correlation has standard deviation 1/sqrt(n); a bound
  // of 5/sqrt(n) is exceeded by chance with probability below 1e-6.
  constexpr std::uint32_t n = 50000;
  const double bound = 5.0 / std::sqrt(static_cast<double>(n));
  using KeyFn = std::function<Stream(std::uint32_t i, bool other)>;
  const std::vector<std::pair<const char*, KeyFn>> cases = {
      {"seed", [](std::uint32_t i, bool o) { return Stream(o ? 1001 : 1000, i, 5, Purpose::LifeShock); }},
      {"agent", [](std::uint32_t i, bool o) { return Stream(1000, 2 * i + (o ? 1 : 0), 5, Purpose::LifeShock); }},
      {"tick", [](std::uint32_t i, bool o) { return Stream(1000, i, o ? 6 : 5, Purpose::LifeShock); }},
      {"purpose", [](std::uint32_t i, bool o) {
         return Stream(1000, i, 5, o ? Purpose::HouseholdShock : Purpose::LifeShock);
       }},
      {"seed high word", [](std::uint32_t i, bool o) {
         return Stream(1000 + (o ? (std::uint64_t{1} << 32) : 0), i, 5, Purpose::LifeShock);
       }},
  };
  for (const auto& [name, key] : cases) {
    std::vector<double> a(n), b(n);
    for (std::uint32_t i = 0; i < n; ++i) {
      a[i] = key(i, false).uniform();
      b[i] = key(i, true).uniform();
    }
    INFO("key component: " << name);
    CHECK(std::fabs(correlation(a, b)) < bound);
  }
}

TEST_CASE("successive draws of one stream are uncorrelated", "[rng]") {
  constexpr std::uint32_t n = 50000;
  Stream s(9, 0, 0, Purpose::Sampling);
  std::vector<double> x(n + 1);
  for (auto& v : x) v = s.uniform();
  std::vector<double> a(x.begin(), x.end() - 1), b(x.begin() + 1, x.end());
  CHECK(std::fabs(correlation(a, b)) < 5.0 / std::sqrt(static_cast<double>(n)));
}

TEST_CASE("uniform draws pass a chi-square test", "[rng]") {
  constexpr int bins = 100;
  const double critical = chi2_critical(bins - 1, kZ001);

  SECTION("within one stream") {
    constexpr std::uint64_t total = 400000;
    std::vector<std::uint64_t> counts(bins, 0);
    Stream s(2024, 3, 0, Purpose::LifeShock);
    for (std::uint64_t i = 0; i < total; ++i)
      ++counts[static_cast<std::size_t>(s.uniform() * bins)];
    CHECK(chi2_uniform(counts, total) < critical);
  }
  SECTION("across agents, first draw only (how the life step uses its streams)") {
    constexpr std::uint32_t total = 400000;
    std::vector<std::uint64_t> counts(bins, 0);
    for (std::uint32_t i = 0; i < total; ++i)
      ++counts[static_cast<std::size_t>(Stream(2024, i, 17, Purpose::LifeShock).uniform() * bins)];
    CHECK(chi2_uniform(counts, total) < critical);
  }
  SECTION("across ticks, first draw only") {
    constexpr std::uint32_t total = 400000;
    std::vector<std::uint64_t> counts(bins, 0);
    for (std::uint32_t t = 0; t < total; ++t)
      ++counts[static_cast<std::size_t>(Stream(2024, 11, t, Purpose::HouseholdShock).uniform() * bins)];
    CHECK(chi2_uniform(counts, total) < critical);
  }
}

TEST_CASE("uniform, exponential and normal variates have the right moments", "[rng]") {
  constexpr std::size_t n = 200000;
  std::vector<double> x(n);
  SECTION("uniform on (0, 1)") {
    Stream s(77, 0, 0, Purpose::InitNeeds);
    for (auto& v : x) {
      v = s.uniform();
      REQUIRE(v > 0.0);
      REQUIRE(v < 1.0);
    }
    check_moments(x, 0.5, 1.0 / 12.0, 1.0 / 80.0);
  }
  SECTION("exponential") {
    const double rate = 2.5;
    Stream s(77, 1, 0, Purpose::Arrival);
    for (auto& v : x) {
      v = s.exponential(rate);
      REQUIRE(std::isfinite(v));
      REQUIRE(v >= 0.0);
    }
    check_moments(x, 1 / rate, 1 / (rate * rate), 9 / std::pow(rate, 4));
  }
  SECTION("standard normal") {
    Stream s(77, 2, 0, Purpose::InitTraits);
    std::size_t tails = 0;
    for (auto& v : x) {
      v = s.normal();
      REQUIRE(std::isfinite(v));
      if (std::fabs(v) > 1.959964) ++tails;
    }
    check_moments(x, 0.0, 1.0, 3.0);
    // Shape, not only moments: 5% outside +-1.96.
    const double p = 0.05;
    CHECK(std::fabs(static_cast<double>(tails) / n - p) < 5 * std::sqrt(p * (1 - p) / n));
  }
}

TEST_CASE("the open-interval mapping never reaches 0 or 1", "[rng]") {
  CHECK(Stream::to_open01(0) > 0.0);
  CHECK(Stream::to_open01(std::numeric_limits<std::uint32_t>::max()) < 1.0);
  CHECK(std::isfinite(std::log(Stream::to_open01(0))));
  CHECK(std::isfinite(std::log(1.0 - Stream::to_open01(std::numeric_limits<std::uint32_t>::max()))));
}

TEST_CASE("below(n) stays in [0, n) and is uniform", "[rng]") {
  Stream s(3, 4, 5, Purpose::Sampling);
  for (std::uint32_t n : {1u, 2u, 3u, 7u, 1000u, 4294967295u}) {
    for (int i = 0; i < 20000; ++i) REQUIRE(s.below(n) < n);
  }
  for (int i = 0; i < 1000; ++i) REQUIRE(s.below(1) == 0u);

  constexpr std::uint32_t k = 10;
  constexpr std::uint64_t total = 200000;
  std::vector<std::uint64_t> counts(k, 0);
  for (std::uint64_t i = 0; i < total; ++i) ++counts[s.below(k)];
  CHECK(chi2_uniform(counts, total) < chi2_critical(k - 1, kZ001));
}

TEST_CASE("poisson draws have the requested mean and variance", "[rng]") {
  constexpr std::size_t n = 100000;
  for (double mean : {0.0, 0.3, 1.3, 4.0, 12.0, 25.0}) {
    Stream s(12, static_cast<std::uint32_t>(mean * 10), 0, Purpose::HouseholdSize);
    std::vector<double> x(n);
    for (auto& v : x) v = s.poisson(mean);
    INFO("Poisson mean " << mean);
    if (mean == 0.0) {
      for (double v : x) REQUIRE(v == 0.0);
      continue;
    }
    // Fourth central moment of Poisson(m) is m(1 + 3m).
    check_moments(x, mean, mean, mean * (1 + 3 * mean));
  }
}
