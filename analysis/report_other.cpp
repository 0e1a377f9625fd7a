// Everything else recorded: a small chart of every place-level series no other section draws.
#include <algorithm>
#include <set>

#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"
#include "sim/output_schema.hpp"

namespace placesim::analysis::html {

std::string other_series_section(const RunData& run) {
  namespace k = schema::series;
  // Series drawn by the sections above.
  std::set<std::string> shown = {k::kContactsValue, k::kContactsFailure, k::kFailureDemandShare,
                                 k::kQueueLength,   k::kMeanWait,        k::kInCrisis,
                                 k::kWellbeingMean, k::kWellbeingP10,    k::kWellbeingP50,
                                 k::kWellbeingP90,  k::kCrisisCost,      k::kServiceCost};
  for (const auto& n : health_series()) shown.insert(n);
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
    auto c = arms_chart(run, n, "series-" + slug(n), n, n);
    if (!c) continue;
    c->width = 420;
    c->height = 250;
    c->zero_based = false;
    s += figure(n, svg::render(*c), desc.empty() ? "Each line is one design." : desc);
  }
  return s + "</div></section>";
}

}  // namespace placesim::analysis::html
