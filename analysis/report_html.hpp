#pragma once
// Building blocks shared by the sections of the HTML report: captioned figures, notes, the
// day axis, and the page frame (head, header, navigation, provenance footer). Internal to
// analysis/report*.cpp.
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/report.hpp"
#include "analysis/run_data.hpp"
#include "analysis/svg_chart.hpp"

namespace placesim::analysis::html {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using svg::esc;

// Lower-case letters and digits joined by '-', for element ids.
std::string slug(const std::string& s);
// "What (unit)", or just "What" without a unit.
std::string with_unit(const std::string& what, const std::string& unit);
std::string prov_get(const std::map<std::string, std::string>& prov, const std::string& k);

std::string figure(const std::string& title, const std::string& svg_text, const std::string& guide);
std::string note(const std::string& text);

// The day of each row of a series of length n: /tick when it matches, else 0, 1, 2, ...
std::vector<double> x_axis(const RunData& run, std::size_t n);
std::string day_label(const RunData& run);
double total(const std::vector<double>& v);  // NaNs skipped
std::vector<double> cumulative(const std::vector<double>& v);
// One line per arm for a place series; nullopt when no arm recorded it.
std::optional<svg::LineChart> arms_chart(const RunData& run, const std::string& series,
                                         const std::string& id, const std::string& title,
                                         const std::string& what);

// The experiment's own words from the resolved configuration stored in the file.
struct ExperimentText {
  std::string title, question, look_at, expected;
  std::string problem;  // why the configuration could not be read; empty if it was
};
ExperimentText experiment_text(const std::string& config_toml);

std::string page_head(const std::string& title);
// `sub` is HTML (already escaped).
std::string header_block(const std::string& title, const std::string& sub, const ExperimentText& e);
std::string nav(const std::vector<std::pair<std::string, std::string>>& items);
std::string footer(const std::map<std::string, std::string>& prov, const std::string& path,
                   const ReportOptions& opts);

}  // namespace placesim::analysis::html
