#include "analysis/run_data.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <set>
#include <sstream>

#include "sim/output_schema.hpp"

namespace placesim::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) {
    const auto b = cur.find_first_not_of(" \t");
    const auto e = cur.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
  }
  return out;
}

bool contains(const std::string& s, const std::string& what) {
  return s.find(what) != std::string::npos;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Series read_series(const H5Reader& f, const std::string& path, const std::string& name) {
  Series s;
  s.name = name;
  s.v = f.read_doubles(path);
  s.unit = f.attr_string(path, schema::kUnits).value_or("");
  s.description = f.attr_string(path, schema::kDescription).value_or("");
  return s;
}

bool is_1d_numeric(const H5Reader& f, const std::string& path) {
  if (!f.is_dataset(path) || f.dims(path).size() != 1) return false;
  const std::string t = f.type_name(path);
  return t.rfind("int", 0) == 0 || t.rfind("uint", 0) == 0 || t.rfind("float", 0) == 0;
}

// Service-unit cost per day: /arms/<arm>/units/cost, shape (tick, unit), one column per name
// in /unit_name.
std::vector<Series> read_unit_cost(const H5Reader& f, const std::string& base,
                                   const std::vector<std::string>& unit_names) {
  std::vector<Series> out;
  const std::string p = base + "/" + schema::unit_series::kCost;
  if (!f.is_dataset(p) || f.dims(p).size() != 2) return out;
  const auto d = f.dims(p);
  const Series all = read_series(f, p, schema::unit_series::kCost);
  for (std::size_t u = 0; u < d[1]; ++u) {
    Series s;
    s.name = u < unit_names.size() ? unit_names[u] : "unit " + std::to_string(u);
    s.unit = all.unit;
    s.description = all.description;
    for (std::size_t t = 0; t < d[0]; ++t) s.v.push_back(all.v[t * d[1] + u]);
    out.push_back(std::move(s));
  }
  return out;
}

// The per-person final counters the report shows (of what /arms/<arm>/citizens holds).
const std::set<std::string> kCitizenFields = {
    schema::citizens::kContacts,    schema::citizens::kFailureContacts,
    schema::citizens::kAssessments, schema::citizens::kReferrals,
    schema::citizens::kWorkersMet,  schema::citizens::kServicesMet,
    schema::citizens::kStaffHours,  schema::citizens::kGroupMemberships,
    schema::citizens::kCrises,      schema::citizens::kCost,
    schema::citizens::kCrisisCost,  schema::citizens::kTrust,
    schema::citizens::kWellbeing,   schema::citizens::kSupport};

// /arms/<arm>/cases: one row per closed case; written only by a model with a service system.
void read_cases(const H5Reader& f, const std::string& cp, Cases& cases) {
  namespace k = schema::cases;
  const auto at = [&](const char* field) { return cp + "/" + field; };
  if (!is_1d_numeric(f, at(k::kCitizen)) || !is_1d_numeric(f, at(k::kOutcome))) return;
  cases.recorded = true;
  const std::size_t n = f.dims(at(k::kCitizen))[0];
  for (const auto& [field, dest] :
       std::vector<std::pair<const char*, std::vector<double>*>>{{k::kCitizen, &cases.citizen},
                                                                 {k::kUnit, &cases.unit},
                                                                 {k::kDomain, &cases.domain},
                                                                 {k::kOutcome, &cases.outcome},
                                                                 {k::kOpened, &cases.opened},
                                                                 {k::kClosed, &cases.closed},
                                                                 {k::kHours, &cases.hours}}) {
    if (is_1d_numeric(f, at(field)) && f.dims(at(field))[0] == n)
      *dest = f.read_doubles(at(field));
    else
      dest->assign(n, kNaN);
  }
  // "0 fixed, 1 ineligible, ..." names the codes of the outcome column for display.
  if (auto codes = f.attr_string(cp, schema::kOutcomeCodes))
    for (const auto& item : split(*codes, ',')) {
      const auto sp = item.find(' ');
      if (sp == std::string::npos) continue;
      try {
        cases.outcome_names[std::stoi(item.substr(0, sp))] = item.substr(sp + 1);
      } catch (const std::exception&) {
      }
    }
}

void read_sample(const H5Reader& f, const std::string& sp, Sample& sample) {
  namespace k = schema::sample;
  const auto at = [&](const char* field) { return sp + "/" + field; };
  if (!f.is_dataset(at(k::kCitizen)) || !f.is_dataset(at(k::kTick))) return;
  sample.citizen = f.read_doubles(at(k::kCitizen));
  sample.tick = f.read_doubles(at(k::kTick));
  const std::size_t want = sample.rows() * sample.cols();
  for (const auto& [field, dest] :
       {std::pair<const char*, std::vector<double>*>{k::kCost, &sample.cost},
        {k::kWellbeing, &sample.wellbeing}}) {
    const std::string p = at(field);
    if (f.is_dataset(p) && f.dims(p).size() == 2 && f.dims(p)[0] * f.dims(p)[1] == want)
      *dest = f.read_doubles(p);
  }
  if (f.is_dataset(at(k::kCost)))
    sample.cost_unit = f.attr_string(at(k::kCost), schema::kUnits).value_or("GBP");
}

ArmData read_arm(const H5Reader& f, const std::string& name,
                 const std::vector<std::string>& unit_names) {
  const auto at = [&](const char* child) { return schema::arm_path(name, child); };
  ArmData a;
  a.name = name;
  for (const auto& s : f.children(at(schema::kSeriesGroup))) {
    const std::string p = at(schema::kSeriesGroup) + "/" + s;
    if (is_1d_numeric(f, p)) a.series.push_back(read_series(f, p, s));
  }
  a.unit_cost = read_unit_cost(f, at(schema::kUnitsGroup), unit_names);
  read_cases(f, at(schema::kCasesGroup), a.cases);
  for (const auto& c : f.children(at(schema::kCitizensGroup))) {
    const std::string p = at(schema::kCitizensGroup) + "/" + c;
    if (!is_1d_numeric(f, p)) continue;
    a.people = std::max<std::size_t>(a.people, f.dims(p)[0]);
    if (kCitizenFields.count(c)) a.citizens[c] = read_series(f, p, c);
  }
  read_sample(f, at(schema::kSampleGroup), a.sample);
  const std::string ip = at("indicators");
  if (f.is_group(ip))
    for (const auto& n : f.children(ip))
      if (is_1d_numeric(f, ip + "/" + n)) a.indicators[n] = f.read_doubles(ip + "/" + n);
  const std::string np = at(schema::kNetworkGroup);
  if (f.exists(np))
    for (const auto& an : f.attr_names(np))
      if (auto v = f.attr_number(np, an)) a.network[an] = *v;
  return a;
}

// /checks: the expected direction as placesim evaluated it when it wrote the file.
void read_checks(const H5Reader& f, RunData& r) {
  if (!f.is_group("/checks")) return;
  r.check = f.attr_string("/checks", "check").value_or("");
  const auto n = static_cast<std::size_t>(f.attr_number("/checks", "clauses").value_or(0));
  for (std::size_t i = 0; i < n; ++i) {
    const std::string g = "/checks/" + std::to_string(i);
    if (!f.is_group(g)) continue;
    RunData::Check c;
    c.clause = f.attr_string(g, "clause").value_or("");
    c.left_term = f.attr_string(g, "left_term").value_or("");
    c.right_term = f.attr_string(g, "right_term").value_or("");
    c.op = f.attr_string(g, "op").value_or("");
    c.error = f.attr_string(g, "error").value_or("");
    c.pass = f.attr_number(g, "pass").value_or(0) != 0;
    c.mean = f.attr_number(g, "mean_difference").value_or(kNaN);
    c.low = f.attr_number(g, "ci_low").value_or(kNaN);
    c.high = f.attr_number(g, "ci_high").value_or(kNaN);
    if (is_1d_numeric(f, g + "/left")) c.left = f.read_doubles(g + "/left");
    if (is_1d_numeric(f, g + "/right")) c.right = f.read_doubles(g + "/right");
    r.checks.push_back(std::move(c));
  }
}

}  // namespace

const Series* ArmData::find(const std::string& name) const {
  for (const auto& s : series)
    if (s.name == name) return &s;
  return nullptr;
}

const Series* ArmData::find_citizen(const std::string& name) const {
  const auto it = citizens.find(name);
  return it == citizens.end() ? nullptr : &it->second;
}

FileKind detect_kind(const H5Reader& f) {
  if (f.is_dataset(schema::sweep::kRunsTable) &&
      f.type_name(schema::sweep::kRunsTable) == "compound")
    return FileKind::kSweep;
  if (f.is_group(schema::kArmsGroup)) return FileKind::kRun;
  throw InputError(f.path() +
                   ": is neither a placesim run (no /arms group) nor a sweep summary (no /runs "
                   "table)");
}

std::map<std::string, std::string> read_provenance(const H5Reader& f) {
  std::map<std::string, std::string> prov;
  for (const auto& a : f.attr_names("/"))
    if (auto t = f.attr_text("/", a)) prov[a] = *t;
  return prov;
}

RunData load_run(const H5Reader& f) {
  RunData r;
  r.path = f.path();
  r.prov = read_provenance(f);
  if (is_1d_numeric(f, schema::kTick)) {
    r.tick = f.read_doubles(schema::kTick);
    r.tick_unit = f.attr_string(schema::kTick, schema::kUnits).value_or("day");
  }
  if (f.is_dataset(schema::kUnitName) && f.type_name(schema::kUnitName) == "string")
    r.unit_names = f.read_strings(schema::kUnitName);
  std::vector<std::string> names = f.children(schema::kArmsGroup);
  // The writer's order (e.g. silo before relational) is the order people expect to read.
  if (auto listed = f.attr_string("/", schema::kArms)) {
    std::vector<std::string> ordered;
    for (const auto& n : split(*listed, ','))
      if (std::find(names.begin(), names.end(), n) != names.end()) ordered.push_back(n);
    for (const auto& n : names)
      if (std::find(ordered.begin(), ordered.end(), n) == ordered.end()) ordered.push_back(n);
    names = ordered;
  }
  for (const auto& name : names)
    if (f.is_group(schema::arm_path(name))) r.arms.push_back(read_arm(f, name, r.unit_names));
  if (r.arms.empty()) throw InputError(f.path() + ": has an /arms group but no arm in it");
  if (auto n = f.attr_number("/", "replicates"); n && *n >= 1)
    r.replicates = static_cast<std::size_t>(*n);
  read_checks(f, r);
  return r;
}

std::string thousands(double v, int decimals) {
  if (!std::isfinite(v)) return "–";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v));
  std::string s = buf;
  const auto dot = s.find('.');
  std::string ip = s.substr(0, dot), fp = dot == std::string::npos ? "" : s.substr(dot);
  std::string out;
  for (std::size_t i = 0; i < ip.size(); ++i) {
    if (i > 0 && (ip.size() - i) % 3 == 0) out += ',';
    out += ip[i];
  }
  return (v < 0 ? "-" : "") + out + fp;
}

std::string format_value(double v, const Headline& h) {
  if (!std::isfinite(v)) return "–";
  if (h.percent) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", 100 * v);
    return buf;
  }
  const int dec = std::fabs(v) < 10 && v != std::floor(v)    ? 3
                  : std::fabs(v) < 100 && v != std::floor(v) ? 1
                                                             : 0;
  if (h.unit.rfind("GBP", 0) == 0)
    return (v < 0 ? "-£" : "£") + thousands(std::fabs(v), std::fabs(v) < 100 ? 2 : 0);
  return thousands(v, dec);
}

namespace {

// An arm's inputs to the indicator registry, from the series read back from the file: the
// fallback for files written before arms/<arm>/indicators existed (one replicate).
std::vector<double> indicator_from_series(const ArmData& a, const Indicator& ind) {
  IndicatorInput in;
  in.series = [&a](const std::string& n) -> const std::vector<double>* {
    const Series* s = a.find(n);
    return s ? &s->v : nullptr;
  };
  in.people = static_cast<double>(a.people);
  return {ind.compute(in)};
}

double mean_of(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? kNaN : s / static_cast<double>(v.size());
}

}  // namespace

std::vector<Headline> headlines(const RunData& run) {
  std::vector<Headline> out;
  const std::size_t na = run.arms.size();
  for (const Indicator& ind : indicators()) {
    Headline h;
    h.name = ind.name;
    h.label = ind.label;
    h.unit = ind.unit;
    h.definition = ind.definition;
    h.direction = ind.direction;
    h.percent = ind.percent;
    h.missing_reason = std::string("not recorded (no ") + ind.needs + " series in this file)";
    h.value.assign(na, std::nullopt);
    h.replicates.assign(na, {});
    for (std::size_t i = 0; i < na; ++i) {
      const ArmData& a = run.arms[i];
      const auto it = a.indicators.find(ind.name);
      std::vector<double> v = it != a.indicators.end() ? it->second : indicator_from_series(a, ind);
      const bool all_finite =
          !v.empty() && std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
      if (!all_finite) continue;  // not recorded: never a zero
      h.value[i] = mean_of(v);
      h.replicates[i] = std::move(v);
    }
    out.push_back(std::move(h));
  }
  return out;
}

std::string format_difference(double d, const Headline& h) {
  if (!std::isfinite(d)) return "–";
  const char* sign = d > 0 ? "+" : d < 0 ? "-" : "±";
  if (h.percent) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%.1f points", sign, 100 * std::fabs(d));
    return buf;
  }
  return sign + format_value(std::fabs(d), h);
}

std::optional<Comparison> compare(const Headline& h, std::size_t base, std::size_t arm) {
  if (base >= h.value.size() || arm >= h.value.size() || !h.value[base] || !h.value[arm])
    return std::nullopt;
  Comparison c;
  c.diff = paired_interval(h.replicates[base], h.replicates[arm]);
  c.change = format_difference(c.diff.mean, h);
  const double b = *h.value[base];
  if (!h.percent && b != 0 && std::isfinite(c.diff.mean)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, " (%+.1f%%)", 100 * c.diff.mean / std::fabs(b));
    c.change += buf;
  }
  if (c.diff.n < 2) {
    // One pair has no spread to judge it by: no interval, and never "better" or "worse".
    c.interval = "one replicate: no interval";
    return c;
  }
  c.interval =
      "95% CI " + format_difference(c.diff.low, h) + " to " + format_difference(c.diff.high, h);
  if (c.diff.holds_zero() || c.diff.mean == 0) {
    c.verdict = "no clear difference";
    return c;
  }
  const bool up = c.diff.mean > 0;
  if (h.direction == Direction::kNone) {
    c.verdict = up ? "higher" : "lower";
    return c;
  }
  const bool better = (h.direction == Direction::kLowerBetter) != up;
  c.verdict = better ? "better" : "worse";
  c.css = c.verdict;
  return c;
}

double quantile(std::vector<double> v, double q) {
  std::erase_if(v, [](double x) { return !std::isfinite(x); });
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const std::size_t lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(v.size() - 1, lo + 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

CostCurve cost_curve(const Sample& s) {
  CostCurve c;
  if (s.cost.size() != s.rows() * s.cols() || s.cols() == 0) return c;
  for (std::size_t k = 0; k < s.rows(); ++k) {
    std::vector<double> row(s.cost.begin() + static_cast<std::ptrdiff_t>(k * s.cols()),
                            s.cost.begin() + static_cast<std::ptrdiff_t>((k + 1) * s.cols()));
    c.tick.push_back(s.tick[k]);
    c.p10.push_back(quantile(row, 0.1));
    c.p50.push_back(quantile(row, 0.5));
    c.p90.push_back(quantile(row, 0.9));
    double sum = 0;
    for (double v : row) sum += v;
    c.mean.push_back(row.empty() ? kNaN : sum / static_cast<double>(row.size()));
  }
  return c;
}

std::optional<double> crossover(const CostCurve& a, const CostCurve& b) {
  const std::size_t n = std::min(a.tick.size(), b.tick.size());
  std::optional<std::size_t> prev;  // last sample day where the medians differed
  for (std::size_t k = 0; k < n; ++k) {
    const double d = b.p50[k] - a.p50[k];
    if (!std::isfinite(d) || d == 0) continue;
    if (prev) {
      const double pd = b.p50[*prev] - a.p50[*prev];
      if ((pd > 0) != (d > 0)) {
        // Curves that meet on a sample day cross there; otherwise interpolate between days.
        for (std::size_t z = *prev + 1; z < k; ++z)
          if (b.p50[z] - a.p50[z] == 0) return a.tick[z];
        const double t0 = a.tick[*prev], t1 = a.tick[k];
        return t0 + (t1 - t0) * pd / (pd - d);
      }
    }
    prev = k;
  }
  return std::nullopt;
}

std::optional<long long> pick_person(const RunData& run, std::optional<long long> requested) {
  if (requested) {
    const auto people = static_cast<long long>(run.arms.front().people);
    if (people == 0)
      throw InputError(
          "--person " + std::to_string(*requested) + ": " + run.path +
          " records no citizens (no /arms/<arm>/citizens), so no journey can be shown");
    if (*requested < 0 || *requested >= people)
      throw InputError("--person " + std::to_string(*requested) + ": no such citizen in " +
                       run.path + "; citizen ids run from 0 to " + std::to_string(people - 1));
    return requested;
  }
  const Sample& s0 = run.arms.front().sample;
  if (s0.cols() == 0) return std::nullopt;
  long long best = static_cast<long long>(s0.citizen.front());
  double best_contacts = -1;
  for (double id : s0.citizen) {
    double contacts = 0;
    for (const auto& a : run.arms)
      if (const Series* c = a.find_citizen(schema::citizens::kContacts);
          c && id >= 0 && id < static_cast<double>(c->v.size()))
        contacts += c->v[static_cast<std::size_t>(id)];
    if (contacts > best_contacts) {
      best_contacts = contacts;
      best = static_cast<long long>(id);
    }
  }
  return best;
}

// ----- sweep summaries -----

std::vector<const SweepColumn*> SweepData::of(Role r) const {
  std::vector<const SweepColumn*> out;
  for (const auto& c : cols)
    if (c.role == r) out.push_back(&c);
  return out;
}

SweepData load_sweep(const H5Reader& f) {
  SweepData d;
  d.path = f.path();
  d.prov = read_provenance(f);
  const auto table = f.read_table(schema::sweep::kRunsTable);
  d.rows = table.empty()
               ? 0
               : (table.front().numeric ? table.front().values.size() : table.front().text.size());
  // Column roles: declared by the writer if it says so, otherwise by name.
  std::set<std::string> declared_params, declared_outcomes;
  if (auto s = f.attr_string(schema::sweep::kRunsTable, "parameters"))
    for (const auto& n : split(*s, ',')) declared_params.insert(n);
  if (auto s = f.attr_string(schema::sweep::kRunsTable, "outcomes"))
    for (const auto& n : split(*s, ',')) declared_outcomes.insert(n);
  // placesim sweep writes /columns (name, role, unit, description), one row per column of /runs.
  std::map<std::string, std::pair<std::string, std::string>> described;  // name -> role, unit
  if (f.is_dataset(schema::sweep::kColumnsTable) &&
      f.type_name(schema::sweep::kColumnsTable) == "compound") {
    const auto ct = f.read_table(schema::sweep::kColumnsTable);
    const TableColumn *cn = nullptr, *cr = nullptr, *cu = nullptr;
    for (const auto& c : ct) {
      if (c.numeric) continue;
      if (c.name == schema::sweep::kColumnName) cn = &c;
      if (c.name == schema::sweep::kColumnRole) cr = &c;
      if (c.name == schema::sweep::kColumnUnit) cu = &c;
    }
    if (cn && cr)
      for (std::size_t i = 0; i < cn->text.size(); ++i) {
        described[cn->text[i]] = {lower(cr->text[i]), cu ? cu->text[i] : ""};
        if (described[cn->text[i]].first == "parameter") declared_params.insert(cn->text[i]);
        if (described[cn->text[i]].first == "outcome") declared_outcomes.insert(cn->text[i]);
      }
  }
  static const std::set<std::string> kMeta = {
      "run",     "run_id",      "id",           "index",   "replicate",   "rep",
      "seed",    "status",      "error",        "message", "hash",        "config_hash",
      "key",     "file",        "path",         "arm",     "shard",       "wall_seconds",
      "threads", "started_utc", "finished_utc", "point",   "design_point"};

  for (std::size_t i = 0; i < table.size(); ++i) {
    const TableColumn& c = table[i];
    SweepColumn sc;
    sc.name = c.name;
    sc.numeric = c.numeric;
    sc.v = c.values;
    sc.text = c.text;
    if (const auto it = described.find(c.name); it != described.end()) sc.unit = it->second.second;
    if (sc.unit.empty()) sc.unit = f.attr_string(schema::sweep::kRunsTable, c.name).value_or("");
    const std::string ln = lower(c.name);
    if (!declared_params.empty() || !declared_outcomes.empty()) {
      if (declared_params.count(c.name))
        sc.role = Role::kParameter;
      else if (declared_outcomes.count(c.name))
        sc.role = Role::kOutcome;
    } else if (kMeta.count(ln)) {
      sc.role = Role::kMeta;
    } else if (c.numeric && (contains(c.name, ".") || ln.rfind("param", 0) == 0)) {
      sc.role = Role::kParameter;
    } else if (c.numeric) {
      sc.role = Role::kOutcome;
    }
    if (sc.role != Role::kMeta && !sc.numeric) sc.role = Role::kMeta;
    d.cols.push_back(std::move(sc));
  }
  d.arm.assign(d.rows, "");
  d.ok.assign(d.rows, true);
  for (const auto& c : d.cols) {
    const std::string ln = lower(c.name);
    if (ln == "arm" && !c.numeric) d.arm = c.text;
    if (ln == schema::sweep::kStatus && !c.numeric)
      for (std::size_t r = 0; r < d.rows; ++r) {
        const std::string s = lower(c.text[r]);
        if (contains(s, "fail") || contains(s, "error") || contains(s, "missing")) d.ok[r] = false;
      }
  }
  return d;
}

std::vector<double> standardised_coefficients(const std::vector<std::vector<double>>& x,
                                              const std::vector<double>& y) {
  const std::size_t p = x.size();
  std::vector<double> out(p, kNaN);
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < y.size(); ++r) {
    bool ok = std::isfinite(y[r]);
    for (const auto& col : x) ok = ok && r < col.size() && std::isfinite(col[r]);
    if (ok) rows.push_back(r);
  }
  auto zscore = [&](const std::vector<double>& v, std::vector<double>& z) {
    double m = 0;
    for (auto r : rows) m += v[r];
    m /= static_cast<double>(rows.size());
    double ss = 0;
    for (auto r : rows) ss += (v[r] - m) * (v[r] - m);
    const double sd = std::sqrt(ss / static_cast<double>(rows.size()));
    if (!(sd > 1e-12 * std::max(1.0, std::fabs(m)))) return false;
    z.clear();
    for (auto r : rows) z.push_back((v[r] - m) / sd);
    return true;
  };
  if (rows.size() < 3) return out;
  std::vector<double> zy;
  if (!zscore(y, zy)) return out;
  std::vector<std::vector<double>> zx;
  std::vector<std::size_t> used;
  for (std::size_t j = 0; j < p; ++j) {
    std::vector<double> z;
    if (zscore(x[j], z)) {
      zx.push_back(std::move(z));
      used.push_back(j);
    }
  }
  const std::size_t q = used.size();
  if (q == 0 || q > 1000 || rows.size() <= q + 1) return out;
  // Normal equations on z-scores (no intercept needed: every column has mean zero).
  std::vector<std::vector<double>> a(q, std::vector<double>(q + 1, 0.0));
  for (std::size_t i = 0; i < q; ++i) {
    for (std::size_t j = 0; j < q; ++j)
      a[i][j] = std::inner_product(zx[i].begin(), zx[i].end(), zx[j].begin(), 0.0);
    a[i][q] = std::inner_product(zx[i].begin(), zx[i].end(), zy.begin(), 0.0);
  }
  for (std::size_t c = 0; c < q; ++c) {
    std::size_t piv = c;
    for (std::size_t r = c + 1; r < q; ++r)
      if (std::fabs(a[r][c]) > std::fabs(a[piv][c])) piv = r;
    std::swap(a[c], a[piv]);
    if (std::fabs(a[c][c]) < 1e-9 * static_cast<double>(rows.size())) return out;  // collinear
    for (std::size_t r = 0; r < q; ++r) {
      if (r == c) continue;
      const double k = a[r][c] / a[c][c];
      for (std::size_t j = c; j <= q; ++j) a[r][j] -= k * a[c][j];
    }
  }
  for (std::size_t i = 0; i < q; ++i) out[used[i]] = a[i][q] / a[i][i];
  return out;
}

double spread_of_means(const std::vector<double>& x, const std::vector<double>& y) {
  std::map<double, std::pair<double, int>> groups;
  std::vector<double> ys;
  for (std::size_t r = 0; r < std::min(x.size(), y.size()); ++r) {
    if (!std::isfinite(x[r]) || !std::isfinite(y[r])) continue;
    auto& g = groups[x[r]];
    g.first += y[r];
    ++g.second;
    ys.push_back(y[r]);
  }
  if (groups.size() < 2 || ys.size() < 3) return kNaN;
  double m = 0;
  for (double v : ys) m += v;
  m /= static_cast<double>(ys.size());
  double ss = 0;
  for (double v : ys) ss += (v - m) * (v - m);
  const double sd = std::sqrt(ss / static_cast<double>(ys.size()));
  if (!(sd > 0)) return 0;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& [k, g] : groups) {
    lo = std::min(lo, g.first / g.second);
    hi = std::max(hi, g.first / g.second);
  }
  return (hi - lo) / sd;
}

}  // namespace placesim::analysis
