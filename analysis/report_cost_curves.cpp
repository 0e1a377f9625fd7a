// Individual cost curves: the cumulative cost of the sampled people, and where designs cross.
#include <algorithm>
#include <cmath>

#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"

namespace placesim::analysis::html {
namespace {

// How many times the p50 curves of a and b change order (days where they are equal are
// skipped, so touching without passing is not a crossing).
int crossings(const CostCurve& a, const CostCurve& b) {
  int n = 0, last = 0;
  for (std::size_t k = 0; k < std::min(a.p50.size(), b.p50.size()); ++k) {
    const double d = b.p50[k] - a.p50[k];
    if (!std::isfinite(d) || d == 0) continue;
    const int sign = d > 0 ? 1 : -1;
    if (last != 0 && sign != last) ++n;
    last = sign;
  }
  return n;
}

}  // namespace

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
    // Medians and means are tested separately: they can disagree (a few expensive people move
    // the mean and not the median), and the text must not say "do not cross" of curves that
    // are drawn crossing.
    for (const bool mean : {false, true}) {
      CostCurve a = curves[0], b = curves[i];
      if (mean) a.p50 = a.mean, b.p50 = b.mean;
      const std::string which = mean ? "mean" : "median";
      const std::string pair = "The " + which + " curves of " + run.arms[0].name + " and " +
                               run.arms[i].name;
      const bool both_zero =
          std::all_of(a.p50.begin(), a.p50.end(), [](double v) { return v == 0; }) &&
          std::all_of(b.p50.begin(), b.p50.end(), [](double v) { return v == 0; });
      if (both_zero) {
        crossing_text += pair + " are both zero throughout (most sampled people cost nothing), "
                         "so they cannot cross. ";
        continue;
      }
      const int n = crossings(a, b);
      if (auto x = crossover(a, b)) {
        const auto day = static_cast<long long>(std::lround(*x));
        c.markers.push_back({*x,
                             (curves.size() > 2 ? run.arms[i].name + ": " : std::string()) +
                                 which + "s cross, day " + std::to_string(day),
                             static_cast<int>(2 * (i - 1)) + (mean ? 1 : 0)});
        crossing_text += pair + (n > 1 ? " first cross" : " cross") + " on about day " +
                         std::to_string(day) +
                         (n > 1 ? " (they cross " + std::to_string(n) + " times)" : "") + ". ";
      } else {
        crossing_text += pair + " do not cross within the run. ";
      }
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
