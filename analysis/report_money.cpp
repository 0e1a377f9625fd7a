// Where the money goes: staff cost by unit beside reactive crisis cost.
#include <algorithm>

#include <cmath>

#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"
#include "analysis/run_data_where.hpp"
#include "sim/output_schema.hpp"

namespace placesim::analysis::html {

namespace {

// One stacked bar per design: the run's staff cost of each unit, and reactive crisis cost.
svg::BarChart cost_bars(const RunData& run, const std::vector<std::string>& unit_names) {
  svg::BarChart b;
  b.id = "chart-money";
  b.title = "Total cost over the run by where it falls";
  b.y_label = "Cost (GBP)";
  for (const auto& a : run.arms) b.groups.push_back(a.name);
  std::size_t colour = 0;
  for (const auto& un : unit_names) {
    svg::BarSegment seg{svg::human_title(un), svg::category_colour(colour++), {}};
    for (const auto& a : run.arms) {
      double v = kNaN;
      for (const auto& u : a.unit_cost)
        if (u.name == un) v = total(u.v);
      seg.values.push_back(v);
    }
    b.segments.push_back(seg);
  }
  if (unit_names.empty()) {
    svg::BarSegment seg{"services (all units)", "#0072B2", {}};
    bool have = false;
    for (const auto& a : run.arms) {
      const Series* sc = a.find(schema::series::kServiceCost);
      have = have || sc;
      seg.values.push_back(sc ? total(sc->v) : kNaN);
    }
    if (have) b.segments.push_back(seg);
  }
  svg::BarSegment crisis{"reactive crisis cost", "#B3261E", {}};
  bool have_crisis = false;
  for (const auto& a : run.arms) {
    const Series* cc = a.find(schema::series::kCrisisCost);
    have_crisis = have_crisis || cc;
    crisis.values.push_back(cc ? total(cc->v) : kNaN);
  }
  if (have_crisis) b.segments.push_back(crisis);
  return b;
}

// Services and crises on separate axes: crisis cost is often a tenth of staff cost and would
// lie flat on a shared one.
std::pair<svg::LineChart, svg::LineChart> cumulative_costs(const RunData& run) {
  svg::LineChart c, k;
  c.id = "chart-cost-shift";
  c.title = "Cumulative cost of services";
  c.x_label = k.x_label = day_label(run);
  c.y_label = "Cumulative staff cost (GBP)";
  k.id = "chart-crisis-cost";
  k.title = "Cumulative reactive crisis cost";
  k.y_label = "Cumulative crisis cost (GBP)";
  for (std::size_t i = 0; i < run.arms.size(); ++i) {
    const ArmData& a = run.arms[i];
    // The same spending as the bars: all units' staff cost if recorded, else service cost.
    std::vector<double> service;
    if (!a.unit_cost.empty()) {
      service.assign(a.unit_cost.front().v.size(), 0.0);
      for (const auto& u : a.unit_cost)
        for (std::size_t t = 0; t < service.size() && t < u.v.size(); ++t) service[t] += u.v[t];
    } else if (const Series* sc = a.find(schema::series::kServiceCost)) {
      service = sc->v;
    }
    if (!service.empty())
      c.lines.push_back(
          {a.name, svg::palette(i), x_axis(run, service.size()), cumulative(service)});
    if (const Series* cc = a.find(schema::series::kCrisisCost))
      k.lines.push_back({a.name, svg::palette(i), x_axis(run, cc->v.size()), cumulative(cc->v)});
  }
  return {c, k};
}

}  // namespace

std::string money_section(const RunData& run) {
  std::string s =
      "<section id=\"money\"><h2>Where the money goes</h2><p class=\"lead\">Cost of "
      "service time by unit and the reactive cost of crises. Costs cut in one place "
      "often reappear in another: compare the whole bar, not one segment.</p><div class=\"grid\">";
  std::vector<std::string> unit_names;
  for (const auto& a : run.arms)
    for (const auto& u : a.unit_cost)
      if (std::find(unit_names.begin(), unit_names.end(), u.name) == unit_names.end())
        unit_names.push_back(u.name);
  const svg::BarChart b = cost_bars(run, unit_names);
  // The bars hold every paid hour; how much of it was idle is stated beside them, so a
  // reader does not take the service cost for work done.
  std::string idle;
  for (const auto& a : run.arms) {
    const ActivityHours h = activity_hours(a);
    const double paid = h.paid(), id = h.of("idle");
    if (paid > 0 && std::isfinite(id))
      idle += (idle.empty() ? "" : ", ") + a.name + " " +
              std::to_string(static_cast<long long>(std::lround(100 * id / paid))) + "%";
  }
  if (!b.segments.empty())
    s += figure(
        b.title, svg::render(b),
        "One bar per design; each segment is a service unit (all its paid staff hours, idle "
        "included: see Where the staff hours go) or reactive crisis cost. A design that is "
        "cheaper in services but dearer in crises has shifted cost, not saved it." +
            (idle.empty() ? std::string()
                          : " Share of paid staff hours that were idle: " + idle + "."));
  const auto [c, k] = cumulative_costs(run);
  if (!c.lines.empty())
    s += figure(c.title, svg::render(c),
                "Spending on the staff of every service unit added up day by day, one line per "
                "design; read it together with the crisis cost beside it.");
  if (!k.lines.empty())
    s += figure(k.title, svg::render(k),
                "Reactive crisis cost added up day by day, one line per design; lower service "
                "spending that is paid back here has shifted cost, not saved it.");
  if (b.segments.empty() && c.lines.empty() && k.lines.empty())
    s += note("Not recorded in this file: no cost series.");
  else if (unit_names.empty() && !run.arms.front().find(schema::series::kServiceCost))
    s += note(
        "Service cost by unit is not recorded in this file (no /arms/<arm>/units and no "
        "service_cost series); only the reactive crisis cost is shown.");
  return s + "</div></section>";
}

}  // namespace placesim::analysis::html
