#pragma once
// What the "where" view of the report reads: per-neighbourhood and per-unit daily series of each
// arm, the deprivation and population of each neighbourhood, and the staff hours by activity.
// Kept apart from run_data.cpp (which every report and `inspect` load) because these (T, K)
// arrays are only needed by one section. Missing data are empty, shown as "not recorded".
#include <map>
#include <string>
#include <vector>

#include "analysis/run_data.hpp"
#include "sim/h5_reader.hpp"

namespace placesim::analysis {

// A (day, column) array: rows are days, columns neighbourhoods or units.
struct Grid {
  std::string name, unit, description;
  std::size_t rows = 0, cols = 0;
  std::vector<double> v;  // row-major
  double at(std::size_t t, std::size_t k) const { return v[t * cols + k]; }
  std::vector<double> column(std::size_t k) const;
};

struct WhereArm {
  std::map<std::string, Grid> neighbourhood;  // /arms/<arm>/neighbourhood/<name>
  std::map<std::string, Grid> units;          // /arms/<arm>/units/<name>
  const Grid* nb(const std::string& name) const;
  const Grid* unit(const std::string& name) const;
};

struct WhereData {
  std::vector<double> deprivation;  // /neighbourhood_deprivation, one per neighbourhood
  std::vector<double> population;   // people living in each neighbourhood (citizens/neighbourhood)
  std::vector<WhereArm> arms;       // in the order of RunData::arms
  std::size_t neighbourhoods() const { return deprivation.size(); }
};

WhereData load_where(const H5Reader& f, const RunData& run);

// Mean of v over its last `window` finite values (all of them if fewer); NaN if none.
double tail_mean(const std::vector<double>& v, std::size_t window);

// Staff hours by activity summed over the run, from the place series hours_<activity>: the
// activities in the order the model lists them (idle and absence included), with each total.
struct ActivityHours {
  std::vector<std::string> activity;
  std::vector<double> hours;
  double paid() const;  // the sum: every paid hour
  double of(const std::string& a) const;  // NaN if the activity is not recorded
};
ActivityHours activity_hours(const ArmData& arm);

}  // namespace placesim::analysis
