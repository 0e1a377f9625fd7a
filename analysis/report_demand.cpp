// Demand on services: value and failure demand per design, and the failure-demand share.
#include <algorithm>

#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"
#include "sim/output_schema.hpp"

namespace placesim::analysis::html {
namespace {
constexpr std::size_t kStartupDays = 14;
}  // namespace

std::string demand_section(const RunData& run) {
  std::string s =
      "<section id=\"demand\"><h2>Demand on services</h2><p class=\"lead\">Every "
      "contact is classified as value demand (a new request) or failure demand "
      "(caused by a failure to do something, or to do it right, for the person).</p><div "
      "class=\"grid\">";
  bool any = false;
  // The axis is set by the days after the start-up wave (kStartupDays): on the first days
  // everyone whose needs start above their help-seeking threshold asks at once, and that spike,
  // several times the steady level, would squeeze the rest of the run into the bottom of the
  // chart. Higher values on the first days are drawn along the top edge and the guide says so.
  double top = 0, startup_top = 0;
  for (const auto& a : run.arms) {
    const Series* v = a.find(schema::series::kContactsValue);
    const Series* f = a.find(schema::series::kContactsFailure);
    if (!v || !f) continue;
    const std::size_t n = std::min(v->v.size(), f->v.size());
    const std::size_t skip = n > 2 * kStartupDays ? kStartupDays : 0;
    for (std::size_t t = 0; t < n; ++t) {
      double& highest = t < skip ? startup_top : top;
      highest = std::max(highest, v->v[t] + f->v[t]);
    }
  }
  const bool capped = startup_top > top && top > 0;
  for (std::size_t i = 0; i < run.arms.size(); ++i) {
    const ArmData& a = run.arms[i];
    const Series* v = a.find(schema::series::kContactsValue);
    const Series* f = a.find(schema::series::kContactsFailure);
    if (!v || !f) continue;
    any = true;
    svg::LineChart c;
    c.id = "chart-demand-" + slug(a.name);
    c.title = "Demand, " + a.name;
    c.x_label = day_label(run);
    c.y_label = with_unit("Contacts", v->unit);
    const auto x = x_axis(run, v->v.size());
    std::vector<double> zero(v->v.size(), 0.0), stacked(v->v.size());
    for (std::size_t t = 0; t < v->v.size() && t < f->v.size(); ++t) stacked[t] = v->v[t] + f->v[t];
    c.y_max = top;  // the same scale for every design
    if (capped) c.y_cap = top;
    c.bands.push_back({"value demand", "#4C9F70", x, zero, v->v, 0.55});
    c.bands.push_back({"failure demand", "#C8553D", x, v->v, stacked, 0.55});
    std::string guide =
        "The green area is new requests, the red area stacked on top is failure demand; a "
        "growing red area means the system is creating its own work.";
    if (capped)
      guide += " The axis is scaled to the days after the first " + std::to_string(kStartupDays) +
               " (the start-up wave): on those days contacts reach " + thousands(startup_top) +
               " a day in the busiest design, drawn cut off at the top edge.";
    s += figure(c.title, svg::render(c), guide);
  }
  // Daily shares of a handful of contacts jump between 0 and 1; a rolling week reads better.
  svg::LineChart share;
  share.id = "chart-failure-share";
  share.title = "Failure demand share (rolling 7 days)";
  share.x_label = day_label(run);
  share.y_label = "Share of contacts (share 0-1)";
  for (std::size_t i = 0; i < run.arms.size(); ++i) {
    const Series* v = run.arms[i].find(schema::series::kContactsValue);
    const Series* f = run.arms[i].find(schema::series::kContactsFailure);
    if (!v || !f || v->v.size() != f->v.size()) continue;
    std::vector<double> y(v->v.size(), kNaN);
    double sv = 0, sf = 0;
    for (std::size_t t = 0; t < v->v.size(); ++t) {
      sv += v->v[t];
      sf += f->v[t];
      if (t >= 7) {
        sv -= v->v[t - 7];
        sf -= f->v[t - 7];
      }
      if (t >= 6 && sv + sf > 0) y[t] = sf / (sv + sf);
    }
    share.lines.push_back({run.arms[i].name, svg::palette(i), x_axis(run, y.size()), y});
  }
  if (!share.lines.empty()) {
    any = true;
    s += figure(share.title, svg::render(share),
                "Failure demand as a share of all contacts over the previous seven days, one line "
                "per design; lower is better, and a rising line means unresolved problems are "
                "coming back.");
  }
  if (!any)
    s += note(
        "Not recorded in this file: no contacts_value / contacts_failure series (the "
        "model that wrote it has no service system, or an older output schema).");
  return s + "</div></section>";
}

}  // namespace placesim::analysis::html
