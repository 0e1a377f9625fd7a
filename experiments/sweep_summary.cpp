// All of the sweep's HDF5 code: summary and shard tables (compound tables), the config hash
// stored in a run file, the run ids of a shard table.
#include "experiments/sweep_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <sstream>

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
    for (std::size_t o = 0; o < outcome_cols.size(); ++o)
      t.set_f64(i, first_outcome + o, std::nan(""));
    for (const auto& o : r.outcomes) t.set_f64(i, first_outcome + outcome_index[o.name], o.value);
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
    w.close(columns);
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
