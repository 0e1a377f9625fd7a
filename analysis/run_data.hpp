#pragma once
// What the report and `placesim inspect` read from an output file, and the figures they derive
// from it. Everything copes with absent datasets (older files, or a model without the service
// system): a missing figure is std::nullopt and is shown as "not recorded", never invented.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/h5_reader.hpp"
#include "sim/indicators.hpp"

namespace placesim::analysis {

struct Series {
  std::string name, unit, description;
  std::vector<double> v;
};

struct Sample {
  std::vector<double> citizen;  // citizen id of each column
  std::vector<double> tick;     // day of each row
  std::vector<double> cost;     // rows x columns, cumulative cost
  std::vector<double> wellbeing;
  std::string cost_unit = "GBP";
  std::size_t rows() const { return tick.size(); }
  std::size_t cols() const { return citizen.size(); }
};

// Cases closed during the run (/arms/<arm>/cases), one entry per case.
struct Cases {
  std::vector<double> citizen, unit, domain, outcome, opened, closed, hours;
  std::map<int, std::string> outcome_names;  // from the outcome_codes attribute, for display
  bool recorded = false;  // the file has a cases group (a model with a service system)
  std::size_t size() const { return citizen.size(); }
};

struct ArmData {
  std::string name;
  std::vector<Series> series;     // /arms/<arm>/series
  std::vector<Series> unit_cost;  // one per service unit, cost per day, from /arms/<arm>/units
  std::map<std::string, Series> citizens;  // per-person final counters
  std::size_t people = 0;
  Sample sample;
  Cases cases;
  std::map<std::string, double> network;  // social-network summary attributes
  // arms/<arm>/indicators: each headline indicator, one value per replicate (empty in files
  // written before replicates: the headline then computes them from the series).
  std::map<std::string, std::vector<double>> indicators;

  const Series* find(const std::string& name) const;
  const Series* find_citizen(const std::string& name) const;
};

struct RunData {
  std::string path;
  std::map<std::string, std::string> prov;  // root attributes as text
  std::vector<double> tick;
  std::string tick_unit = "day";
  std::vector<std::string> unit_names;  // /unit_name: service unit of each column of units/*
  std::vector<ArmData> arms;
  std::size_t replicates = 1;  // root attribute `replicates` (1 in older files)
  // The experiment's expected direction as placesim evaluated it (/checks), clause by clause.
  struct Check {
    std::string clause, left_term, right_term, op, error;
    bool pass = false;
    double mean = 0, low = 0, high = 0;  // left - right: mean over replicates and 95% interval
    std::vector<double> left, right;     // per replicate
  };
  std::string check;  // experiment.check; empty when the file has no /checks
  std::vector<Check> checks;
};

enum class FileKind { kRun, kSweep };
// A sweep summary has a compound table /runs; a run has /arms. Throws InputError otherwise.
FileKind detect_kind(const H5Reader& f);
std::map<std::string, std::string> read_provenance(const H5Reader& f);
RunData load_run(const H5Reader& f);

// A headline figure of each arm, with what it means: one indicator of the registry
// (sim/indicators.hpp), its value per replicate as the file stores it.
struct Headline {
  std::string name, label, unit, definition;
  std::vector<std::optional<double>> value;     // one per arm: mean over replicates
  std::vector<std::vector<double>> replicates;  // one per arm: value of each replicate
  std::string missing_reason = "not recorded";
  Direction direction = Direction::kNone;
  bool percent = false;  // value is a share in [0, 1]
};
std::vector<Headline> headlines(const RunData& run);

// Arm `arm` against arm `base` on one headline: the paired difference (same replicate, so the
// same people and events) with its 95% interval, and the words the report shows.
struct Comparison {
  PairedInterval diff;   // of arm - base
  std::string change;    // "+1.2 points", "-3.4%", "+12"
  std::string interval;  // "95% CI -2.0 to +0.3 points"; or why there is none
  std::string verdict;   // "better", "worse", "no clear difference", "different", or ""
  std::string css;       // "better", "worse" or "" for the cell's class
};
std::optional<Comparison> compare(const Headline& h, std::size_t base, std::size_t arm);
// Formats a difference of a headline (points for shares, the unit's own format otherwise).
std::string format_difference(double d, const Headline& h);
// Formats a headline value with its unit ("£1,234", "12.3%", "5,678").
std::string format_value(double v, const Headline& h);
std::string thousands(double v, int decimals = 0);

// Cumulative-cost curves of the sampled people: median and 10-90% band per sample day.
struct CostCurve {
  std::vector<double> tick, p10, p50, p90, mean;
};
CostCurve cost_curve(const Sample& s);
// First day after which the median curve of b crosses that of a (linear interpolation between
// sample days); nullopt if they never cross.
std::optional<double> crossover(const CostCurve& a, const CostCurve& b);

// The person shown in the journey view: the requested citizen id, or else the sampled person
// with the most contacts summed over the arms (or the first sampled person, if no contacts).
// Throws InputError naming --person, the value and the valid range if the requested id is not a
// citizen of the run.
std::optional<long long> pick_person(const RunData& run, std::optional<long long> requested);

// ----- sweep summaries -----

enum class Role { kMeta, kParameter, kOutcome };

struct SweepColumn {
  std::string name, unit;
  Role role = Role::kMeta;
  bool numeric = true;
  std::vector<double> v;
  std::vector<std::string> text;
};

struct SweepData {
  std::string path;
  std::map<std::string, std::string> prov;
  std::size_t rows = 0;
  std::vector<SweepColumn> cols;
  std::vector<std::string> arm;  // per row; empty strings when the table has no arm column
  std::vector<bool> ok;          // per row: the run succeeded
  std::vector<const SweepColumn*> of(Role r) const;
};
SweepData load_sweep(const H5Reader& f);

// Standardised regression coefficients of y on the columns of x (all z-scored), by least
// squares. A constant or collinear column gets NaN. Needs more rows than columns + 1; with
// fewer, every coefficient is NaN.
std::vector<double> standardised_coefficients(const std::vector<std::vector<double>>& x,
                                              const std::vector<double>& y);
// Spread of the mean of y across the distinct values of x, over the standard deviation of y:
// a model-free influence measure for a factorial design.
double spread_of_means(const std::vector<double>& x, const std::vector<double>& y);

double quantile(std::vector<double> v, double q);  // NaNs dropped; NaN if empty

}  // namespace placesim::analysis
