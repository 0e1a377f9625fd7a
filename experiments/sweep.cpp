#include "experiments/sweep.hpp"

#include <H5Cpp.h>
#include <hdf5.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "placesim/version.hpp"
#include "sim/output_file.hpp"
#include "sim/progress_bar.hpp"

namespace placesim {
namespace fs = std::filesystem;
namespace {

// The HDF5 library may be built without thread safety; every HDF5 call of the sweep goes
// through this lock so that concurrent runs can still write their files.
std::mutex& hdf5_mutex() {
  static std::mutex m;
  return m;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A unique temporary name next to the target, then rename: readers never see half a file,
// and processes of different shards sharing a directory never write the same temporary.
void write_atomically(const fs::path& p, const std::string& text) {
  char host[256] = "host";
  ::gethostname(host, sizeof host - 1);
  const fs::path tmp =
      p.string() + ".tmp-" + host + "-" + std::to_string(::getpid()) + "-" +
      std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()) % 100000);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw SweepError(tmp.string() + ": cannot write");
  }
  std::error_code ec;
  fs::rename(tmp, p, ec);
  if (ec) throw SweepError(p.string() + ": cannot rename into place: " + ec.message());
}

std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string read_str_attr(const H5::H5Object& obj, const std::string& name) {
  H5::Attribute a = obj.openAttribute(name);
  std::string s;
  a.read(a.getStrType(), s);
  return s;
}

// The config hash of a finished run's file, from the resolved configs it stores per arm.
std::string stored_config_hash(const std::string& path) {
  std::lock_guard<std::mutex> lock(hdf5_mutex());
  H5::Exception::dontPrint();
  try {
    H5::H5File f(path, H5F_ACC_RDONLY);
    H5::Group root = f.openGroup("/");
    if (!root.attrExists("complete")) return "";
    std::vector<std::pair<std::string, std::string>> tomls;
    std::stringstream names(read_str_attr(root, "arms"));
    std::string arm;
    while (std::getline(names, arm, ','))
      tomls.emplace_back(arm, read_str_attr(f.openGroup("/arms/" + arm), "config_toml"));
    return config_hash(tomls);
  } catch (const H5::Exception&) {
    return "";
  }
}

void remove_leftovers(const fs::path& runs, const std::set<std::string>& ids) {
  std::error_code ec;
  if (!fs::exists(runs)) return;
  for (const auto& e : fs::directory_iterator(runs, ec)) {
    const std::string n = e.path().filename().string();
    for (const char* marker : {".h5.partial-", ".failed.tmp-"}) {
      const auto pos = n.find(marker);
      if (pos != std::string::npos && ids.count(n.substr(0, pos))) fs::remove(e.path(), ec);
    }
  }
}

void write_failure(const std::string& dir, const PlannedRun& run, const std::string& error) {
  write_atomically(run_failure_path(dir, run.id),
                   "config_hash " + run.config_hash + "\n" + error + "\n");
}

std::string read_failure(const std::string& path) {
  std::string t = read_text(path);
  const auto nl = t.find('\n');
  t = nl == std::string::npos ? "" : t.substr(nl + 1);
  while (!t.empty() && t.back() == '\n') t.pop_back();
  return t;
}

ParamValue manifest_value(ParamKind k, const toml::node& v) {
  switch (k) {
    case ParamKind::Integer:
      return ParamValue(std::in_place_type<std::int64_t>, v.value_or(std::int64_t{0}));
    case ParamKind::Real:
      return ParamValue(std::in_place_type<double>, v.value_or(0.0));
    case ParamKind::Boolean:
      return ParamValue(std::in_place_type<bool>, v.value_or(false));
    case ParamKind::Text:
      break;
  }
  return ParamValue(std::in_place_type<std::string>, v.value_or(std::string()));
}

ParamKind kind_of(const std::string& key) {
  const ParamSpec* s = find_param(key);
  return s ? s->kind : ParamKind::Real;
}

}  // namespace

std::string run_output_path(const std::string& dir, const std::string& id) {
  return (fs::path(dir) / "runs" / (id + ".h5")).string();
}
std::string run_failure_path(const std::string& dir, const std::string& id) {
  return (fs::path(dir) / "runs" / (id + ".failed")).string();
}

Manifest make_manifest(const SweepPlan& plan) {
  Manifest m;
  m.name = plan.spec.name;
  m.sweep_toml = plan.spec.text;
  m.base = plan.spec.doc.source_name;
  m.design_hash = plan.design_hash;
  m.columns = plan.columns;
  for (const auto& r : plan.runs)
    m.runs.push_back({r.id, r.point, r.replicate, r.seed, r.config_hash, r.values});
  return m;
}

std::string manifest_to_toml(const Manifest& m) {
  std::string t =
      "# placesim sweep manifest: the resolved design of the sweep in this directory.\n"
      "# Written before any run; a restart must resolve to the same runs. Do not edit.\n";
  t += "format = 1\nname = " + toml_string(m.name) + "\nbase = " + toml_string(m.base) +
       "\ndesign_hash = " + toml_string(m.design_hash) +
       "\nsweep_toml = " + toml_string(m.sweep_toml) + "\ncolumns = [";
  for (std::size_t c = 0; c < m.columns.size(); ++c)
    t += (c ? ", " : "") + toml_string(m.columns[c].key);
  t += "]\n";
  for (const auto& r : m.runs) {
    t += "\n[[runs]]\nid = " + toml_string(r.id) + "\npoint = " + std::to_string(r.point) +
         "\nreplicate = " + std::to_string(r.replicate) + "\nseed = " + std::to_string(r.seed) +
         "\nconfig_hash = " + toml_string(r.config_hash) + "\nvalues = [";
    for (std::size_t c = 0; c < r.values.size(); ++c)
      t += (c ? ", " : "") + (std::holds_alternative<std::string>(r.values[c])
                                  ? toml_string(std::get<std::string>(r.values[c]))
                                  : format_value(r.values[c]));
    t += "]\n";
  }
  return t;
}

Manifest manifest_from_toml(const std::string& text, const std::string& source) {
  Manifest m;
  try {
    toml::table t = toml::parse(std::string_view(text), std::string_view(source));
    m.name = t["name"].value_or(std::string());
    m.base = t["base"].value_or(std::string());
    m.design_hash = t["design_hash"].value_or(std::string());
    m.sweep_toml = t["sweep_toml"].value_or(std::string());
    if (auto cols = t["columns"].as_array())
      for (const auto& c : *cols) {
        const std::string key = c.value_or(std::string());
        m.columns.push_back({key, kind_of(key)});
      }
    if (auto runs = t["runs"].as_array())
      for (const auto& node : *runs) {
        const auto* r = node.as_table();
        if (!r) throw SweepError(source + ": malformed [[runs]] entry");
        ManifestRun mr;
        mr.id = (*r)["id"].value_or(std::string());
        mr.point = (*r)["point"].value_or(std::int64_t{0});
        mr.replicate = (*r)["replicate"].value_or(std::int64_t{0});
        mr.seed = (*r)["seed"].value_or(std::int64_t{0});
        mr.config_hash = (*r)["config_hash"].value_or(std::string());
        if (auto vals = (*r)["values"].as_array()) {
          std::size_t c = 0;
          for (const auto& v : *vals) {
            const ParamKind k = c < m.columns.size() ? m.columns[c].kind : ParamKind::Real;
            mr.values.push_back(manifest_value(k, v));
            ++c;
          }
        }
        if (mr.id.empty() || mr.values.size() != m.columns.size())
          throw SweepError(source + ": malformed run entry '" + mr.id + "'");
        m.runs.push_back(std::move(mr));
      }
  } catch (const toml::parse_error& e) {
    throw SweepError(source + ": unreadable manifest: " + std::string(e.description()));
  }
  return m;
}

Manifest read_manifest(const std::string& dir) {
  const fs::path p = fs::path(dir) / "manifest.toml";
  if (!fs::exists(p)) throw SweepError(dir + ": no manifest.toml; not a sweep directory");
  return manifest_from_toml(read_text(p), p.string());
}

void ensure_manifest(const std::string& dir, const Manifest& m) {
  const fs::path p = fs::path(dir) / "manifest.toml";
  if (!fs::exists(p)) {
    write_atomically(p, manifest_to_toml(m));
    return;
  }
  const Manifest old = manifest_from_toml(read_text(p), p.string());
  if (old.design_hash == m.design_hash) return;
  std::string what;
  if (old.runs.size() != m.runs.size()) {
    what = "the directory holds a sweep of " + std::to_string(old.runs.size()) +
           " runs, this one has " + std::to_string(m.runs.size());
  } else {
    std::string cols_old, cols_new;
    for (const auto& c : old.columns) cols_old += c.key + " ";
    for (const auto& c : m.columns) cols_new += c.key + " ";
    if (cols_old != cols_new)
      what = "the varied parameters differ (" + cols_old + "vs " + cols_new + ")";
    int shown = 0;
    std::size_t differing = 0;
    for (std::size_t i = 0; i < m.runs.size(); ++i) {
      if (old.runs[i].id == m.runs[i].id && old.runs[i].config_hash == m.runs[i].config_hash)
        continue;
      ++differing;
      if (shown++ < 3)
        what += std::string(what.empty() ? "" : "; ") + "run " + m.runs[i].id +
                " resolves to config " + m.runs[i].config_hash + ", the directory has " +
                old.runs[i].config_hash;
    }
    what +=
        " (" + std::to_string(differing) + " of " + std::to_string(m.runs.size()) + " runs differ)";
  }
  throw SweepError(dir + " holds results of a different sweep: " + what +
                   ".\nThe sweep file, its base experiment or placesim's defaults changed since "
                   "the sweep began; "
                   "mixing the two would give a summary that matches neither. Run the changed "
                   "sweep in a new --out "
                   "directory, or pass --overwrite to discard the results in " +
                   dir + ".");
}

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  Shard s;
  try {
    if (slash == std::string::npos) throw std::invalid_argument("no slash");
    std::size_t a = 0, b = 0;
    s.index = std::stoll(text.substr(0, slash), &a);
    s.count = std::stoll(text.substr(slash + 1), &b);
    if (a != slash || b != text.size() - slash - 1) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    throw SweepError("--shard '" + text + "': expected I/N, e.g. 0/4");
  }
  if (s.count < 1 || s.index < 0 || s.index >= s.count)
    throw SweepError("--shard '" + text + "': need 0 <= I < N (shards are numbered from 0)");
  return s;
}

std::vector<std::int64_t> prepare_sweep_dir(const std::string& dir, const SweepPlan& plan,
                                            const Shard& shard, bool overwrite) {
  const fs::path root(dir), runs = root / "runs";
  std::error_code ec;
  fs::create_directories(runs, ec);
  if (ec) throw SweepError(dir + ": cannot create the sweep directory: " + ec.message());
  std::set<std::string> ids;
  for (const auto& r : plan.runs) ids.insert(r.id);
  if (overwrite) {
    if (fs::exists(root / "manifest.toml")) {
      try {
        for (const auto& r : read_manifest(dir).runs) ids.insert(r.id);
      } catch (const SweepError&) {
      }
    }
    for (const auto& id : ids) {
      fs::remove(run_output_path(dir, id), ec);
      fs::remove(run_failure_path(dir, id), ec);
    }
    fs::remove(root / "manifest.toml", ec);
    fs::remove(root / "summary.h5", ec);
    fs::remove_all(root / "shards", ec);
  }
  ensure_manifest(dir, make_manifest(plan));

  std::set<std::string> mine;
  for (const auto& r : plan.runs)
    if (shard.owns(r.index)) mine.insert(r.id);
  remove_leftovers(runs, mine);
  if (shard.count == 1) {
    // A summary being written when the sweep was killed (a sharded sweep leaves them alone:
    // another shard or a merge may be writing right now).
    for (const auto& e : fs::directory_iterator(root, ec))
      if (e.path().filename().string().rfind("summary.h5.partial-", 0) == 0)
        fs::remove(e.path(), ec);
  }

  std::vector<std::int64_t> todo;
  for (const auto& r : plan.runs) {
    if (!shard.owns(r.index)) continue;
    const std::string out = run_output_path(dir, r.id);
    if (fs::exists(out)) {
      const std::string h = stored_config_hash(out);
      if (h == r.config_hash) continue;
      throw SweepError(out + ": holds a run with config " + (h.empty() ? "(unreadable)" : h) +
                       ", not the " + r.config_hash +
                       " of this sweep; remove it or use --overwrite");
    }
    todo.push_back(r.index);
  }
  return todo;
}

bool execute_run(const std::string& dir, const SweepPlan& plan, std::int64_t index, int threads,
                 const std::string& command_line) {
  const PlannedRun& run = plan.runs.at(static_cast<std::size_t>(index));
  if (!run.error.empty()) {
    write_failure(dir, run, run.error);
    return false;
  }
  try {
    std::vector<PreparedArm> arms = run.arms;
    for (auto& a : arms) a.cfg.run.threads = threads;
    Provenance prov;
    prov.experiment = arms.front().cfg.experiment.name;
    prov.source = plan.spec.doc.source_name + " (sweep " + plan.spec.name + ", run " + run.id + ")";
    prov.config_toml = to_toml(arms.front().cfg);
    prov.command_line = command_line;
    prov.seed = run.seed;
    prov.threads = threads;
    prov.started_utc = utc_now();
    const auto t0 = std::chrono::steady_clock::now();
    ExperimentResult res = run_arms(arms);
    prov.finished_utc = utc_now();
    prov.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::vector<ArmResult> results;
    for (std::size_t a = 0; a < res.arms.size(); ++a)
      results.push_back({res.arms[a].name, to_toml(res.arms[a].cfg), res.sims[a].get()});
    {
      std::lock_guard<std::mutex> lock(hdf5_mutex());
      write_output(run_output_path(dir, run.id), true, prov, results);
    }
    std::error_code ec;
    fs::remove(run_failure_path(dir, run.id), ec);
    return true;
  } catch (const std::exception& e) {
    write_failure(dir, run, e.what());
    return false;
  }
}

std::vector<SummaryRow> collect_rows(const std::string& dir, const Manifest& m,
                                     const std::vector<std::int64_t>& indices) {
  std::vector<SummaryRow> rows;
  for (auto i : indices) {
    const ManifestRun& r = m.runs.at(static_cast<std::size_t>(i));
    SummaryRow row{&r, "missing", "", {}};
    const std::string out = run_output_path(dir, r.id), fail = run_failure_path(dir, r.id);
    if (fs::exists(out)) {
      try {
        std::lock_guard<std::mutex> lock(hdf5_mutex());
        row.outcomes = summarize_run_file(out);
        row.status = "ok";
      } catch (const std::exception& e) {
        row.status = "failed";
        row.error = e.what();
      }
    } else if (fs::exists(fail)) {
      row.status = "failed";
      row.error = read_failure(fail);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

// RAII for HDF5 C handles.
struct H5Handle {
  hid_t id;
  herr_t (*close)(hid_t);
  ~H5Handle() {
    if (id >= 0) close(id);
  }
};

hid_t fixed_string(std::size_t n) {
  hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, std::max<std::size_t>(1, n));
  H5Tset_strpad(t, H5T_STR_NULLPAD);
  H5Tset_cset(t, H5T_CSET_UTF8);
  return t;
}

void attr_string(hid_t obj, const std::string& name, const std::string& value) {
  H5Handle t{fixed_string(value.size()), H5Tclose};
  H5Handle s{H5Screate(H5S_SCALAR), H5Sclose};
  H5Handle a{H5Acreate2(obj, name.c_str(), t.id, s.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
  std::string buf = value;
  buf.resize(std::max<std::size_t>(1, value.size()), '\0');
  H5Awrite(a.id, t.id, buf.data());
}

void attr_int(hid_t obj, const std::string& name, std::int64_t value) {
  H5Handle s{H5Screate(H5S_SCALAR), H5Sclose};
  H5Handle a{H5Acreate2(obj, name.c_str(), H5T_NATIVE_INT64, s.id, H5P_DEFAULT, H5P_DEFAULT),
             H5Aclose};
  H5Awrite(a.id, H5T_NATIVE_INT64, &value);
}

// A compound table built column by column, then written in one go.
class Table {
 public:
  enum class Type { I64, F64, U8, Str };
  void add(std::string name, Type type, std::size_t str_len = 0) {
    Column c{std::move(name), type, offset_, 0};
    c.size = type == Type::Str ? std::max<std::size_t>(1, str_len) : type == Type::U8 ? 1 : 8;
    offset_ += c.size;
    cols_.push_back(c);
  }
  void resize(std::size_t rows) {
    data_.assign(rows * offset_, 0);
    rows_ = rows;
  }
  void set_i64(std::size_t row, std::size_t col, std::int64_t v) {
    std::memcpy(at(row, col), &v, 8);
  }
  void set_f64(std::size_t row, std::size_t col, double v) { std::memcpy(at(row, col), &v, 8); }
  void set_u8(std::size_t row, std::size_t col, std::uint8_t v) { *at(row, col) = v; }
  void set_str(std::size_t row, std::size_t col, const std::string& v) {
    std::memcpy(at(row, col), v.data(), std::min(v.size(), cols_[col].size));
  }
  void write(hid_t loc, const char* name) const {
    H5Handle type{H5Tcreate(H5T_COMPOUND, std::max<std::size_t>(1, offset_)), H5Tclose};
    std::vector<hid_t> owned;
    for (const auto& c : cols_) {
      hid_t t = c.type == Type::I64   ? H5T_NATIVE_INT64
                : c.type == Type::F64 ? H5T_NATIVE_DOUBLE
                : c.type == Type::U8  ? H5T_NATIVE_UINT8
                                      : fixed_string(c.size);
      if (c.type == Type::Str) owned.push_back(t);
      H5Tinsert(type.id, c.name.c_str(), c.offset, t);
    }
    const hsize_t dims[1] = {rows_};
    H5Handle space{H5Screate_simple(1, dims, nullptr), H5Sclose};
    H5Handle dcpl{H5Pcreate(H5P_DATASET_CREATE), H5Pclose};
    // No creation times in the file, so the same sweep gives the same bytes.
    H5Pset_obj_track_times(dcpl.id, 0);
    H5Handle ds{H5Dcreate2(loc, name, type.id, space.id, H5P_DEFAULT, dcpl.id, H5P_DEFAULT),
                H5Dclose};
    if (ds.id < 0) throw SweepError(std::string("cannot create dataset ") + name);
    if (rows_ > 0) H5Dwrite(ds.id, type.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, data_.data());
    for (hid_t t : owned) H5Tclose(t);
    last_ = H5Dopen2(loc, name, H5P_DEFAULT);
  }
  // The dataset written last, for attributes; the caller closes it.
  hid_t dataset() const { return last_; }

 private:
  struct Column {
    std::string name;
    Type type;
    std::size_t offset, size;
  };
  std::uint8_t* at(std::size_t row, std::size_t col) {
    return data_.data() + row * offset_ + cols_[col].offset;
  }
  std::vector<Column> cols_;
  std::size_t offset_ = 0, rows_ = 0;
  std::vector<std::uint8_t> data_;
  mutable hid_t last_ = -1;
};

void write_summary_impl(const std::string& path, const Manifest& m,
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
  Table t;
  using T = Table::Type;
  t.add("run_id", T::Str, id_len);
  info.push_back({"run_id", "id", "", "run identifier; its output is runs/<run_id>.h5"});
  t.add("point", T::I64);
  info.push_back({"point", "design", "",
                  "design point index (rows with the same point differ only in replicate)"});
  t.add("replicate", T::I64);
  info.push_back(
      {"replicate", "design", "", "replicate index r; the run's seed is the base seed + r"});
  t.add("seed", T::I64);
  info.push_back(
      {"seed", "design", "", "run.seed of every arm of the run (common random numbers)"});
  t.add("config_hash", T::Str, 16);
  info.push_back(
      {"config_hash", "id", "", "FNV-1a 64 hash of the resolved configs of the run's arms"});
  t.add("status", T::Str, status_len);
  info.push_back({"status", "status", "", "ok, failed or missing"});
  t.add("error", T::Str, err_len);
  info.push_back({"error", "status", "", "why the run failed (empty when ok)"});
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

  Table ct;
  std::size_t ln[4] = {1, 1, 1, 1};
  for (const auto& c : info) {
    ln[0] = std::max(ln[0], c.name.size());
    ln[1] = std::max(ln[1], c.role.size());
    ln[2] = std::max(ln[2], c.unit.size());
    ln[3] = std::max(ln[3], c.description.size());
  }
  ct.add("name", T::Str, ln[0]);
  ct.add("role", T::Str, ln[1]);
  ct.add("unit", T::Str, ln[2]);
  ct.add("description", T::Str, ln[3]);
  ct.resize(info.size());
  for (std::size_t i = 0; i < info.size(); ++i) {
    ct.set_str(i, 0, info[i].name);
    ct.set_str(i, 1, info[i].role);
    ct.set_str(i, 2, info[i].unit);
    ct.set_str(i, 3, info[i].description);
  }

  const std::string tmp = path + ".partial-" + std::to_string(::getpid());
  std::lock_guard<std::mutex> lock(hdf5_mutex());
  {
    H5Handle f{H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose};
    if (f.id < 0) throw SweepError(tmp + ": cannot create the summary file");
    attr_string(f.id, "placesim_version", kVersion);
    attr_string(f.id, "git_commit", kGitCommit);
    attr_string(f.id, "sweep", m.name);
    attr_string(f.id, "sweep_toml", m.sweep_toml);
    attr_string(f.id, "base", m.base);
    attr_string(f.id, "design_hash", m.design_hash);
    attr_int(f.id, "runs", static_cast<std::int64_t>(rows.size()));
    attr_int(f.id, "ok", ok);
    attr_int(f.id, "failed", failed);
    attr_int(f.id, "missing", missing);
    if (shard) {
      attr_int(f.id, "shard_index", shard->index);
      attr_int(f.id, "shard_count", shard->count);
    }
    t.write(f.id, "runs");
    {
      H5Handle ds{t.dataset(), H5Dclose};
      attr_string(ds.id, "description",
                  "One row per run. Attributes named after a column hold its unit; /columns "
                  "describes every column. Read with pandas.DataFrame(h5py.File(p)['runs'][:]).");
      for (const auto& c : info)
        if (!c.unit.empty()) attr_string(ds.id, c.name, c.unit);
    }
    ct.write(f.id, "columns");
    { H5Handle ds{ct.dataset(), H5Dclose}; }
    attr_int(f.id, "complete", 1);
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw SweepError(path + ": cannot rename the summary into place: " + ec.message());
}

}  // namespace

void write_summary(const std::string& path, const Manifest& m,
                   const std::vector<SummaryRow>& rows) {
  write_summary_impl(path, m, rows, nullptr);
}

SweepReport run_sweep(const SweepPlan& plan, const std::string& dir, const SweepOptions& opt) {
  SweepReport rep;
  const std::vector<std::int64_t> todo = prepare_sweep_dir(dir, plan, opt.shard, opt.overwrite);
  for (const auto& r : plan.runs) rep.runs += opt.shard.owns(r.index);
  rep.skipped = rep.runs - static_cast<std::int64_t>(todo.size());

  // One thread budget for everything: a global cap on TBB threads, one arena in which runs
  // are tasks, and each run's own arena sized so runs x per-run threads fits the budget. With
  // more runs than threads each run is serial (run.threads = 1), which scales best; a sweep of
  // fewer runs than threads gives the spare threads to the per-tick loops. Results do not
  // depend on the split.
  const int budget = opt.threads > 0
                         ? opt.threads
                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int concurrent =
      static_cast<int>(std::max<std::size_t>(1, std::min<std::size_t>(todo.size(), budget)));
  const int per_run = std::max(1, budget / concurrent);
  {
    tbb::global_control cap(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(budget));
    tbb::task_arena arena(budget);
    ProgressBar bar("placesim sweep", opt.progress);
    std::mutex progress_mutex;
    std::int64_t done = 0;
    bar.update(0, static_cast<std::int64_t>(todo.size()));
    arena.execute([&] {
      tbb::parallel_for(
          tbb::blocked_range<std::size_t>(0, todo.size(), 1),
          [&](const tbb::blocked_range<std::size_t>& range) {
            for (std::size_t k = range.begin(); k < range.end(); ++k) {
              execute_run(dir, plan, todo[k], per_run, opt.command_line);
              std::lock_guard<std::mutex> lock(progress_mutex);
              bar.update(++done, static_cast<std::int64_t>(todo.size()));
            }
          },
          tbb::simple_partitioner());
    });
    bar.finish();
  }
  rep.ran = static_cast<std::int64_t>(todo.size());

  const Manifest m = make_manifest(plan);
  std::vector<std::int64_t> mine;
  for (const auto& r : plan.runs)
    if (opt.shard.owns(r.index)) mine.push_back(r.index);
  const auto rows = collect_rows(dir, m, mine);
  for (const auto& r : rows) rep.failed += r.status != "ok";
  if (opt.shard.count == 1) {
    rep.summary_path = (fs::path(dir) / "summary.h5").string();
    write_summary_impl(rep.summary_path, m, rows, nullptr);
  } else {
    fs::create_directories(fs::path(dir) / "shards");
    rep.summary_path = (fs::path(dir) / "shards" /
                        ("shard-" + std::to_string(opt.shard.index) + "-of-" +
                         std::to_string(opt.shard.count) + ".h5"))
                           .string();
    write_summary_impl(rep.summary_path, m, rows, &opt.shard);
  }
  return rep;
}

namespace {

// The run ids a shard table claims.
std::vector<std::string> read_run_ids(const std::string& path) {
  std::lock_guard<std::mutex> lock(hdf5_mutex());
  H5Handle f{H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
  if (f.id < 0) throw SweepError(path + ": cannot open shard table");
  H5Handle ds{H5Dopen2(f.id, "runs", H5P_DEFAULT), H5Dclose};
  if (ds.id < 0) throw SweepError(path + ": no runs table");
  H5Handle ftype{H5Dget_type(ds.id), H5Tclose};
  const int member = H5Tget_member_index(ftype.id, "run_id");
  if (member < 0) throw SweepError(path + ": runs table has no run_id column");
  H5Handle stype{H5Tget_member_type(ftype.id, static_cast<unsigned>(member)), H5Tclose};
  const std::size_t len = H5Tget_size(stype.id);
  H5Handle mtype{H5Tcreate(H5T_COMPOUND, len), H5Tclose};
  H5Tinsert(mtype.id, "run_id", 0, stype.id);
  H5Handle space{H5Dget_space(ds.id), H5Sclose};
  const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.id));
  std::vector<char> buf(n * len + 1, '\0');
  if (n > 0) H5Dread(ds.id, mtype.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < n; ++i) {
    std::string s(buf.data() + i * len, len);
    s.resize(std::strlen(s.c_str()));
    ids.push_back(s);
  }
  return ids;
}

}  // namespace

MergeReport merge_sweep(const std::string& dir) {
  const Manifest m = read_manifest(dir);
  MergeReport rep;
  rep.runs = static_cast<std::int64_t>(m.runs.size());
  std::map<std::string, std::vector<std::string>> claims;
  const fs::path shards = fs::path(dir) / "shards";
  std::error_code ec;
  if (fs::exists(shards)) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(shards, ec))
      if (e.path().extension() == ".h5") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      for (const auto& id : read_run_ids(f.string())) claims[id].push_back(f.filename().string());
  }
  std::set<std::string> known;
  for (const auto& r : m.runs) known.insert(r.id);
  for (const auto& [id, who] : claims) {
    if (!known.count(id)) {
      rep.duplicated.push_back(id + " (in " + who.front() + " but not in the manifest)");
      continue;
    }
    if (who.size() > 1) {
      std::string list;
      for (const auto& w : who) list += (list.empty() ? "" : ", ") + w;
      rep.duplicated.push_back(id + " (claimed by " + list + ")");
    }
  }
  std::vector<std::int64_t> all;
  for (std::size_t i = 0; i < m.runs.size(); ++i) all.push_back(static_cast<std::int64_t>(i));
  const auto rows = collect_rows(dir, m, all);
  for (const auto& r : rows) {
    if (r.status == "missing") rep.missing.push_back(r.run->id);
    rep.ok += r.status == "ok";
    rep.failed += r.status == "failed";
  }
  if (rep.missing.empty() && rep.duplicated.empty())
    write_summary_impl((fs::path(dir) / "summary.h5").string(), m, rows, nullptr);
  return rep;
}

}  // namespace placesim
