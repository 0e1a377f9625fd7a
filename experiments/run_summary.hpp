#pragma once
// Headline outcomes of one finished run, one number per (arm, outcome), with units: the
// columns of a sweep's summary table. Computed from the recorded daily series, so the same
// function serves a run still in memory and a run read back from its HDF5 file, and a resumed
// sweep gives exactly the numbers an uninterrupted one would.
#include <functional>
#include <string>
#include <vector>

#include "sim/indicators.hpp"
#include "sim/runner.hpp"

namespace placesim {

struct RunOutcome {
  std::string name;  // "<arm>/<outcome>", e.g. "silo/crisis_cost_total"
  std::string unit;
  std::string description;
  double value = 0;
};

// A daily place-level series of one arm: its values and unit, or nullptr when the run did not
// record it (files from before the service system have no service series).
struct SeriesData {
  std::vector<double> values;
  std::string unit;
};
using SeriesLookup = std::function<const SeriesData*(const std::string& series)>;

// Outcomes of one arm, in catalogue order; outcomes whose series is absent are left out.
// Series named hours_<activity> are totalled as they come.
std::vector<RunOutcome> summarize_arm(const std::string& arm,
                                      const std::vector<std::string>& series_names,
                                      const SeriesLookup& lookup);

// The headline indicators of one arm (sim/indicators.hpp: the ONE definition each, the same
// the report and the preset checks use), named "<arm>/<indicator>". For the sweep summary:
// a column per indicator without a second definition of any of them.
std::vector<RunOutcome> summarize_indicators(const std::string& arm, const SeriesLookup& lookup,
                                             double people);

// Every arm of a run held in memory.
std::vector<RunOutcome> summarize_run(const ExperimentResult& result);

// Every arm of a run read back from its output file (sim/output_file.hpp). Throws
// std::runtime_error when the file cannot be read or is not complete.
std::vector<RunOutcome> summarize_run_file(const std::string& path);

}  // namespace placesim
