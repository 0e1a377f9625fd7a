#include "sim/replicate_output.hpp"

#include "sim/netcdf_dims.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <regex>

#include "sim/config_loader.hpp"
#include "sim/output_schema.hpp"

namespace placesim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// run.seed's largest value (param_registry.cpp): seeds are exact in a double.
constexpr std::int64_t kMaxSeed = 9007199254740991;

// The middle of a row, as numpy.median takes it (mean of the two middle values when even).
double median(std::vector<double> v) {
  if (v.empty()) return kNaN;
  const std::size_t m = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(m), v.end());
  if (v.size() % 2) return v[m];
  const double hi = v[m];
  const double lo = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(m));
  return (lo + hi) / 2;
}

}  // namespace

const std::vector<double>* ReplicateRun::find(const std::string& name) const {
  for (const auto& s : daily)
    if (s.name == name) return &s.v;
  for (const auto& s : sampled)
    if (s.name == name) return &s.v;
  return nullptr;
}

ReplicateRun capture_replicate(const Simulation& sim, std::int64_t seed) {
  ReplicateRun r;
  r.seed = seed;
  r.people = static_cast<double>(sim.model().cfg.place.citizens);
  const Recorder& rec = sim.recorder();
  for (std::size_t s = 0; s < rec.place_meta().size(); ++s)
    r.daily.push_back({rec.place_meta()[s].name, rec.place_meta()[s].unit,
                       rec.place_meta()[s].description, rec.place_data()[s]});
  const std::size_t K = rec.sample_ticks.size(), n = rec.sample_ids.size();
  r.sample_tick.assign(rec.sample_ticks.begin(), rec.sample_ticks.end());
  ReplicateSeries med{"sample_cost_median",
                      "GBP",
                      "Median cumulative cost of the sampled people, per sample day.",
                      {}};
  ReplicateSeries mean{
      "sample_cost_mean", "GBP", "Mean cumulative cost of the sampled people, per sample day.", {}};
  if (n > 0 && rec.sample_cost.size() == K * n)
    for (std::size_t k = 0; k < K; ++k) {
      std::vector<double> row(rec.sample_cost.begin() + static_cast<std::ptrdiff_t>(k * n),
                              rec.sample_cost.begin() + static_cast<std::ptrdiff_t>((k + 1) * n));
      double s = 0;
      for (double x : row) s += x;
      mean.v.push_back(s / static_cast<double>(n));
      med.v.push_back(median(std::move(row)));
    }
  r.sampled.push_back(std::move(med));
  r.sampled.push_back(std::move(mean));
  return r;
}

IndicatorInput indicator_input(const ReplicateRun& r) {
  return {[&r](const std::string& name) { return r.find(name); }, r.people};
}

std::int64_t replicate_seed(std::int64_t seed, std::int64_t r) { return seed + r; }

void check_replicate_seeds(std::int64_t seed, std::int64_t replicates) {
  if (replicates > 1 && seed > kMaxSeed - (replicates - 1))
    throw ConfigError({"run.seed = " + std::to_string(seed) +
                       " with run.replicates = " + std::to_string(replicates) +
                       ": replicate r runs on run.seed + r, which "
                       "would pass run.seed's largest value " +
                       std::to_string(kMaxSeed)});
}

// ---- expected-direction check ----

namespace {

const std::regex& term_pattern() {
  static const std::regex re(R"(^\s*([\w-]+)\.(\w+)\.(mean|sum|last|mean_last90|indicator)\s*$)");
  return re;
}

double stat(const std::vector<double>& v, const std::string& s) {
  if (v.empty()) return kNaN;
  if (s == "last") return v.back();
  const std::size_t from = s == "mean_last90" && v.size() > 90 ? v.size() - 90 : 0;
  double sum = 0;
  for (std::size_t i = from; i < v.size(); ++i) sum += v[i];
  return s == "sum" ? sum : sum / static_cast<double>(v.size() - from);
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\n");
  const auto e = s.find_last_not_of(" \t\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// One term per replicate, or an error.
std::string term_values(const std::string& term, const std::vector<std::string>& arm_names,
                        const std::vector<const ArmReplicates*>& arms, std::vector<double>& out,
                        std::string& unit) {
  std::smatch m;
  if (!std::regex_match(term, m, term_pattern()))
    return "cannot read '" + term + "' (want ARM.SERIES.STAT)";
  const auto it = std::find(arm_names.begin(), arm_names.end(), m[1].str());
  if (it == arm_names.end()) return "'" + term + "': no arm named '" + m[1].str() + "'";
  const ArmReplicates* a = arms[static_cast<std::size_t>(it - arm_names.begin())];
  if (!a) return "'" + term + "': the arm has no replicates";
  if (m[3].str() == "indicator") {
    // ARM.NAME.indicator: the headline indicator NAME (sim/indicators.cpp), the same number
    // the report shows, so a check never needs a definition of its own.
    const Indicator* ind = find_indicator(m[2].str());
    if (!ind) return "'" + term + "': no headline indicator named '" + m[2].str() + "'";
    for (const auto& r : a->runs) out.push_back(ind->compute(indicator_input(r)));
    unit = ind->unit;
    return {};
  }
  for (const auto& r : a->runs) {
    const auto* v = r.find(m[2].str());
    if (!v) return "'" + term + "': arm '" + m[1].str() + "' has no series '" + m[2].str() + "'";
    out.push_back(stat(*v, m[3].str()));
  }
  if (!a->runs.empty())
    for (const auto* list : {&a->runs.front().daily, &a->runs.front().sampled})
      for (const auto& s : *list)
        if (s.name == m[2].str()) unit = s.unit;
  return {};
}

}  // namespace

std::vector<CheckClause> evaluate_check(const std::string& check,
                                        const std::vector<std::string>& arm_names,
                                        const std::vector<const ArmReplicates*>& arms) {
  std::vector<CheckClause> out;
  std::size_t start = 0;
  while (start <= check.size()) {
    const auto semi = check.find(';', start);
    const std::string clause =
        trim(check.substr(start, semi == std::string::npos ? std::string::npos : semi - start));
    start = semi == std::string::npos ? check.size() + 1 : semi + 1;
    if (clause.empty()) continue;
    CheckClause c;
    c.clause = clause;
    const auto op = clause.find_first_of("<>");
    if (op == std::string::npos) {
      c.error = "'" + clause + "' has no < or >";
      out.push_back(std::move(c));
      continue;
    }
    c.op = clause[op];
    c.left = trim(clause.substr(0, op));
    c.right = trim(clause.substr(op + 1));
    c.error = term_values(c.left, arm_names, arms, c.left_v, c.left_unit);
    if (c.error.empty()) c.error = term_values(c.right, arm_names, arms, c.right_v, c.right_unit);
    if (c.error.empty()) {
      c.diff = paired_interval(c.right_v, c.left_v);  // left - right, per replicate
      c.pass = c.op == '<' ? c.diff.mean < 0 : c.diff.mean > 0;
    }
    out.push_back(std::move(c));
  }
  return out;
}

// ---- writing ----

namespace {

namespace S = schema;

std::vector<double> flatten(const std::vector<const std::vector<double>*>& rows, std::size_t len) {
  std::vector<double> out;
  out.reserve(rows.size() * len);
  for (const auto* r : rows)
    for (std::size_t i = 0; i < len; ++i) out.push_back(r && i < r->size() ? (*r)[i] : kNaN);
  return out;
}

void write_matrix(H5Writer& w, hid_t g, const std::vector<ReplicateRun>& runs,
                  const std::vector<ReplicateSeries> ReplicateRun::*which, std::size_t len,
                  const std::vector<std::string>& dims) {
  if (runs.empty()) return;
  for (const auto& s : runs.front().*which) {
    std::vector<const std::vector<double>*> rows;
    for (const auto& r : runs) rows.push_back(r.find(s.name));
    H5Handle ds = w.create_array(g, s.name, flatten(rows, len), {runs.size(), len}, s.unit,
                                 s.description + " One row per replicate.");
    attach_dims(w, ds.get(), dims);
    w.close(ds);
  }
}

// Each group that holds per-replicate data carries its own `replicate` coordinate (xarray opens
// one group at a time; sim/netcdf_dims.hpp).
void replicate_coordinate(H5Writer& w, hid_t g, std::size_t R) {
  write_index_coordinate(w, g, "replicate", R, "id",
                         "Replicate number r (0-based); its seed is run.seed + r.");
}

}  // namespace

void write_arm_replicates(H5Writer& w, hid_t arm_group, const ArmReplicates& reps) {
  const std::size_t R = reps.runs.size();
  if (R == 0) return;
  H5Handle ig = w.create_group(arm_group, "indicators");
  replicate_coordinate(w, ig.get(), R);
  w.attr_string(ig.get(), S::kDescription,
                "Headline indicators, one value per replicate (sim/indicators.cpp: one definition "
                "each). The report, inspect and the preset checks read these.");
  for (const auto& ind : indicators()) {
    std::vector<double> v;
    for (const auto& r : reps.runs) v.push_back(ind.compute(indicator_input(r)));
    H5Handle ds = w.create_array(ig.get(), ind.name, v, {R}, ind.unit, ind.definition);
    w.attr_string(ds.get(), "label", ind.label);
    w.attr_string(ds.get(), "direction", direction_name(ind.direction));
    w.attr_int32(ds.get(), "percent", ind.percent ? 1 : 0);
    attach_dims(w, ds.get(), {"replicate"});
    w.close(ds);
  }
  w.close(ig);
  H5Handle rg = w.create_group(arm_group, "replicates");
  w.attr_string(rg.get(), S::kDescription,
                "Per-replicate data: row r is replicate r (seed run.seed + r); row 0 is the "
                "replicate whose full detail is in this arm's other groups.");
  std::vector<std::int64_t> seeds;
  for (const auto& r : reps.runs) seeds.push_back(r.seed);
  replicate_coordinate(w, rg.get(), R);
  {
    H5Handle sd = w.create_array(rg.get(), "seed", seeds, {R}, "seed", "Seed of each replicate (run.seed + r).");
    attach_dims(w, sd.get(), {"replicate"});
    w.close(sd);
  }
  H5Handle sg = w.create_group(rg.get(), "series");
  const std::size_t T = reps.runs.front().daily.empty() ? 0 : reps.runs.front().daily.front().v.size();
  replicate_coordinate(w, sg.get(), R);
  write_index_coordinate(w, sg.get(), "tick", T, "day", "Day of each column (0 = first day).");
  write_matrix(w, sg.get(), reps.runs, &ReplicateRun::daily, T, {"replicate", "tick"});
  w.close(sg);
  H5Handle pg = w.create_group(rg.get(), "sample");
  const auto& t = reps.runs.front().sample_tick;
  replicate_coordinate(w, pg.get(), R);
  write_coordinate(w, pg.get(), "tick", t, "day", "Day of each sample column.");
  write_matrix(w, pg.get(), reps.runs, &ReplicateRun::sampled, t.size(), {"replicate", "tick"});
  w.close(pg);
  w.close(rg);
}

void write_replicate_root(H5Writer& w, const std::vector<std::string>& arm_names,
                          const std::vector<const ArmReplicates*>& arms) {
  const ArmReplicates* first = nullptr;
  for (const auto* a : arms)
    if (a && !a->runs.empty()) {
      first = a;
      break;
    }
  if (!first) return;
  const hid_t root = w.root();
  w.attr_int64(root, "replicates", static_cast<std::int64_t>(first->runs.size()));
  w.attr_string(root, "replicate_seeds",
                "replicate r of every arm runs on seed + r (common random numbers across arms)");
  if (first->check.empty()) return;
  H5Handle cg = w.create_group(root, "checks");
  w.attr_string(cg.get(), "check", first->check);
  w.attr_string(cg.get(), S::kDescription,
                "The experiment's expected direction (experiment.check), one group per clause, "
                "evaluated per replicate by placesim (sim/replicate_output.cpp). A clause passes "
                "when the mean over replicates of left - right has the stated sign; ci_low and "
                "ci_high are the 95% t interval of the paired differences.");
  const auto clauses = evaluate_check(first->check, arm_names, arms);
  std::int32_t passed = 0;
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    const auto& c = clauses[i];
    H5Handle g = w.create_group(cg.get(), std::to_string(i));
    w.attr_string(g.get(), "clause", c.clause);
    w.attr_string(g.get(), "op", std::string(1, c.op));
    w.attr_string(g.get(), "left_term", c.left);
    w.attr_string(g.get(), "right_term", c.right);
    w.attr_int32(g.get(), "pass", c.pass ? 1 : 0);
    w.attr_string(g.get(), "error", c.error);
    if (c.error.empty()) {
      w.attr_double(g.get(), "mean_difference", c.diff.mean);
      w.attr_double(g.get(), "ci_low", c.diff.low);
      w.attr_double(g.get(), "ci_high", c.diff.high);
      replicate_coordinate(w, g.get(), c.left_v.size());
      H5Handle l = w.create_array(g.get(), "left", c.left_v, {c.left_v.size()}, c.left_unit,
                                  "Left term (" + c.left + "), one value per replicate.");
      attach_dims(w, l.get(), {"replicate"});
      w.close(l);
      H5Handle r = w.create_array(g.get(), "right", c.right_v, {c.right_v.size()}, c.right_unit,
                                  "Right term (" + c.right + "), one value per replicate.");
      attach_dims(w, r.get(), {"replicate"});
      w.close(r);
    }
    passed += c.pass ? 1 : 0;
    w.close(g);
  }
  w.attr_int32(cg.get(), "clauses", static_cast<std::int32_t>(clauses.size()));
  w.attr_int32(cg.get(), "passed", passed);
  w.close(cg);
}

}  // namespace placesim
