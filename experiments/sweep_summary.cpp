// All of the sweep's HDF5 code: summary and shard tables (compound tables), the config hash
// stored in a run file, the run ids of a shard table.
#include "experiments/sweep_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <sstream>

#include "experiments/sensitivity_indices.hpp"
#include "placesim/version.hpp"
#include "sim/h5_reader.hpp"
#include "sim/h5_writer.hpp"
#include "sim/output_schema.hpp"
#include "sim/output_target.hpp"

namespace placesim {
namespace fs = std::filesystem;

std::mutex& hdf5_mutex() {
  static std::mutex m;
  return m;
}

namespace {

namespace S = schema;
namespace W = schema::sweep;

// Names of summary.h5 that only this file writes (issue 11: sweeps that answer their question).
constexpr const char* kBaselineArm = "baseline_arm";          // root attribute
constexpr const char* kBaselineSource = "baseline_source";    // root attribute
constexpr const char* kDesign = "design";                     // root attribute
constexpr const char* kSensitivityTable = "/sensitivity";     // one row per index
constexpr const char* kDifferenceRole = "difference";         // role in /columns

double as_number(const ParamValue& v) {
  if (auto i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto d = std::get_if<double>(&v)) return *d;
  if (auto b = std::get_if<bool>(&v)) return *b ? 1 : 0;
  return std::nan("");
}

// An arm's outcome minus the baseline arm's, in the same run: both arms ran on the same seed
// (common random numbers), so the difference is the effect of the arms' rules at this point.
struct DifferenceColumn {
  RunOutcome info;  // name "<arm>-minus-<baseline>/<outcome>", unit, description
  std::size_t arm_col = 0, base_col = 0;  // into the outcome columns
};

std::string arm_of(const std::string& outcome) {
  const auto slash = outcome.find('/');
  return slash == std::string::npos ? "" : outcome.substr(0, slash);
}

// The baseline: the arm [sweep] baseline names, else the experiment's first arm. Empty when
// the experiment has one arm.
std::pair<std::string, std::string> baseline_arm(const std::vector<RunOutcome>& cols,
                                                 const std::string& named) {
  std::vector<std::string> arms;
  for (const auto& o : cols) {
    const std::string a = arm_of(o.name);
    if (std::find(arms.begin(), arms.end(), a) == arms.end()) arms.push_back(a);
  }
  if (arms.size() < 2) return {"", ""};
  if (!named.empty() && std::find(arms.begin(), arms.end(), named) != arms.end())
    return {named, "[sweep] baseline"};
  return {arms.front(), "first arm of the base experiment"};
}

std::vector<DifferenceColumn> difference_columns(const std::vector<RunOutcome>& cols,
                                                 const std::string& baseline) {
  std::vector<DifferenceColumn> out;
  if (baseline.empty()) return out;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < cols.size(); ++i) index[cols[i].name] = i;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const std::string arm = arm_of(cols[i].name);
    if (arm == baseline || arm.empty()) continue;
    const std::string rest = cols[i].name.substr(arm.size() + 1);
    const auto b = index.find(baseline + "/" + rest);
    if (b == index.end()) continue;
    DifferenceColumn d;
    d.info.name = arm + "-minus-" + baseline + "/" + rest;
    d.info.unit = cols[i].unit;
    d.info.description = arm + " minus " + baseline +
                         " (the baseline arm) in the same run, same seed: " +
                         cols[i].description;
    d.arm_col = i;
    d.base_col = b->second;
    out.push_back(std::move(d));
  }
  return out;
}

// One row of /sensitivity.
struct IndexRow {
  std::string outcome, parameter, index, unit;
  double value = 0, lo = 0, hi = 0;
  std::int64_t n = 0;
};

// The indices of every outcome column (values[col][row]) over the design's points: replicates
// of a point are averaged over the runs that succeeded, so the indices describe the mean
// response (the replicate noise is reported beside them).
std::vector<IndexRow> sensitivity_rows(const Manifest& m, const SensitivitySpec& ss,
                                       const std::vector<SummaryRow>& rows,
                                       const std::vector<RunOutcome>& cols,
                                       const std::vector<std::vector<double>>& values) {
  std::vector<IndexRow> out;
  const std::size_t k = ss.params.size();
  if (k == 0 || m.columns.size() != k) return out;
  const std::size_t points = ss.method == SensitivityMethod::Morris
                                 ? static_cast<std::size_t>(ss.trajectories) * (k + 1)
                                 : static_cast<std::size_t>(ss.samples) * (k + 2);
  std::vector<std::vector<double>> unit(points, std::vector<double>(k, std::nan("")));
  for (const auto& r : rows) {
    const auto p = static_cast<std::size_t>(r.run->point);
    if (p >= points || r.run->values.size() != k) return out;  // not this design's runs
    for (std::size_t c = 0; c < k; ++c)
      unit[p][c] = (as_number(r.run->values[c]) - ss.params[c].min) /
                   (ss.params[c].max - ss.params[c].min);
  }
  for (std::size_t o = 0; o < cols.size(); ++o) {
    std::vector<double> sum(points, 0.0), count(points, 0.0);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const double v = values[o][i];
      if (rows[i].status != "ok" || !std::isfinite(v)) continue;
      const auto p = static_cast<std::size_t>(rows[i].run->point);
      sum[p] += v;
      count[p] += 1;
    }
    std::vector<double> y(points);
    for (std::size_t p = 0; p < points; ++p)
      y[p] = count[p] > 0 ? sum[p] / count[p] : std::nan("");
    const std::string& name = cols[o].name;
    const double nan = std::nan("");
    if (ss.method == SensitivityMethod::Morris) {
      const auto idx = sensitivity::morris_indices(unit, y, k, sensitivity::kBootstrapResamples,
                                                   ss.seed);
      for (std::size_t c = 0; c < k; ++c) {
        const auto& e = idx[c];
        const std::string& key = ss.params[c].key;
        const std::string& u = cols[o].unit;
        out.push_back({name, key, "mu_star", u, e.mu_star.value, e.mu_star.lo, e.mu_star.hi,
                       e.effects});
        out.push_back({name, key, "mu", u, e.mu, nan, nan, e.effects});
        out.push_back({name, key, "sigma", u, e.sigma, nan, nan, e.effects});
      }
    } else {
      const auto idx = sensitivity::sobol_indices(y, k, sensitivity::kBootstrapResamples, ss.seed);
      std::int64_t base_rows = 0;
      for (std::size_t j = 0; j < static_cast<std::size_t>(ss.samples); ++j) {
        bool ok = true;
        for (std::size_t c = 0; c < k + 2; ++c) ok = ok && std::isfinite(y[j * (k + 2) + c]);
        base_rows += ok;
      }
      for (std::size_t c = 0; c < k; ++c) {
        const std::string& key = ss.params[c].key;
        out.push_back({name, key, "S1", "1", idx[c].s1.value, idx[c].s1.lo, idx[c].s1.hi,
                       base_rows});
        out.push_back({name, key, "ST", "1", idx[c].st.value, idx[c].st.lo, idx[c].st.hi,
                       base_rows});
      }
    }
  }
  return out;
}

H5Table sensitivity_table(const std::vector<IndexRow>& rows) {
  using T = H5Table::Type;
  std::size_t ln[4] = {1, 1, 1, 1};
  for (const auto& r : rows) {
    ln[0] = std::max(ln[0], r.outcome.size());
    ln[1] = std::max(ln[1], r.parameter.size());
    ln[2] = std::max(ln[2], r.index.size());
    ln[3] = std::max(ln[3], r.unit.size());
  }
  H5Table t;
  t.add("outcome", T::Str, ln[0]);
  t.add("parameter", T::Str, ln[1]);
  t.add("index", T::Str, ln[2]);
  t.add("value", T::F64);
  t.add("ci_low", T::F64);
  t.add("ci_high", T::F64);
  t.add("unit", T::Str, ln[3]);
  t.add("n", T::I64);
  t.resize(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    t.set_str(i, 0, rows[i].outcome);
    t.set_str(i, 1, rows[i].parameter);
    t.set_str(i, 2, rows[i].index);
    t.set_f64(i, 3, rows[i].value);
    t.set_f64(i, 4, rows[i].lo);
    t.set_f64(i, 5, rows[i].hi);
    t.set_str(i, 6, rows[i].unit);
    t.set_i64(i, 7, rows[i].n);
  }
  return t;
}

std::string sensitivity_description(const SensitivitySpec& ss) {
  const std::string ci = "ci_low and ci_high: bootstrap " +
                         std::to_string(sensitivity::kBootstrapResamples) +
                         "-resample 95% percentile interval";
  if (ss.method == SensitivityMethod::Morris)
    return "Morris elementary effects (r = " + std::to_string(ss.trajectories) +
           " trajectories, p = " + std::to_string(ss.levels) +
           " levels), one row per (outcome, parameter, index). EE = change in the outcome "
           "(mean over replicates) over the parameter's whole [morris] range; mu_star = mean "
           "|EE|, mu = mean EE, sigma = SD of EE; unit: the outcome's, per full range; n: "
           "effects used. " + ci + " of mu_star over trajectories (NaN for mu and sigma).";
  return "Sobol' indices from Saltelli sampling (N = " + std::to_string(ss.samples) +
         " base rows, N(k+2) points), one row per (outcome, parameter, index). S1: first-order "
         "(Saltelli 2010), ST: total-order (Jansen 1999), shares of the variance of the outcome "
         "(mean over replicates) over the [sobol] ranges; unit 1; n: base rows used. " + ci +
         " over base rows.";
}

void write_summary_table_impl(const std::string& path, const Manifest& m,
                              const std::vector<SummaryRow>& rows, const Shard* shard) {
  // RunOutcome columns: every outcome any finished run has, in the order runs report them.
  std::vector<RunOutcome> outcome_cols;
  std::map<std::string, std::size_t> outcome_index;
  for (const auto& r : rows)
    for (const auto& o : r.outcomes)
      if (outcome_index.emplace(o.name, outcome_cols.size()).second) outcome_cols.push_back(o);

  std::size_t id_len = 1, err_len = 1, status_len = 7;
  std::vector<std::size_t> text_len(m.columns.size(), 1);
  for (const auto& r : rows) {
    id_len = std::max(id_len, r.run->id.size());
    err_len = std::max(err_len, r.error.size());
    for (std::size_t c = 0; c < m.columns.size(); ++c)
      if (auto s = std::get_if<std::string>(&r.run->values[c]))
        text_len[c] = std::max(text_len[c], s->size());
  }

  struct ColumnInfo {
    std::string name, role, unit, description;
  };
  std::vector<ColumnInfo> info;
  H5Table t;
  using T = H5Table::Type;
  t.add(W::kRunId, T::Str, id_len);
  info.push_back({W::kRunId, "id", "", "run identifier; its output is runs/<run_id>.h5"});
  t.add(W::kPoint, T::I64);
  info.push_back({W::kPoint, "design", "",
                  "design point index (rows with the same point differ only in replicate)"});
  t.add(W::kReplicate, T::I64);
  info.push_back(
      {W::kReplicate, "design", "", "replicate index r; the run's seed is the base seed + r"});
  t.add(W::kRunSeed, T::I64);
  info.push_back(
      {W::kRunSeed, "design", "", "run.seed of every arm of the run (common random numbers)"});
  t.add(W::kConfigHash, T::Str, 16);
  info.push_back(
      {W::kConfigHash, "id", "", "FNV-1a 64 hash of the resolved configs of the run's arms"});
  t.add(W::kStatus, T::Str, status_len);
  info.push_back({W::kStatus, "status", "", "ok, failed or missing"});
  t.add(W::kError, T::Str, err_len);
  info.push_back({W::kError, "status", "", "why the run failed (empty when ok)"});
  for (std::size_t c = 0; c < m.columns.size(); ++c) {
    const auto& col = m.columns[c];
    t.add(col.key,
          col.kind == ParamKind::Integer   ? T::I64
          : col.kind == ParamKind::Real    ? T::F64
          : col.kind == ParamKind::Boolean ? T::U8
                                           : T::Str,
          text_len[c]);
    const ParamSpec* spec = find_param(col.key);
    info.push_back({col.key, "parameter", spec ? spec->unit : "", spec ? spec->description : ""});
  }
  for (const auto& o : outcome_cols) {
    t.add(o.name, T::F64);
    info.push_back({o.name, "outcome", o.unit, o.description});
  }
  const SweepAnalysisSpec analysis = parse_sweep_analysis(m.sweep_toml, m.name);
  const auto [baseline, baseline_source] = baseline_arm(outcome_cols, analysis.baseline);
  const auto diffs = difference_columns(outcome_cols, baseline);
  for (const auto& dc : diffs) {
    t.add(dc.info.name, T::F64);
    info.push_back({dc.info.name, kDifferenceRole, dc.info.unit, dc.info.description});
  }
  // values[column][row] of every outcome and difference, NaN where the run has none.
  std::vector<RunOutcome> value_cols = outcome_cols;
  for (const auto& dc : diffs) value_cols.push_back(dc.info);
  std::vector<std::vector<double>> values(value_cols.size(),
                                          std::vector<double>(rows.size(), std::nan("")));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (const auto& o : rows[i].outcomes) values[outcome_index[o.name]][i] = o.value;
    for (std::size_t d = 0; d < diffs.size(); ++d)
      values[outcome_cols.size() + d][i] =
          values[diffs[d].arm_col][i] - values[diffs[d].base_col][i];
  }

  t.resize(rows.size());
  std::int64_t ok = 0, failed = 0, missing = 0;
  const std::size_t first_param = 7, first_outcome = first_param + m.columns.size();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    ok += r.status == "ok";
    failed += r.status == "failed";
    missing += r.status == "missing";
    t.set_str(i, 0, r.run->id);
    t.set_i64(i, 1, r.run->point);
    t.set_i64(i, 2, r.run->replicate);
    t.set_i64(i, 3, r.run->seed);
    t.set_str(i, 4, r.run->config_hash);
    t.set_str(i, 5, r.status);
    t.set_str(i, 6, r.error);
    for (std::size_t c = 0; c < m.columns.size(); ++c) {
      const auto& v = r.run->values[c];
      const std::size_t col = first_param + c;
      if (auto x = std::get_if<std::int64_t>(&v))
        t.set_i64(i, col, *x);
      else if (auto d = std::get_if<double>(&v))
        t.set_f64(i, col, *d);
      else if (auto b = std::get_if<bool>(&v))
        t.set_u8(i, col, *b ? 1 : 0);
      else
        t.set_str(i, col, std::get<std::string>(v));
    }
    for (std::size_t o = 0; o < value_cols.size(); ++o)
      t.set_f64(i, first_outcome + o, values[o][i]);
  }

  H5Table ct;
  std::size_t ln[4] = {1, 1, 1, 1};
  for (const auto& c : info) {
    ln[0] = std::max(ln[0], c.name.size());
    ln[1] = std::max(ln[1], c.role.size());
    ln[2] = std::max(ln[2], c.unit.size());
    ln[3] = std::max(ln[3], c.description.size());
  }
  ct.add(W::kColumnName, T::Str, ln[0]);
  ct.add(W::kColumnRole, T::Str, ln[1]);
  ct.add(W::kColumnUnit, T::Str, ln[2]);
  ct.add(W::kColumnDescription, T::Str, ln[3]);
  ct.resize(info.size());
  for (std::size_t i = 0; i < info.size(); ++i) {
    ct.set_str(i, 0, info[i].name);
    ct.set_str(i, 1, info[i].role);
    ct.set_str(i, 2, info[i].unit);
    ct.set_str(i, 3, info[i].description);
  }

  // Indices of a [morris] / [sobol] design, over every run: the summary only (a shard holds
  // part of the design).
  std::vector<IndexRow> index_rows;
  const SensitivitySpec& ss = analysis.sensitivity;
  if (!shard && ss.method != SensitivityMethod::None)
    index_rows = sensitivity_rows(m, ss, rows, value_cols, values);

  std::lock_guard<std::mutex> lock(hdf5_mutex());
  OutputTarget target(path, true);  // a summary is rewritten whenever the sweep moves on
  FileImage image;
  {
    H5Writer w(path);
    const hid_t root = w.root();
    w.attr_string(root, S::kPlacesimVersion, kVersion);
    w.attr_string(root, S::kGitCommit, kGitCommit);
    w.attr_string(root, W::kSweep, m.name);
    w.attr_string(root, W::kSweepToml, m.sweep_toml);
    w.attr_string(root, W::kBase, m.base);
    w.attr_string(root, W::kDesignHash, m.design_hash);
    w.attr_int64(root, W::kRuns, static_cast<std::int64_t>(rows.size()));
    w.attr_int64(root, W::kOk, ok);
    w.attr_int64(root, W::kFailed, failed);
    w.attr_int64(root, W::kMissing, missing);
    w.attr_string(root, kDesign,
                  ss.method != SensitivityMethod::None ? method_name(ss.method)
                  : m.columns.empty()                  ? "replicates"
                                                       : "factorial/lhs");
    if (!baseline.empty()) {
      w.attr_string(root, kBaselineArm, baseline);
      w.attr_string(root, kBaselineSource, baseline_source);
    }
    if (shard) {
      w.attr_int64(root, W::kShardIndex, shard->index);
      w.attr_int64(root, W::kShardCount, shard->count);
    }
    H5Handle runs = w.create_table(root, W::kRunsTable, t);
    w.attr_string(runs.get(), S::kDescription,
                  "One row per run. Attributes named after a column hold its unit; /columns "
                  "describes every column. Read with pandas.DataFrame(h5py.File(p)['runs'][:]).");
    for (const auto& c : info)
      if (!c.unit.empty()) w.attr_string(runs.get(), c.name, c.unit);
    w.close(runs);
    H5Handle columns = w.create_table(root, W::kColumnsTable, ct);
    w.attr_string(columns.get(), S::kDescription,
                  "One row per column of /runs: name, role (id, design, status, parameter, "
                  "outcome, difference), unit and description.");
    w.close(columns);
    if (!index_rows.empty()) {
      H5Handle sens = w.create_table(root, kSensitivityTable, sensitivity_table(index_rows));
      w.attr_string(sens.get(), S::kDescription, sensitivity_description(ss));
      w.attr_string(sens.get(), "units", "per row, in the unit column");
      w.attr_string(sens.get(), "method", method_name(ss.method));
      w.attr_double(sens.get(), "confidence", sensitivity::kConfidence);
      w.attr_int64(sens.get(), "bootstrap_resamples", sensitivity::kBootstrapResamples);
      w.attr_int64(sens.get(), "bootstrap_seed", static_cast<std::int64_t>(ss.seed));
      if (ss.method == SensitivityMethod::Morris) {
        w.attr_int64(sens.get(), "trajectories", ss.trajectories);
        w.attr_int64(sens.get(), "levels", ss.levels);
      } else {
        w.attr_int64(sens.get(), "samples", ss.samples);
      }
      w.close(sens);
    }
    w.attr_int64(root, S::kComplete, 1);
    image = w.finish();
  }
  target.write(image.data.get(), image.size);
  target.commit();
}

}  // namespace

std::string stored_config_hash(const std::string& path) {
  std::lock_guard<std::mutex> lock(hdf5_mutex());
  try {
    const H5Reader f(path);  // unfinished or unreadable files have no hash
    std::vector<std::pair<std::string, std::string>> tomls;
    std::stringstream names(f.attr_string("/", S::kArms).value_or(""));
    std::string arm;
    while (std::getline(names, arm, ',')) {
      const auto toml = f.attr_string(S::arm_path(arm), S::kConfigToml);
      if (!toml) return "";
      tomls.emplace_back(arm, *toml);
    }
    return config_hash(tomls);
  } catch (const InputError&) {
    return "";
  }
}

std::vector<std::string> read_run_ids(const std::string& path) {
  std::lock_guard<std::mutex> lock(hdf5_mutex());
  try {
    const H5Reader f(path);
    if (!f.is_dataset(W::kRunsTable)) throw SweepError(path + ": no runs table");
    for (auto& col : f.read_table(W::kRunsTable))
      if (col.name == W::kRunId && !col.numeric) return std::move(col.text);
    throw SweepError(path + ": runs table has no run_id column");
  } catch (const InputError& e) {
    throw SweepError(std::string("cannot read shard table ") + e.what());
  }
}

// Errors become SweepError, as the sweep's callers expect of every step of the protocol.
void write_summary_table(const std::string& path, const Manifest& m,
                         const std::vector<SummaryRow>& rows, const Shard* shard) {
  try {
    write_summary_table_impl(path, m, rows, shard);
  } catch (const OutputError& e) {
    throw SweepError(e.what());
  }
}

void write_summary(const std::string& path, const Manifest& m,
                   const std::vector<SummaryRow>& rows) {
  write_summary_table(path, m, rows, nullptr);
}

}  // namespace placesim
