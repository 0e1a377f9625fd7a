// All of the sweep's HDF5 code: summary and shard tables (compound tables), the config hash
// stored in a run file, the run ids of a shard table.
#include "experiments/sweep_summary.hpp"

#include <H5Cpp.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <sstream>

#include "placesim/version.hpp"

namespace placesim {
namespace fs = std::filesystem;

std::mutex& hdf5_mutex() {
  static std::mutex m;
  return m;
}

namespace {

std::string read_str_attr(const H5::H5Object& obj, const std::string& name) {
  H5::Attribute a = obj.openAttribute(name);
  std::string s;
  a.read(a.getStrType(), s);
  return s;
}

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

void write_summary_table(const std::string& path, const Manifest& m,
                         const std::vector<SummaryRow>& rows, const Shard* shard) {
  write_summary_table_impl(path, m, rows, shard);
}

void write_summary(const std::string& path, const Manifest& m,
                   const std::vector<SummaryRow>& rows) {
  write_summary_table_impl(path, m, rows, nullptr);
}

}  // namespace placesim
