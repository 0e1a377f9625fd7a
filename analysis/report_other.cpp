// Everything else recorded: a small chart of every place-level series no other section draws.
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"
#include "sim/output_schema.hpp"

namespace placesim::analysis::html {
namespace {
constexpr std::size_t kStartupDays = 14;  // the demand section's start-up window
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

std::string other_series_section(const RunData& run) {
  namespace k = schema::series;
  // Series drawn by the sections above.
  std::set<std::string> shown = {k::kContactsValue, k::kContactsFailure, k::kFailureDemandShare,
                                 k::kQueueLength,   k::kMeanWait,        k::kInCrisis,
                                 k::kWellbeingMean, k::kWellbeingP10,    k::kWellbeingP50,
                                 k::kWellbeingP90,  k::kCrisisCost,      k::kServiceCost};
  for (const auto& n : health_series()) shown.insert(n);
  // The where view draws the staff hours by activity (summed over the run, per design).
  for (const auto& a : run.arms)
    for (const auto& sr : a.series)
      if (sr.name.rfind(k::kHoursPrefix, 0) == 0) shown.insert(sr.name);
  std::vector<std::string> names;
  for (const auto& a : run.arms)
    for (const auto& sr : a.series)
      if (!shown.count(sr.name) && std::find(names.begin(), names.end(), sr.name) == names.end())
        names.push_back(sr.name);
  if (names.empty()) return "";
  std::string s =
      "<section id=\"other\"><h2>Everything else recorded</h2><p class=\"lead\">Every "
      "other place-level series in the file, one small chart each, with the "
      "description the model recorded.</p><div class=\"grid small\">";
  for (const auto& n : names) {
    std::string desc;
    for (const auto& a : run.arms)
      if (const Series* sr = a.find(n)) desc = sr->description;
    // Titles in words, not the dataset's snake_case name; the name stays in the guide so a
    // reader can find the series in the file.
    const std::string title = svg::human_title(n);
    auto c = arms_chart(run, n, "series-" + slug(n), title, title);
    if (!c) continue;
    c->width = 420;
    c->height = 250;
    c->zero_based = false;
    std::string guide = (desc.empty() ? std::string("Each line is one design.") : desc) +
                        " (series " + n + ")";
    // As in the demand charts: a start-up spike more than twice the rest of the run does not
    // set the axis; it is drawn along the top edge and the guide gives its peak.
    double later = -kInf, early = -kInf;
    for (const auto& l : c->lines) {
      const std::size_t skip = l.y.size() > 2 * kStartupDays ? kStartupDays : 0;
      for (std::size_t t = 0; t < l.y.size(); ++t) {
        if (!std::isfinite(l.y[t])) continue;
        double& highest = t < skip ? early : later;
        highest = std::max(highest, l.y[t]);
      }
    }
    if (later > 0 && early > 2 * later) {
      c->y_cap = later;
      guide += ". The axis is scaled to the days after the first " + std::to_string(kStartupDays) +
               " (the start-up wave); on those days it reaches " + svg::short_num(early) +
               ", drawn cut off at the top edge.";
    }
    s += figure(title, svg::render(*c), guide);
  }
  return s + "</div></section>";
}

}  // namespace placesim::analysis::html
