#include "experiments/run_summary.hpp"

#include <H5Cpp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

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
constexpr CatalogueEntry kCatalogue[] = {
    {"wellbeing_mean", Reduce::Final, "mean wellbeing on the last day"},
    {"wellbeing_p10", Reduce::Final, "10th percentile of wellbeing on the last day"},
    {"in_crisis", Reduce::Mean, "people in crisis, mean over days"},
    {"new_crises", Reduce::Total, "crises begun, total over the run"},
    {"crisis_cost", Reduce::Total, "cost of crises, total over the run"},
    {"people_with_cause", Reduce::Final, "people with an unaddressed cause on the last day"},
    {"trust_mean", Reduce::Final, "mean trust in services on the last day"},
    {"contacts_value", Reduce::Total, "value-demand contacts, total"},
    {"contacts_failure", Reduce::Total, "failure-demand contacts, total"},
    {"failure_demand_share", Reduce::Mean,
     "share of contacts that are failure demand, mean over days"},
    {"repeat_contacts", Reduce::Total, "repeat contacts, total"},
    {"assessments", Reduce::Total, "assessments, total"},
    {"referrals", Reduce::Total, "referrals, total"},
    {"handoffs_lost", Reduce::Total, "referrals that never arrived, total"},
    {"queue_length", Reduce::Mean, "people waiting, mean over days"},
    {"mean_wait", Reduce::Mean, "mean wait, mean over days"},
    {"face_to_face_share", Reduce::Mean, "face-to-face share of staff time, mean over days"},
    {"service_cost", Reduce::Total, "cost of services, total over the run"},
    {"cases_open", Reduce::Final, "cases open on the last day"},
    {"cases_closed", Reduce::Total, "cases closed, total"},
    {"morale_mean", Reduce::Final, "mean staff morale on the last day"},
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
    const std::string name = series.rfind("hours_", 0) == 0 && r == Reduce::Total
                                 ? series + "_total"
                                 : series + suffix(r);
    out.push_back({arm + "/" + name, r == Reduce::Total ? total_unit(d->unit) : d->unit,
                   description, reduce(d->values, r)});
  };
  for (const auto& e : kCatalogue) add(e.series, e.reduce, e.description);
  // Sorted, so a run in memory and the same run read from its file give the same columns.
  std::vector<std::string> sorted = series_names;
  std::sort(sorted.begin(), sorted.end());
  for (const auto& s : sorted)
    if (s.rfind("hours_", 0) == 0)
      add(s, Reduce::Total, "staff hours on " + s.substr(6) + ", total over the run");
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

std::string read_str_attr(const H5::H5Object& obj, const std::string& name) {
  H5::Attribute a = obj.openAttribute(name);
  std::string s;
  a.read(a.getStrType(), s);
  return s;
}

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
  H5::Exception::dontPrint();
  std::vector<RunOutcome> out;
  try {
    H5::H5File f(path, H5F_ACC_RDONLY);
    H5::Group root = f.openGroup("/");
    if (!root.attrExists("complete"))
      throw std::runtime_error(path + ": output file is not complete");
    for (const auto& arm : split_commas(read_str_attr(root, "arms"))) {
      H5::Group series = f.openGroup("/arms/" + arm + "/series");
      std::map<std::string, SeriesData> data;
      std::vector<std::string> names;
      for (hsize_t i = 0; i < series.getNumObjs(); ++i) {
        const std::string n = series.getObjnameByIdx(i);
        H5::DataSet ds = series.openDataSet(n);
        SeriesData d;
        d.values.resize(static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints()));
        if (!d.values.empty()) ds.read(d.values.data(), H5::PredType::NATIVE_DOUBLE);
        if (ds.attrExists("units")) d.unit = read_str_attr(ds, "units");
        names.push_back(n);
        data[n] = std::move(d);
      }
      auto part = summarize_arm(arm, names, [&](const std::string& n) -> const SeriesData* {
        auto it = data.find(n);
        return it == data.end() ? nullptr : &it->second;
      });
      out.insert(out.end(), part.begin(), part.end());
    }
  } catch (const H5::Exception& e) {
    throw std::runtime_error(path + ": cannot read run output: " + e.getDetailMsg());
  }
  return out;
}

}  // namespace placesim
