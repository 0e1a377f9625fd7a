#include "analysis/export.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "sim/output_schema.hpp"
#include "sim/output_target.hpp"

namespace placesim::analysis {
namespace {

namespace S = schema;
namespace D = schema::dims;
namespace fs = std::filesystem;

constexpr const char* kReplicate = "replicate";  // the leading axis of replicated datasets
constexpr const char* kVariablesFile = "variables.csv";
constexpr const char* kNeighbourhoodsFile = "neighbourhoods.csv";

// One table: the arm child group it comes from, and either long (one row per value: the
// group's axes, variable, value) or wide (one row per index of its one axis, one column per
// dataset). `axes` are the axes every dataset of the group has besides a leading replicate.
struct Spec {
  const char* group;
  const char* file;
  bool wide;
  std::vector<std::string> axes;
};

const std::vector<Spec>& specs() {
  static const std::vector<Spec> s = {
      {S::kSeriesGroup, "series.csv", false, {D::kTick}},
      {S::kNeighbourhoodGroup, "neighbourhood.csv", false, {D::kTick, D::kNeighbourhood}},
      {S::kUnitsGroup, "units.csv", false, {D::kTick, D::kUnit}},
      {S::kSampleGroup, "sample.csv", false, {S::sample::kTick, S::sample::kCitizen}},
      {S::kCitizensGroup, "citizens.csv", true, {D::kCitizen}},
      {S::kCasesGroup, "cases.csv", true, {D::kCase}},
      {S::kContactsGroup, "contacts.csv", true, {D::kContact}},
      {S::kPullsGroup, "pulls.csv", true, {D::kPull}},
      {S::kStaffingPlanGroup, "staffing_plan.csv", true, {D::kUnit}},
      {S::kNetworkGroup, "network.csv", true, {D::kDegree}},
  };
  return s;
}

// RFC 4180 quoting, only where needed.
void append_field(std::string& out, const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos &&
      (v.empty() || (v.front() != ' ' && v.back() != ' '))) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// Whole numbers as integers ("100000", not "1e+05"); others in the shortest form that reads
// back to the same value of the stored type (float32 values as floats: "0.1", not
// "0.100000001").
void append_number(std::string& out, double v, bool f32) {
  char buf[64];
  if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 1e15) {
    const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
    out.append(buf, r.ptr);
    return;
  }
  const auto r = f32 ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(v))
                     : std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// A CSV file written through OutputTarget (temporary name, renamed when complete), flushed in
// blocks so a large table never sits whole in memory.
class CsvFile {
 public:
  CsvFile(const std::string& path, bool overwrite) : target_(path, overwrite) {}
  std::string& row() { return buf_; }
  void end_row() {
    buf_ += '\n';
    ++rows_;
    if (buf_.size() >= (std::size_t{1} << 20)) flush();
  }
  std::size_t commit() {
    flush();
    target_.commit();
    return rows_ - 1;  // the header is not a row of data
  }

 private:
  void flush() {
    target_.write(buf_.data(), buf_.size());
    buf_.clear();
  }
  OutputTarget target_;
  std::string buf_;
  std::size_t rows_ = 0;
};

void header(CsvFile& csv, const std::vector<std::string>& cols) {
  std::string& r = csv.row();
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (i) r += ',';
    append_field(r, cols[i]);
  }
  csv.end_row();
}

std::vector<std::string> arm_names(const H5Reader& f) {
  std::vector<std::string> names;
  if (auto listed = f.attr_string("/", S::kArms)) {
    std::string cur;
    for (char c : *listed + ",") {
      if (c != ',') {
        cur += c;
        continue;
      }
      if (!cur.empty() && f.is_group(S::arm_path(cur))) names.push_back(cur);
      cur.clear();
    }
  }
  if (names.empty()) names = f.children(S::kArmsGroup);
  return names;
}

bool is_numeric(const H5Reader& f, const std::string& p) {
  const std::string t = f.type_name(p);
  return t.rfind("int", 0) == 0 || t.rfind("uint", 0) == 0 || t.rfind("float", 0) == 0;
}

// Auxiliary coordinates label an axis; they are exported with it, not as variables.
bool is_label(const std::string& name) { return name == D::kUnitName || name == D::kDeprivation; }

// The label of each index of `axis` in `group`: unit names for units; otherwise the group's
// coordinate variable, the root's, or 0..n-1 (files written before coordinates were local).
std::vector<std::string> axis_labels(const H5Reader& f, const std::string& group,
                                     const std::string& axis, std::size_t n) {
  const auto fits = [&](const std::string& p) {
    return f.is_dataset(p) && f.dims(p).size() == 1 && f.dims(p)[0] == n;
  };
  std::vector<std::string> out;
  if (axis == D::kUnit)
    for (const std::string& p : {group + "/" + D::kUnitName, std::string(S::kUnitName)})
      if (fits(p) && f.type_name(p) == "string") return f.read_strings(p);
  // A dimension without values (netCDF's "dimension but not a variable": row numbers) has
  // nothing stored to read; its labels are the positions.
  const auto has_values = [&](const std::string& p) {
    const auto name = f.attr_string(p, "NAME");
    return !name || name->find("not a netCDF variable") == std::string::npos;
  };
  std::optional<std::string> src;
  for (const std::string& p : {group + "/" + axis, "/" + axis})
    if (!src && fits(p) && is_numeric(f, p) && has_values(p)) src = p;
  std::vector<double> v;
  if (src) v = f.read_doubles(*src);
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string s;
    append_number(s, src ? v[i] : static_cast<double>(i), false);
    out.push_back(std::move(s));
  }
  return out;
}

// One dataset of a group, with its axes resolved: optional leading replicate, then the table's.
struct Var {
  std::string name, path;
  bool f32 = false;
  bool replicated = false;
  std::vector<std::uint64_t> dims;
};

std::optional<Var> resolve(const H5Reader& f, const std::string& group, const std::string& name,
                           const Spec& spec) {
  const std::string p = group + "/" + name;
  // An axis's own values (sample/tick and sample/citizen of files written before they were
  // dimension scales) label rows; they are not a variable.
  const bool is_axis = std::find(spec.axes.begin(), spec.axes.end(), name) != spec.axes.end();
  if (!f.is_dataset(p) || !is_numeric(f, p) || is_label(name) || is_axis) return std::nullopt;
  Var v{name, p, f.type_name(p) == "float32", false, f.dims(p)};
  std::vector<std::string> axes = f.dim_names(p);
  const bool named = !axes.empty() && std::none_of(axes.begin(), axes.end(),
                                                   [](const std::string& a) { return a.empty(); });
  if (!named) {  // files written before every axis had a dimension: go by rank
    axes = spec.axes;
    if (v.dims.size() == spec.axes.size() + 1) axes.insert(axes.begin(), kReplicate);
  }
  if (!axes.empty() && axes.front() == kReplicate) {
    v.replicated = true;
    axes.erase(axes.begin());
  }
  if (axes != spec.axes || v.dims.size() != axes.size() + (v.replicated ? 1 : 0)) {
    std::fprintf(stderr, "placesim export: note: %s has axes other than the table's; left out\n",
                 p.c_str());
    return std::nullopt;
  }
  return v;
}

std::vector<Var> group_vars(const H5Reader& f, const std::string& group, const Spec& spec) {
  std::vector<Var> out;
  if (!f.is_group(group)) return out;
  for (const auto& name : f.children(group))
    if (auto v = resolve(f, group, name, spec)) out.push_back(std::move(*v));
  return out;
}

// Replicate labels of a replicated dataset (its group's or the root's `replicate`, else 0..R-1).
std::vector<std::string> replicate_labels(const H5Reader& f, const std::string& group,
                                          const Var& v) {
  if (!v.replicated) return {"0"};
  return axis_labels(f, group, kReplicate, v.dims[0]);
}

std::size_t write_long(const H5Reader& f, const Spec& spec, const std::vector<std::string>& arms,
                       const std::string& path, bool overwrite) {
  CsvFile csv(path, overwrite);
  std::vector<std::string> cols = {kReplicate, "arm"};
  cols.insert(cols.end(), spec.axes.begin(), spec.axes.end());
  cols.insert(cols.end(), {"variable", "value"});
  header(csv, cols);
  for (const auto& arm : arms) {
    const std::string group = S::arm_path(arm, spec.group);
    std::map<std::string, std::vector<std::string>> labels;  // axis -> labels, read once
    for (const Var& v : group_vars(f, group, spec)) {
      const std::size_t off = v.replicated ? 1 : 0;
      std::vector<const std::vector<std::string>*> axis;
      for (std::size_t a = 0; a < spec.axes.size(); ++a) {
        auto& l = labels[spec.axes[a]];
        if (l.size() != v.dims[off + a]) l = axis_labels(f, group, spec.axes[a], v.dims[off + a]);
        axis.push_back(&l);
      }
      const auto reps = replicate_labels(f, group, v);
      const std::vector<double> data = f.read_doubles(v.path);
      std::vector<std::size_t> idx(spec.axes.size() + 1, 0);  // replicate, then the axes
      std::vector<std::uint64_t> extent = {v.replicated ? v.dims[0] : 1};
      extent.insert(extent.end(), v.dims.begin() + static_cast<std::ptrdiff_t>(off), v.dims.end());
      for (std::size_t k = 0; k < data.size(); ++k) {
        std::string& r = csv.row();
        append_field(r, reps[idx[0]]);
        r += ',';
        append_field(r, arm);
        for (std::size_t a = 0; a < axis.size(); ++a) {
          r += ',';
          append_field(r, (*axis[a])[idx[a + 1]]);
        }
        r += ',';
        append_field(r, v.name);
        r += ',';
        append_number(r, data[k], v.f32);
        csv.end_row();
        for (std::size_t a = idx.size(); a-- > 0;) {  // next row-major index
          if (++idx[a] < extent[a]) break;
          idx[a] = 0;
        }
      }
    }
  }
  return csv.commit();
}

std::size_t write_wide(const H5Reader& f, const Spec& spec, const std::vector<std::string>& arms,
                       const std::string& path, bool overwrite) {
  // The columns: every dataset name any arm has, in name order.
  std::vector<std::string> names;
  for (const auto& arm : arms)
    for (const Var& v : group_vars(f, S::arm_path(arm, spec.group), spec))
      if (std::find(names.begin(), names.end(), v.name) == names.end()) names.push_back(v.name);
  std::sort(names.begin(), names.end());
  CsvFile csv(path, overwrite);
  std::vector<std::string> cols = {kReplicate, "arm", spec.axes[0]};
  cols.insert(cols.end(), names.begin(), names.end());
  header(csv, cols);
  for (const auto& arm : arms) {
    const std::string group = S::arm_path(arm, spec.group);
    const std::vector<Var> vars = group_vars(f, group, spec);
    if (vars.empty()) continue;
    // Every column of one arm has the same rows; a dataset of another length is left out.
    const Var& first = vars.front();
    const std::uint64_t reps = first.replicated ? first.dims[0] : 1, n = first.dims.back();
    std::vector<const Var*> col(names.size(), nullptr);
    std::vector<std::vector<double>> data(names.size());
    for (const Var& v : vars) {
      if (v.replicated != first.replicated || v.dims != first.dims) {
        std::fprintf(stderr, "placesim export: note: %s has another length; left out\n",
                     v.path.c_str());
        continue;
      }
      const auto at =
          static_cast<std::size_t>(std::find(names.begin(), names.end(), v.name) - names.begin());
      col[at] = &v;
      data[at] = f.read_doubles(v.path);
    }
    const auto rep_labels = replicate_labels(f, group, first);
    const auto labels = axis_labels(f, group, spec.axes[0], n);
    for (std::uint64_t r = 0; r < reps; ++r)
      for (std::uint64_t i = 0; i < n; ++i) {
        std::string& row = csv.row();
        append_field(row, rep_labels[r]);
        row += ',';
        append_field(row, arm);
        row += ',';
        append_field(row, labels[i]);
        for (std::size_t c = 0; c < names.size(); ++c) {
          row += ',';
          if (col[c]) append_number(row, data[c][r * n + i], col[c]->f32);
        }
        csv.end_row();
      }
  }
  return csv.commit();
}

// One row per (table, variable): the units and description the file gives each column.
std::size_t write_variables(const H5Reader& f, const std::vector<std::string>& arms,
                            const std::vector<const Spec*>& tables, const std::string& path,
                            bool overwrite) {
  CsvFile csv(path, overwrite);
  header(csv, {"table", "variable", "units", "description"});
  for (const Spec* spec : tables) {
    std::vector<std::string> seen;
    for (const auto& arm : arms)
      for (const Var& v : group_vars(f, S::arm_path(arm, spec->group), *spec)) {
        if (std::find(seen.begin(), seen.end(), v.name) != seen.end()) continue;
        seen.push_back(v.name);
        std::string& r = csv.row();
        append_field(r, spec->file);
        r += ',';
        append_field(r, v.name);
        r += ',';
        append_field(r, f.attr_string(v.path, S::kUnits).value_or(""));
        r += ',';
        append_field(r, f.attr_string(v.path, S::kDescription).value_or(""));
        csv.end_row();
      }
  }
  return csv.commit();
}

std::size_t write_neighbourhoods(const H5Reader& f, const std::string& path, bool overwrite) {
  CsvFile csv(path, overwrite);
  header(csv, {D::kNeighbourhood, D::kDeprivation});
  const auto dep = f.read_doubles(S::kNeighbourhoodDeprivation);
  const auto labels = axis_labels(f, "", D::kNeighbourhood, dep.size());
  for (std::size_t j = 0; j < dep.size(); ++j) {
    std::string& r = csv.row();
    append_field(r, labels[j]);
    r += ',';
    append_number(r, dep[j], f.type_name(S::kNeighbourhoodDeprivation) == "float32");
    csv.end_row();
  }
  return csv.commit();
}

}  // namespace

std::vector<std::string> export_table_names() {
  std::vector<std::string> names;
  for (const auto& s : specs()) names.push_back(s.file);
  names.push_back(kNeighbourhoodsFile);
  names.push_back(kVariablesFile);
  return names;
}

std::vector<ExportedTable> export_csv(const H5Reader& f, const ExportOptions& opts) {
  if (!f.is_group(S::kArmsGroup))
    throw InputError(f.path() +
                     ": not a placesim run file (no /arms group); export reads run "
                     "files, and a sweep's summary.h5 is one table already");
  const std::vector<std::string> arms = arm_names(f);
  if (arms.empty()) throw InputError(f.path() + ": has an /arms group but no arm in it");
  // The tables this file has: a group no arm has (cases without services) gives no file.
  std::vector<const Spec*> tables;
  for (const auto& s : specs())
    for (const auto& arm : arms)
      if (f.is_group(S::arm_path(arm, s.group))) {
        tables.push_back(&s);
        break;
      }
  const bool nbhd = f.is_dataset(S::kNeighbourhoodDeprivation);

  const fs::path dir(opts.dir);
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dir, ec)) && !fs::is_directory(dir, ec))
    throw InputError(opts.dir + ": exists and is not a directory");
  std::vector<std::string> paths;
  for (const Spec* s : tables) paths.push_back((dir / s->file).string());
  if (nbhd) paths.push_back((dir / kNeighbourhoodsFile).string());
  paths.push_back((dir / kVariablesFile).string());
  // Every table is checked before any is written, so a refused export leaves nothing behind.
  if (fs::is_directory(dir, ec))
    for (const auto& p : paths) try {
        check_output_path(p, opts.overwrite);
      } catch (const OutputError& e) {
        throw InputError(e.what());
      }
  else if (!fs::create_directory(dir, ec))
    throw InputError(opts.dir + ": cannot create the directory (" + ec.message() + ")");

  std::vector<ExportedTable> out;
  std::size_t k = 0;
  for (const Spec* s : tables) {
    const std::string& p = paths[k++];
    out.push_back({p, s->wide ? write_wide(f, *s, arms, p, opts.overwrite)
                              : write_long(f, *s, arms, p, opts.overwrite)});
  }
  if (nbhd) {
    const std::string& p = paths[k++];
    out.push_back({p, write_neighbourhoods(f, p, opts.overwrite)});
  }
  const std::string& p = paths[k];
  out.push_back({p, write_variables(f, arms, tables, p, opts.overwrite)});
  return out;
}

}  // namespace placesim::analysis
