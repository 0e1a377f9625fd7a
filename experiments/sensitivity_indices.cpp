#include "experiments/sensitivity_indices.hpp"

#include <algorithm>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

namespace placesim::sensitivity {
namespace {

const double kNaN = std::nan("");

// A uniform index in [0, n) from raw mt19937_64 output. The modulo bias is below 2^-40 for
// the sizes used here and, unlike std::uniform_int_distribution, the result is the same on
// every standard library.
std::size_t draw_index(std::mt19937_64& gen, std::size_t n) {
  return static_cast<std::size_t>(gen() % static_cast<std::uint64_t>(n));
}

double mean(const std::vector<double>& v) {
  if (v.empty()) return kNaN;
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double sd_sample(const std::vector<double>& v) {
  if (v.size() < 2) return kNaN;
  const double m = mean(v);
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

double mean_abs(const std::vector<double>& v) {
  if (v.empty()) return kNaN;
  double s = 0;
  for (double x : v) s += std::fabs(x);
  return s / static_cast<double>(v.size());
}

// Percentile interval of a bootstrap distribution.
Interval interval(double estimate, std::vector<double> boot) {
  boot.erase(std::remove_if(boot.begin(), boot.end(), [](double x) { return !std::isfinite(x); }),
             boot.end());
  std::sort(boot.begin(), boot.end());
  const double tail = (1 - kConfidence) / 2;
  return {estimate, percentile_sorted(boot, tail), percentile_sorted(boot, 1 - tail)};
}

// The Sobol' estimators over the base rows `rows` (indices into the blocks of k + 2 values).
void sobol_estimates(const std::vector<double>& y, std::size_t k,
                     const std::vector<std::size_t>& rows, std::vector<double>& s1,
                     std::vector<double>& st) {
  const std::size_t block = k + 2;
  const double n = static_cast<double>(rows.size());
  double sum = 0, sum2 = 0;
  for (std::size_t j : rows) {
    const double a = y[j * block], b = y[j * block + k + 1];
    sum += a + b;
    sum2 += a * a + b * b;
  }
  const double m = sum / (2 * n);
  const double var = sum2 / (2 * n) - m * m;
  s1.assign(k, kNaN);
  st.assign(k, kNaN);
  if (rows.size() < 2 || !(var > 0)) return;
  for (std::size_t i = 0; i < k; ++i) {
    double first = 0, total = 0;
    for (std::size_t j : rows) {
      const double a = y[j * block], ab = y[j * block + 1 + i], b = y[j * block + k + 1];
      first += b * (ab - a);
      total += (a - ab) * (a - ab);
    }
    s1[i] = first / n / var;
    st[i] = total / n / (2 * var);
  }
}

}  // namespace

double percentile_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return kNaN;
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  const double f = pos - static_cast<double>(lo);
  return sorted[lo] + f * (sorted[hi] - sorted[lo]);
}

std::vector<std::vector<double>> morris_trajectories(std::size_t k, std::int64_t r, int p,
                                                     std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  const double step = 1.0 / (p - 1);
  const int half = p / 2;  // levels 0..half-1 step up by delta = half / (p - 1), the rest down
  std::vector<std::vector<double>> out;
  out.reserve(static_cast<std::size_t>(r) * (k + 1));
  std::vector<std::size_t> order(k);
  for (std::int64_t t = 0; t < r; ++t) {
    std::vector<int> level(k);
    for (auto& l : level) l = static_cast<int>(draw_index(gen, static_cast<std::size_t>(p)));
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = k; i > 1; --i) std::swap(order[i - 1], order[draw_index(gen, i)]);
    auto point = [&] {
      std::vector<double> x(k);
      for (std::size_t i = 0; i < k; ++i) x[i] = level[i] * step;
      return x;
    };
    out.push_back(point());
    for (std::size_t i : order) {
      level[i] += level[i] < half ? half : -half;
      out.push_back(point());
    }
  }
  return out;
}

std::vector<MorrisIndex> morris_indices(const std::vector<std::vector<double>>& unit_points,
                                        const std::vector<double>& y, std::size_t k,
                                        std::int64_t resamples, std::uint64_t seed) {
  std::vector<std::vector<double>> effects(k);
  // Effects of each trajectory, kept together so the bootstrap resamples trajectories.
  std::vector<std::vector<std::pair<std::size_t, double>>> by_trajectory;
  const std::size_t block = k + 1;
  for (std::size_t t = 0; (t + 1) * block <= unit_points.size() && (t + 1) * block <= y.size();
       ++t) {
    by_trajectory.emplace_back();
    for (std::size_t s = 0; s < k; ++s) {
      const std::size_t a = t * block + s, b = a + 1;
      std::size_t factor = k;
      double delta = 0;
      for (std::size_t i = 0; i < k; ++i) {
        const double d = unit_points[b][i] - unit_points[a][i];
        if (std::fabs(d) > std::fabs(delta)) delta = d, factor = i;
      }
      if (factor == k || !std::isfinite(y[a]) || !std::isfinite(y[b])) continue;
      const double ee = (y[b] - y[a]) / delta;
      effects[factor].push_back(ee);
      by_trajectory.back().push_back({factor, ee});
    }
  }
  std::vector<MorrisIndex> out(k);
  for (std::size_t i = 0; i < k; ++i) {
    out[i].mu = mean(effects[i]);
    out[i].sigma = sd_sample(effects[i]);
    out[i].mu_star.value = mean_abs(effects[i]);
    out[i].effects = static_cast<std::int64_t>(effects[i].size());
  }
  std::mt19937_64 gen(seed);
  std::vector<std::vector<double>> boot(k);
  const std::size_t nt = by_trajectory.size();
  for (std::int64_t b = 0; nt > 0 && b < resamples; ++b) {
    std::vector<double> sum(k, 0.0);
    std::vector<std::int64_t> count(k, 0);
    for (std::size_t t = 0; t < nt; ++t)
      for (const auto& [factor, ee] : by_trajectory[draw_index(gen, nt)]) {
        sum[factor] += std::fabs(ee);
        ++count[factor];
      }
    for (std::size_t i = 0; i < k; ++i)
      boot[i].push_back(count[i] ? sum[i] / static_cast<double>(count[i]) : kNaN);
  }
  for (std::size_t i = 0; i < k; ++i) {
    const double v = out[i].mu_star.value;
    out[i].mu_star = interval(v, std::move(boot[i]));
  }
  return out;
}

std::vector<std::vector<double>> saltelli_points(std::size_t k, std::int64_t n) {
  boost::random::sobol gen(2 * k);
  std::vector<std::vector<double>> out;
  out.reserve(static_cast<std::size_t>(n) * (k + 2));
  std::vector<double> u(2 * k);
  for (std::int64_t j = 0; j < n; ++j) {
    // 64-bit lattice values scaled to [0,1): exact integer arithmetic, then one rounding.
    for (auto& x : u) x = static_cast<double>(gen()) * 0x1.0p-64;
    const std::vector<double> a(u.begin(), u.begin() + static_cast<std::ptrdiff_t>(k));
    const std::vector<double> b(u.begin() + static_cast<std::ptrdiff_t>(k), u.end());
    out.push_back(a);
    for (std::size_t i = 0; i < k; ++i) {
      auto ab = a;
      ab[i] = b[i];
      out.push_back(std::move(ab));
    }
    out.push_back(b);
  }
  return out;
}

std::vector<SobolIndex> sobol_indices(const std::vector<double>& y, std::size_t k,
                                      std::int64_t resamples, std::uint64_t seed) {
  const std::size_t block = k + 2, n = y.size() / block;
  std::vector<std::size_t> rows;
  for (std::size_t j = 0; j < n; ++j) {
    bool finite = true;
    for (std::size_t c = 0; c < block; ++c) finite = finite && std::isfinite(y[j * block + c]);
    if (finite) rows.push_back(j);
  }
  std::vector<double> s1, st;
  sobol_estimates(y, k, rows, s1, st);
  std::vector<std::vector<double>> b1(k), bt(k);
  std::mt19937_64 gen(seed);
  std::vector<std::size_t> pick(rows.size());
  for (std::int64_t b = 0; rows.size() >= 2 && b < resamples; ++b) {
    for (auto& p : pick) p = rows[draw_index(gen, rows.size())];
    std::vector<double> r1, rt;
    sobol_estimates(y, k, pick, r1, rt);
    for (std::size_t i = 0; i < k; ++i) {
      b1[i].push_back(r1[i]);
      bt[i].push_back(rt[i]);
    }
  }
  std::vector<SobolIndex> out(k);
  for (std::size_t i = 0; i < k; ++i) {
    out[i].s1 = interval(s1[i], std::move(b1[i]));
    out[i].st = interval(st[i], std::move(bt[i]));
    if (!std::isfinite(s1[i])) out[i].s1.lo = out[i].s1.hi = kNaN;
    if (!std::isfinite(st[i])) out[i].st.lo = out[i].st.hi = kNaN;
  }
  return out;
}

double regression_r2(const std::vector<std::vector<double>>& x, const std::vector<double>& y) {
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < y.size(); ++r) {
    bool ok = std::isfinite(y[r]);
    for (const auto& c : x) ok = ok && r < c.size() && std::isfinite(c[r]);
    if (ok) rows.push_back(r);
  }
  // Centred columns that vary; the intercept is absorbed by centring.
  std::vector<std::vector<double>> cols;
  for (const auto& c : x) {
    std::vector<double> v;
    for (std::size_t r : rows) v.push_back(c[r]);
    const double m = mean(v);
    double ss = 0;
    for (double& e : v) e -= m, ss += e * e;
    if (ss > 1e-300 * static_cast<double>(v.size())) cols.push_back(std::move(v));
  }
  std::vector<double> yc;
  for (std::size_t r : rows) yc.push_back(y[r]);
  const double my = mean(yc);
  double syy = 0;
  for (double& e : yc) e -= my, syy += e * e;
  const std::size_t p = cols.size();
  if (rows.size() <= p + 1 || !(syy > 0)) return kNaN;
  // Normal equations (X'X) b = X'y, Gauss-Jordan with partial pivoting; a column collinear
  // with those before it gets no coefficient (it explains nothing they do not).
  std::vector<std::vector<double>> m(p, std::vector<double>(p + 1, 0.0));
  for (std::size_t i = 0; i < p; ++i) {
    for (std::size_t j = 0; j < p; ++j)
      for (std::size_t r = 0; r < rows.size(); ++r) m[i][j] += cols[i][r] * cols[j][r];
    for (std::size_t r = 0; r < rows.size(); ++r) m[i][p] += cols[i][r] * yc[r];
  }
  std::vector<double> diag(p);
  for (std::size_t i = 0; i < p; ++i) diag[i] = m[i][i];
  std::vector<double> coef(p, 0.0);
  std::vector<std::size_t> pivot_col(p, p);  // which column row c solves for
  std::size_t row = 0;
  for (std::size_t c = 0; c < p && row < p; ++c) {
    std::size_t piv = row;
    for (std::size_t r = row + 1; r < p; ++r)
      if (std::fabs(m[r][c]) > std::fabs(m[piv][c])) piv = r;
    if (!(std::fabs(m[piv][c]) > 1e-10 * diag[c])) continue;
    std::swap(m[row], m[piv]);
    for (std::size_t r = 0; r < p; ++r) {
      if (r == row) continue;
      const double f = m[r][c] / m[row][c];
      for (std::size_t j = c; j <= p; ++j) m[r][j] -= f * m[row][j];
    }
    pivot_col[row++] = c;
  }
  for (std::size_t r = 0; r < row; ++r) coef[pivot_col[r]] = m[r][p] / m[r][pivot_col[r]];
  double sse = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    double f = 0;
    for (std::size_t c = 0; c < p; ++c) f += coef[c] * cols[c][r];
    sse += (yc[r] - f) * (yc[r] - f);
  }
  return 1 - sse / syy;
}

ReplicateNoise replicate_noise(const std::vector<std::int64_t>& point,
                               const std::vector<double>& y) {
  std::map<std::int64_t, std::vector<double>> at;
  for (std::size_t r = 0; r < y.size() && r < point.size(); ++r)
    if (std::isfinite(y[r])) at[point[r]].push_back(y[r]);
  ReplicateNoise out;
  double ss = 0, dof = 0;
  std::vector<double> means;
  for (const auto& [p, v] : at) {
    const double m = mean(v);
    means.push_back(m);
    for (double x : v) ss += (x - m) * (x - m);
    dof += static_cast<double>(v.size()) - 1;
    out.replicates_max = std::max(out.replicates_max, static_cast<std::int64_t>(v.size()));
  }
  out.points = static_cast<std::int64_t>(at.size());
  out.within_sd = dof > 0 ? std::sqrt(ss / dof) : kNaN;
  out.between_sd = sd_sample(means);
  return out;
}

}  // namespace placesim::sensitivity
