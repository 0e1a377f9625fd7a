#pragma once
// The headline indicators: ONE definition of each, as one function of an arm's recorded daily
// series. The output file stores their value per replicate (sim/replicate_output.hpp); the
// report, `inspect`, the preset checks and the sweep summary read those values or call these
// functions, never a definition of their own. Each declares whether lower or higher is better,
// or neither: "better" is only ever said where the indicator declares it.
#include <functional>
#include <string>
#include <vector>

namespace placesim {

enum class Direction { kLowerBetter, kHigherBetter, kNone };
const char* direction_name(Direction d);  // "lower_better", "higher_better", "none"

// What an indicator reads: daily place series by name (nullptr when the run did not record
// it) and the number of people in the place.
struct IndicatorInput {
  std::function<const std::vector<double>*(const std::string&)> series;
  double people = 0;
};

struct Indicator {
  const char* name;   // dataset name under arms/ARM/indicators
  const char* label;  // shown in the report
  const char* unit;
  const char* definition;  // one sentence, shown beside the value
  Direction direction;
  bool percent;       // a share in [0, 1], shown as a percentage
  const char* needs;  // the series it reads, for "not recorded (no ... in this file)"
  // NaN when a series it needs is absent (an older file, or a model without services).
  double (*compute)(const IndicatorInput&);
};

// Every headline indicator, in the order the report shows them.
const std::vector<Indicator>& indicators();
const Indicator* find_indicator(const std::string& name);

// 95% interval of the mean of paired differences b[r] - a[r] (Student t, n - 1 degrees of
// freedom). With fewer than 2 pairs, or a non-finite value, low and high are NaN.
struct PairedInterval {
  std::size_t n = 0;
  double mean = 0, low = 0, high = 0;
  bool has_interval() const;
  bool holds_zero() const;  // the interval contains 0 (no clear difference)
};
PairedInterval paired_interval(const std::vector<double>& a, const std::vector<double>& b);
// Two-sided 97.5% quantile of Student's t with df degrees of freedom (df >= 1).
double t975(std::size_t df);

}  // namespace placesim
