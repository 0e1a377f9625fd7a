// People in crisis, and the spread of wellbeing.

#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"
#include "sim/output_schema.hpp"

namespace placesim::analysis::html {

std::string crisis_wellbeing_section(const RunData& run) {
  std::string s =
      "<section id=\"wellbeing\"><h2>People in crisis and wellbeing</h2><p class=\"lead\">"
      "What happens to the people: crisis is when any need passes the crisis level; "
      "wellbeing is 1 minus the root mean square of the eight needs.</p><div class=\"grid\">";
  if (auto c = arms_chart(run, schema::series::kInCrisis, "chart-crisis", "People in crisis",
                          "People in crisis"))
    s += figure(c->title, svg::render(*c),
                "People with at least one need in crisis on each day; each line is one design, "
                "lower is better.");
  else
    s += note("Not recorded in this file: no in_crisis series.");
  svg::LineChart w;
  w.id = "chart-wellbeing";
  w.title = "Wellbeing: mean and spread";
  w.x_label = day_label(run);
  w.zero_based = false;
  std::string unit;
  for (std::size_t i = 0; i < run.arms.size(); ++i) {
    const ArmData& a = run.arms[i];
    const Series* m = a.find(schema::series::kWellbeingMean);
    const Series* p10 = a.find(schema::series::kWellbeingP10);
    const Series* p50 = a.find(schema::series::kWellbeingP50);
    const Series* p90 = a.find(schema::series::kWellbeingP90);
    const std::string col = svg::palette(i);
    if (p10 && p90)
      w.bands.push_back({run.arms.size() > 1 ? "" : "10th-90th percentile", col,
                         x_axis(run, p10->v.size()), p10->v, p90->v, 0.14});
    if (m) {
      unit = m->unit;
      w.lines.push_back({a.name + " mean", col, x_axis(run, m->v.size()), m->v});
    }
    if (p50)
      w.lines.push_back({a.name + " median", col, x_axis(run, p50->v.size()), p50->v, true, 1.5});
  }
  w.y_label = with_unit("Wellbeing", unit);
  if (!w.lines.empty() || !w.bands.empty())
    s += figure(w.title, svg::render(w),
                "Solid lines are the mean, dashed the median and the shaded band runs from the "
                "10th to the 90th percentile: a band widening downwards means some people are "
                "being left behind.");
  else
    s += note("Not recorded in this file: no wellbeing series.");
  return s + "</div></section>";
}

}  // namespace placesim::analysis::html
