#pragma once
// Global sensitivity analysis of a sweep, as pure functions (no I/O), so that each estimator
// can be checked against a function whose indices are known (tests/experiments/
// test_sensitivity.cpp: Ishigami, linear).
//
//   Morris (1991) elementary effects, r trajectories on a p-level grid: mu, mu* = mean |EE|
//     (Campolongo et al. 2007) and sigma, with a bootstrap interval on mu*.
//   Sobol' indices from Saltelli sampling (Saltelli et al. 2010): N base rows of two
//     matrices A and B from one Sobol' sequence of dimension 2k, plus the k matrices AB_i
//     (A with column i taken from B), N(k+2) model runs; first-order S1 by Saltelli 2010's
//     estimator and total-order ST by Jansen's (1999), with bootstrap 95% intervals.
//   The regression view's R^2, and replicate noise (SD between replicates at a design point
//     against the SD across points), for the sweep report.
//
// Every design and every bootstrap is drawn from raw mt19937_64 output or boost's Sobol'
// engine (integer arithmetic), never from standard-library distributions, so designs and
// intervals are the same on every platform.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace placesim::sensitivity {

// Resamples of every bootstrap interval, and its coverage (percentile interval).
inline constexpr std::int64_t kBootstrapResamples = 1000;
inline constexpr double kConfidence = 0.95;

struct Interval {
  double value = 0, lo = 0, hi = 0;  // estimate and its bootstrap percentile interval
};

// ---- Morris ------------------------------------------------------------------------------

// r trajectories of k + 1 points each in [0,1]^k, on the grid {0, 1/(p-1), ..., 1}, p even.
// Each trajectory starts at a random grid point and moves one factor at a time, in a random
// order, by delta = p / (2(p-1)): up from the lower half of the levels, down from the upper
// half, so every step stays on the grid and every level is equally likely (Morris 1991;
// Saltelli et al. 2008, ch. 3). Rows are trajectory by trajectory. Requires k >= 1, r >= 1,
// p even >= 2.
std::vector<std::vector<double>> morris_trajectories(std::size_t k, std::int64_t r, int p,
                                                     std::uint64_t seed);

struct MorrisIndex {
  Interval mu_star;    // mean |EE|, with its bootstrap interval over trajectories
  double mu = 0;       // mean EE (signed: cancels when the effect changes sign)
  double sigma = 0;    // SD of EE (n - 1): interactions or non-linearity
  std::int64_t effects = 0;  // elementary effects used
};

// Elementary effects EE_i = (y(x + D e_i) - y(x)) / D of the points as run, scaled to [0,1]
// per factor (so an EE is the change in y over the factor's whole range). `unit_points` holds
// trajectories of k + 1 rows in order; within a trajectory the factor of each step is the one
// coordinate that changed. A step where nothing changed (an integer key whose rounding ate the
// step) or whose y is NaN (a failed run) gives no effect. A factor with fewer than two effects
// has NaN sigma; with none, NaN everywhere.
std::vector<MorrisIndex> morris_indices(const std::vector<std::vector<double>>& unit_points,
                                        const std::vector<double>& y, std::size_t k,
                                        std::int64_t resamples, std::uint64_t seed);

// ---- Sobol' / Saltelli -------------------------------------------------------------------

// The Saltelli design in [0,1)^k: for each base row j < n, the k + 2 rows A_j, AB_1j, ...,
// AB_kj, B_j. A and B are the first and last k coordinates of the first n points of the
// Sobol' sequence of dimension 2k (boost::random::sobol, Joe-Kuo directions; its first point
// is 0.5, the all-zero point is skipped). Requires k >= 1, n >= 2.
std::vector<std::vector<double>> saltelli_points(std::size_t k, std::int64_t n);

struct SobolIndex {
  Interval s1, st;
};

// S1_i = mean_j f(B_j) (f(AB_ij) - f(A_j)) / V              (Saltelli et al. 2010, eq. (b))
// ST_i = mean_j (f(A_j) - f(AB_ij))^2 / (2 V)                (Jansen 1999)
// V = variance (n in the denominator) of the 2n values f(A_j), f(B_j).
// `y` is in the order of saltelli_points; base rows with any NaN are dropped. Bootstrap: the
// base rows are resampled with replacement. NaN when fewer than two base rows remain or V = 0.
std::vector<SobolIndex> sobol_indices(const std::vector<double>& y, std::size_t k,
                                      std::int64_t resamples, std::uint64_t seed);

// ---- the regression view and replicate noise --------------------------------------------

// R^2 of the least-squares fit of y on the columns of x with an intercept; rows with a NaN
// are dropped; constant columns are left out. NaN when there are not more rows than
// coefficients or y does not vary.
double regression_r2(const std::vector<std::vector<double>>& x, const std::vector<double>& y);

struct ReplicateNoise {
  double within_sd = 0;  // pooled SD between replicates at the same point
  double between_sd = 0; // SD of the point means across points
  std::int64_t points = 0, replicates_max = 0;
};
// `point` labels each value's design point; NaN values are dropped. within_sd is
// sqrt(sum over points of sum (y - point mean)^2 / sum over points of (n_p - 1)): NaN when no
// point has two replicates. between_sd is the SD (n - 1) of the point means: NaN with fewer
// than two points.
ReplicateNoise replicate_noise(const std::vector<std::int64_t>& point,
                               const std::vector<double>& y);

// Percentile of sorted values (linear interpolation between order statistics).
double percentile_sorted(const std::vector<double>& sorted, double q);

}  // namespace placesim::sensitivity
