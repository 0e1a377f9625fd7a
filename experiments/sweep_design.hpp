#pragma once
// A parameter sweep as data: the sweep file (TOML, documented in docs/sweeps.md) names a base
// experiment and the parameters to vary; this module validates it and expands it into the
// list of runs, each with its resolved configs and a hash that identifies them.
//
//   [sweep]                       base experiment, replicates, base seed
//   [set]                         keys fixed for every run
//   [factorial]                   key = [levels] | {start, stop, step} | {start, stop, count}
//   [lhs]                         samples, seed, key = {min, max}  (Latin hypercube)
//
// The design points are the full factorial of the [factorial] levels crossed with the [lhs]
// samples (either may be absent). Replicate r of every point runs with seed = base seed + r, and
// every arm of a run shares it: common random numbers across arms and design points.
//
// sweep_file.cpp parses and checks the file (parse_sweep); sweep_design.cpp expands it.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/config_loader.hpp"
#include "sim/runner.hpp"

namespace placesim {

struct FactorialParameter {
  std::string key;
  ParamKind kind = ParamKind::Real;
  std::vector<ParamValue> levels;
  std::string at;  // file:line:col
  std::uint32_t line = 0, column = 0;
};

struct LhsParameter {
  std::string key;
  ParamKind kind = ParamKind::Real;  // Integer or Real
  double min = 0, max = 0;
  std::string at;
  std::uint32_t line = 0, column = 0;
};

// A global sensitivity design ([morris] or [sobol], docs/sweeps.md): the sampled keys with
// their ranges, and the design's sizes. The statistics are in experiments/sensitivity_indices.
enum class SensitivityMethod { None, Morris, Sobol };
struct SensitivitySpec {
  SensitivityMethod method = SensitivityMethod::None;
  std::vector<LhsParameter> params;  // {min, max}, in the order written
  std::int64_t trajectories = 0;     // Morris: r
  std::int64_t levels = 4;           // Morris: p, even
  std::int64_t samples = 0;          // Sobol': N base rows, N(k + 2) points
  std::uint64_t seed = 1;            // Morris: the trajectories; both: the bootstrap
};
const char* method_name(SensitivityMethod m);  // "morris", "sobol" or ""

// Unit-cube coordinates of a sensitivity design's points, in run order: r(k + 1) Morris
// points or N(k + 2) Saltelli points. Empty for SensitivityMethod::None.
std::vector<std::vector<double>> sensitivity_unit_points(const SensitivitySpec& s);

// A key's value at unit coordinate u of its range. Real keys: min + u (max - min). Integer
// keys: Morris rounds to the nearest whole number (its grid points are the ends and evenly
// spaced levels); Sobol' and LHS take floor of [min, max + 1), so every whole number gets its
// share.
ParamValue sensitivity_value(const LhsParameter& p, SensitivityMethod m, double u);

struct SweepSpec {
  std::string source_name;  // the sweep file
  std::string text;         // its contents, kept in the summary for provenance
  std::string name;
  std::string base;        // as written: a preset name or a path relative to the sweep file
  ExperimentDocument doc;  // the base experiment, loaded
  std::vector<Assignment> fixed;
  std::vector<FactorialParameter> factorial;
  std::vector<LhsParameter> lhs;
  SensitivitySpec sensitivity;  // [morris] or [sobol]; excludes [factorial] and [lhs]
  std::string baseline;          // [sweep] baseline: the arm differences are taken against
  std::int64_t lhs_samples = 0;
  std::uint64_t lhs_seed = 1;
  std::int64_t replicates = 1;
  std::int64_t base_seed = 1;
  std::vector<std::string> notes;  // told to the user (stderr), not errors
};

// Parse and validate a sweep file: unknown keys (checked against the parameter registry),
// wrong types, values out of a key's range, empty designs. Throws ConfigError with every
// problem, each as file:line:col. `base_dir` resolves a base experiment given as a path.
SweepSpec parse_sweep(const std::string& text, const std::string& source_name,
                      const std::string& base_dir);
SweepSpec load_sweep_file(const std::string& path);

// The [morris] / [sobol] section and [sweep] baseline of a sweep file's text alone, without
// loading its base experiment: how summary.h5 (written from the manifest, which keeps the
// file's text) knows the design it analyses. A file parse_sweep accepted reads back the same;
// anything else gives method None and no baseline.
struct SweepAnalysisSpec {
  SensitivitySpec sensitivity;
  std::string baseline;
};
SweepAnalysisSpec parse_sweep_analysis(const std::string& text, const std::string& source_name);

// The parameter columns of the design, in order: factorial keys, then LHS keys (or the keys of
// a [morris] / [sobol] design).
struct DesignColumn {
  std::string key;
  ParamKind kind;
};
std::vector<DesignColumn> design_columns(const SweepSpec& spec);

// Design points (values in column order), before replicates. Factorial levels vary slowest
// in the order the keys are written; LHS samples vary fastest.
std::vector<std::vector<ParamValue>> design_points(const SweepSpec& spec);

// Latin hypercube on [0,1)^dims: `samples` rows; in each dimension every one of the `samples`
// equal strata holds exactly one row. Deterministic in `seed` on every platform.
std::vector<std::vector<double>> latin_hypercube(std::int64_t samples, std::size_t dims,
                                                 std::uint64_t seed);

struct PlannedRun {
  std::string id;  // p<point>-r<replicate>
  std::int64_t index = 0, point = 0, replicate = 0, seed = 0;
  std::vector<ParamValue> values;
  std::vector<Assignment> overrides;  // [set], design values and run.seed
  std::vector<PreparedArm> arms;      // empty when the combination does not validate
  std::string error;                  // why it does not
  std::string config_hash;
};

struct SweepPlan {
  SweepSpec spec;
  std::vector<DesignColumn> columns;
  std::vector<PlannedRun> runs;
  std::string design_hash;  // over every run's id and config hash
};

// A generated level (a [factorial] range level, a Morris grid level) put back on the decimal grid:
// rounded to 12 significant digits of `scale` (the range's magnitude), so min + u (max - min)
// gives the doubles of the literals the user wrote (0.9, not 0.9000000000000001).
double on_decimal_grid(double x, double scale);

// Expand and resolve every run. A combination that fails cross-key validation becomes a run
// with `error` set (recorded as failed when the sweep runs), not an exception.
SweepPlan plan_sweep(const SweepSpec& spec);

// FNV-1a 64 of the resolved configs of a run's arms, in hex. run.threads is left out: it never
// changes results, so a sweep may be resumed with another thread count.
std::string config_hash(const std::vector<std::pair<std::string, std::string>>& arm_tomls);
std::string fnv1a_hex(const std::string& text);

// A design value as a TOML literal that reads back to the same value.
std::string format_value(const ParamValue& v);

}  // namespace placesim
