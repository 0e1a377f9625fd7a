#pragma once
// The sections of the HTML report, one file each (analysis/report_<section>.cpp). Each takes
// the data loaded once by run_data.cpp and returns one <section> of the page; what the file
// does not contain is shown as a note, never estimated. Internal to analysis/report*.cpp.
#include <string>
#include <vector>

#include "analysis/report.hpp"
#include "analysis/run_data.hpp"

namespace placesim::analysis::html {

// A run or comparison run.
std::string headline_section(const RunData& run);
std::string demand_section(const RunData& run);
std::string queue_section(const RunData& run);
std::string crisis_wellbeing_section(const RunData& run);
std::string money_section(const RunData& run);
std::string cost_curve_section(const RunData& run);
// Reads the chosen person's needs element by element from the file.
std::string journey_section(const H5Reader& f, const RunData& run, const ReportOptions& opts);
std::string health_section(const RunData& run);
// The place-level series the health section draws, one per indicator.
std::vector<std::string> health_series();
std::string other_series_section(const RunData& run);
// Outcomes per neighbourhood against deprivation, queues and waits per unit, staff hours by
// activity (analysis/report_where.cpp); reads the (day, neighbourhood) and (day, unit) arrays.
std::string where_section(const H5Reader& f, const RunData& run);
// A table cell with v - base and (if relative) the change in percent of base: the "vs
// baseline" column of a table comparing designs (the baseline is the first design in the file).
// Shares already in percent are compared in points, relative = false.
std::string vs_baseline_cell(double v, double base, int decimals, bool relative = true);
std::string run_report(const H5Reader& f, const ReportOptions& opts);

// A sweep summary.
std::string sweep_report(const H5Reader& f, const ReportOptions& opts);

}  // namespace placesim::analysis::html
