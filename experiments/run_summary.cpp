#include "experiments/run_summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "sim/h5_reader.hpp"
#include "sim/output_schema.hpp"

namespace placesim {
namespace {

enum class Reduce { Final, Mean, Total };

struct CatalogueEntry {
  const char* series;
  Reduce reduce;
  const char* description;
};

// Outcomes that answer the model's questions (MODEL.md sections 1 and 7): how people end up,
// how much crisis and cost it took to get there, and, with the service system, how much of
// the demand was failure demand and what the services spent.
namespace series = schema::series;
constexpr CatalogueEntry kCatalogue[] = {
    {series::kWellbeingMean, Reduce::Final, "mean wellbeing on the last day"},
    {series::kWellbeingP10, Reduce::Final, "10th percentile of wellbeing on the last day"},
    {series::kInCrisis, Reduce::Mean, "people in crisis, mean over days"},
    {series::kNewCrises, Reduce::Total, "crises begun, total over the run"},
    {series::kCrisisCost, Reduce::Total, "cost of crises, total over the run"},
    {series::kPeopleWithCause, Reduce::Final, "people with an unaddressed cause on the last day"},
    {series::kTrustMean, Reduce::Final, "mean trust in services on the last day"},
    {series::kContactsValue, Reduce::Total, "value-demand contacts, total"},
    {series::kContactsFailure, Reduce::Total, "failure-demand contacts, total"},
    {series::kRepeatContacts, Reduce::Total, "repeat contacts, total"},
    {series::kAssessments, Reduce::Total, "assessments, total"},
    {series::kReferrals, Reduce::Total, "referrals, total"},
    {series::kHandoffsLost, Reduce::Total, "referrals that never arrived, total"},
    {series::kQueueLength, Reduce::Mean, "people waiting, mean over days"},
    {series::kMeanWait, Reduce::Mean, "mean wait, mean over days"},
    {series::kFaceToFaceShare, Reduce::Mean, "face-to-face share of staff time, mean over days"},
    {series::kServiceCost, Reduce::Total, "cost of services, total over the run"},
    {series::kCasesOpen, Reduce::Final, "cases open on the last day"},
    {series::kCasesClosed, Reduce::Total, "cases closed, total"},
    {series::kMoraleMean, Reduce::Final, "mean staff morale on the last day"},
};

const char* suffix(Reduce r) {
  switch (r) {
    case Reduce::Final:
      return "_final";
    case Reduce::Mean:
      return "_mean";
    case Reduce::Total:
      return "_total";
  }
  return "";
}

// A total of a daily flow has the flow's unit without "per day".
std::string total_unit(std::string unit) {
  for (const char* tail : {" per day", "/day", " a day"}) {
    const std::string t = tail;
    if (unit.size() >= t.size() && unit.compare(unit.size() - t.size(), t.size(), t) == 0)
      return unit.substr(0, unit.size() - t.size());
  }
  return unit;
}

// The registry's input over a run's series (the lookup must outlive the returned input).
IndicatorInput indicator_input(const SeriesLookup& lookup, double people) {
  IndicatorInput in;
  in.series = [&lookup](const std::string& n) -> const std::vector<double>* {
    const SeriesData* d = lookup(n);
    return d ? &d->values : nullptr;
  };
  in.people = people;
  return in;
}

double reduce(const std::vector<double>& v, Reduce r) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  if (r == Reduce::Final) return v.back();
  double s = 0;
  for (double x : v) s += x;
  return r == Reduce::Total ? s : s / static_cast<double>(v.size());
}

}  // namespace

std::vector<RunOutcome> summarize_arm(const std::string& arm,
                                      const std::vector<std::string>& series_names,
                                      const SeriesLookup& lookup) {
  std::vector<RunOutcome> out;
  auto add = [&](const std::string& series, Reduce r, const std::string& description) {
    const SeriesData* d = lookup(series);
    if (!d) return;
    const std::string name =
        series.rfind(schema::series::kHoursPrefix, 0) == 0 && r == Reduce::Total
            ? series + "_total"
            : series + suffix(r);
    out.push_back({arm + "/" + name, r == Reduce::Total ? total_unit(d->unit) : d->unit,
                   description, reduce(d->values, r)});
  };
  for (const auto& e : kCatalogue) add(e.series, e.reduce, e.description);
  // Failure-demand share has one definition, the indicator's (sim/indicators.cpp: failure
  // contacts over all contacts, totals of the run), the same the report and the checks use.
  for (const auto& ind : indicators())
    if (ind.name == std::string("failure_demand_share"))  // needs no head count
      out.push_back({arm + "/" + ind.name, ind.unit, ind.definition,
                     ind.compute(indicator_input(lookup, std::numeric_limits<double>::quiet_NaN()))});
  // Sorted, so a run in memory and the same run read from its file give the same columns.
  std::vector<std::string> sorted = series_names;
  std::sort(sorted.begin(), sorted.end());
  for (const auto& s : sorted)
    if (s.rfind(schema::series::kHoursPrefix, 0) == 0)
      add(s, Reduce::Total,
          "staff hours on " + s.substr(std::string(schema::series::kHoursPrefix).size()) +
              ", total over the run");
  return out;
}

std::vector<RunOutcome> summarize_indicators(const std::string& arm, const SeriesLookup& lookup,
                                             double people) {
  const IndicatorInput in = indicator_input(lookup, people);
  std::vector<RunOutcome> out;
  for (const auto& ind : indicators())
    out.push_back({arm + "/" + ind.name, ind.unit, ind.definition, ind.compute(in)});
  return out;
}

std::vector<RunOutcome> summarize_run(const ExperimentResult& result) {
  std::vector<RunOutcome> out;
  for (std::size_t a = 0; a < result.sims.size(); ++a) {
    const Recorder& rec = result.sims[a]->recorder();
    std::map<std::string, SeriesData> data;
    std::vector<std::string> names;
    for (std::size_t s = 0; s < rec.place_meta().size(); ++s) {
      names.push_back(rec.place_meta()[s].name);
      data[rec.place_meta()[s].name] = {rec.place_data()[s], rec.place_meta()[s].unit};
    }
    auto arm =
        summarize_arm(result.arms[a].name, names, [&](const std::string& n) -> const SeriesData* {
          auto it = data.find(n);
          return it == data.end() ? nullptr : &it->second;
        });
    out.insert(out.end(), arm.begin(), arm.end());
  }
  return out;
}

namespace {

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto comma = s.find(',', start);
    const auto end = comma == std::string::npos ? s.size() : comma;
    if (end > start) out.push_back(s.substr(start, end - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

std::vector<RunOutcome> summarize_run_file(const std::string& path) {
  namespace S = schema;
  const H5Reader f(path);  // checks the schema version and that the run finished
  const auto arms = f.attr_string("/", S::kArms);
  if (!arms) throw InputError(path + ": has no '" + std::string(S::kArms) + "' attribute");
  std::vector<RunOutcome> out;
  for (const auto& arm : split_commas(*arms)) {
    const std::string group = S::arm_path(arm, S::kSeriesGroup);
    if (!f.is_group(group)) throw InputError(path + ": arm '" + arm + "' has no " + group);
    std::map<std::string, SeriesData> data;
    std::vector<std::string> names = f.children(group);
    for (const auto& n : names) {
      const std::string ds = group + "/" + n;
      data[n] = {f.read_doubles(ds), f.attr_string(ds, S::kUnits).value_or("")};
    }
    auto part = summarize_arm(arm, names, [&](const std::string& n) -> const SeriesData* {
      auto it = data.find(n);
      return it == data.end() ? nullptr : &it->second;
    });
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

}  // namespace placesim
