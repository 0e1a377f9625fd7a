// Individual cost curves: the cumulative cost of the sampled people, and where designs cross.
#include <algorithm>
#include <cmath>

#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"

namespace placesim::analysis::html {

std::string cost_curve_section(const RunData& run) {
  std::string s =
      "<section id=\"cost-curves\"><h2>Individual cost curves</h2><p class=\"lead\">"
      "Cumulative cost attributed to each sampled person (service time and reactive crisis use), "
      "summarised across the sample: the median person, the mean and the 10-90% range.</p><div "
      "class=\"grid one\">";
  svg::LineChart c;
  c.id = "chart-cost-curves";
  c.title = "Cumulative cost per person";
  c.x_label = day_label(run);
  std::vector<CostCurve> curves;
  std::string unit = "GBP";
  for (std::size_t i = 0; i < run.arms.size(); ++i) {
    curves.push_back(cost_curve(run.arms[i].sample));
    const CostCurve& cc = curves.back();
    if (cc.tick.empty()) continue;
    unit = run.arms[i].sample.cost_unit;
    c.bands.push_back({run.arms.size() == 1 ? "10-90% of people" : run.arms[i].name + " 10-90%",
                       svg::palette(i), cc.tick, cc.p10, cc.p90, 0.15});
    c.lines.push_back({run.arms[i].name + " median", svg::palette(i), cc.tick, cc.p50});
    c.lines.push_back({run.arms[i].name + " mean", svg::palette(i), cc.tick, cc.mean, true, 1.5});
  }
  c.y_label = with_unit("Cumulative cost per person", unit);
  std::string crossing_text;
  for (std::size_t i = 1; i < curves.size(); ++i) {
    if (curves[0].tick.empty() || curves[i].tick.empty()) continue;
    // Where most people cost nothing the medians lie at zero together; the means still cross.
    const bool flat =
        std::all_of(curves[0].p50.begin(), curves[0].p50.end(), [](double v) { return v == 0; }) &&
        std::all_of(curves[i].p50.begin(), curves[i].p50.end(), [](double v) { return v == 0; });
    CostCurve a = curves[0], b = curves[i];
    if (flat) a.p50 = a.mean, b.p50 = b.mean;
    const std::string which = flat ? "mean" : "median";
    if (auto x = crossover(a, b)) {
      c.markers.push_back(
          {*x, "crossover day " + std::to_string(static_cast<long long>(std::lround(*x)))});
      crossing_text += "The " + which + " curves of " + run.arms[0].name + " and " +
                       run.arms[i].name + " cross on about day " +
                       std::to_string(static_cast<long long>(std::lround(*x))) + ". ";
    } else {
      crossing_text += "The " + which + " curves of " + run.arms[0].name + " and " +
                       run.arms[i].name + " do not cross within the run. ";
    }
  }
  if (c.lines.empty()) {
    s += note("Not recorded in this file: no per-person cost sample (/arms/<arm>/sample/cost).");
  } else {
    s += figure(
        c.title, svg::render(c),
        "Solid lines are the median sampled person of each design, dashed lines the mean, and "
        "the shaded band holds the middle 80% of people; where the lines cross, the design "
        "that cost more at the start becomes the cheaper one. " +
            crossing_text);
  }
  return s + "</div></section>";
}

}  // namespace placesim::analysis::html
