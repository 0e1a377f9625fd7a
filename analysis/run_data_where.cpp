#include "analysis/run_data_where.hpp"

#include <cmath>
#include <limits>

#include "sim/output_schema.hpp"

namespace placesim::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Every 2-D numeric dataset of a group, shape (T, K), read whole.
std::map<std::string, Grid> read_grids(const H5Reader& f, const std::string& group) {
  std::map<std::string, Grid> out;
  if (!f.is_group(group)) return out;
  for (const auto& name : f.children(group)) {
    const std::string p = group + "/" + name;
    if (!f.is_dataset(p)) continue;
    const auto d = f.dims(p);
    const std::string t = f.type_name(p);
    const bool numeric = t.rfind("int", 0) == 0 || t.rfind("uint", 0) == 0 || t.rfind("float", 0) == 0;
    if (d.size() != 2 || !numeric) continue;
    Grid g;
    g.name = name;
    g.rows = d[0];
    g.cols = d[1];
    g.v = f.read_doubles(p);
    if (g.v.size() != g.rows * g.cols) continue;
    g.unit = f.attr_string(p, schema::kUnits).value_or("");
    g.description = f.attr_string(p, schema::kDescription).value_or("");
    out.emplace(name, std::move(g));
  }
  return out;
}

// The nine activities of docs/output.md in the order a reader meets them: time with the person,
// then the paperwork and logistics around it, then time paid but not worked.
constexpr const char* kActivities[] = {"face_to_face", "assessment", "recording",
                                       "handoff",      "coordination", "travel",
                                       "waiting",      "absence",    "idle"};

}  // namespace

std::vector<double> Grid::column(std::size_t k) const {
  std::vector<double> out(rows, kNaN);
  if (k < cols)
    for (std::size_t t = 0; t < rows; ++t) out[t] = at(t, k);
  return out;
}

const Grid* WhereArm::nb(const std::string& name) const {
  const auto it = neighbourhood.find(name);
  return it == neighbourhood.end() ? nullptr : &it->second;
}

const Grid* WhereArm::unit(const std::string& name) const {
  const auto it = units.find(name);
  return it == units.end() ? nullptr : &it->second;
}

WhereData load_where(const H5Reader& f, const RunData& run) {
  WhereData w;
  if (f.is_dataset(schema::kNeighbourhoodDeprivation) &&
      f.dims(schema::kNeighbourhoodDeprivation).size() == 1)
    w.deprivation = f.read_doubles(schema::kNeighbourhoodDeprivation);
  for (const auto& a : run.arms) {
    WhereArm wa;
    wa.neighbourhood = read_grids(f, schema::arm_path(a.name, schema::kNeighbourhoodGroup));
    wa.units = read_grids(f, schema::arm_path(a.name, schema::kUnitsGroup));
    w.arms.push_back(std::move(wa));
  }
  // Every arm has the same people in the same neighbourhoods (common random numbers), so the
  // first arm's citizens give each neighbourhood's population.
  const std::string cp = schema::arm_path(run.arms.front().name, schema::kCitizensGroup) + "/" +
                         schema::citizens::kNeighbourhood;
  if (!w.deprivation.empty() && f.is_dataset(cp) && f.dims(cp).size() == 1) {
    w.population.assign(w.deprivation.size(), 0.0);
    for (double nb : f.read_doubles(cp))
      if (nb >= 0 && nb < static_cast<double>(w.population.size()))
        w.population[static_cast<std::size_t>(nb)] += 1;
  }
  return w;
}

double tail_mean(const std::vector<double>& v, std::size_t window) {
  double s = 0;
  std::size_t n = 0;
  for (std::size_t i = v.size(); i-- > 0 && n < window;)
    if (std::isfinite(v[i])) s += v[i], ++n;
  return n ? s / static_cast<double>(n) : kNaN;
}

double ActivityHours::paid() const {
  double s = 0;
  for (double h : hours) s += h;
  return s;
}

double ActivityHours::of(const std::string& a) const {
  for (std::size_t i = 0; i < activity.size(); ++i)
    if (activity[i] == a) return hours[i];
  return kNaN;
}

ActivityHours activity_hours(const ArmData& arm) {
  ActivityHours out;
  for (const char* act : kActivities)
    if (const Series* s = arm.find(std::string(schema::series::kHoursPrefix) + act)) {
      double total = 0;
      for (double x : s->v)
        if (std::isfinite(x)) total += x;
      out.activity.push_back(act);
      out.hours.push_back(total);
    }
  return out;
}

}  // namespace placesim::analysis
