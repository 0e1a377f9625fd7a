// Where: outcomes neighbourhood by neighbourhood against deprivation, queues and waits unit by
// unit, and where the staff hours go (idle included). Every design on the same axes, so a
// difference between designs is a difference in one place, not an average hiding two.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"
#include "analysis/run_data_where.hpp"
#include "sim/output_schema.hpp"

namespace placesim::analysis::html {
namespace {

// Neighbourhood outcomes are averaged over the last 90 days (the whole run if shorter): a
// neighbourhood holds a few hundred people, so one day's count of people in crisis is a handful
// and jumps; 90 days is the window of the model's own windowed measures (docs/output.md).
constexpr std::size_t kWindowDays = 90;
// The neighbourhood and unit grids draw weekly means: daily values of a few people are noise.
constexpr std::size_t kWeek = 7;

std::string swatch(std::size_t i) {
  return "<span class=\"swatch\" style=\"background:" + svg::palette(i) + "\"></span>";
}

std::string fmt(double v, int decimals) {
  if (!std::isfinite(v)) return "–";
  return thousands(v, decimals);
}

// Weekly means of a daily series, placed at the middle day of each week.
std::pair<std::vector<double>, std::vector<double>> weekly(const std::vector<double>& x,
                                                           const std::vector<double>& y) {
  std::vector<double> wx, wy;
  for (std::size_t t0 = 0; t0 < y.size(); t0 += kWeek) {
    double s = 0, sx = 0;
    std::size_t n = 0;
    for (std::size_t t = t0; t < std::min(y.size(), t0 + kWeek); ++t)
      if (std::isfinite(y[t])) s += y[t], sx += t < x.size() ? x[t] : static_cast<double>(t), ++n;
    if (n == 0) continue;
    wx.push_back(sx / static_cast<double>(n));
    wy.push_back(s / static_cast<double>(n));
  }
  return {wx, wy};
}

std::string window_words(const RunData& run) {
  const std::size_t days = run.tick.size();
  return days <= kWindowDays ? "over the whole run (" + std::to_string(days) + " days)"
                             : "over the last " + std::to_string(kWindowDays) + " days";
}

// ----- neighbourhoods -----

struct NbOutcome {
  const char* series;  // /arms/<arm>/neighbourhood/<series>
  const char* id;
  const char* title;
  const char* axis;        // with per_1000 and a known population (the unit says per what)
  const char* plain_axis;  // without
  bool per_1000 = false;     // divide by the neighbourhood's population, x 1,000
  bool run_total = false;    // sum over the whole run (a cost) rather than a window mean
  bool zero_based = true;
  const char* guide;
};

const std::vector<NbOutcome>& nb_outcomes() {
  static const std::vector<NbOutcome> k = {
      {schema::series::kInCrisis, "where-dep-crisis", "People in crisis by deprivation",
       "People in crisis", "People in crisis", true, false, true,
       "Each dot is one neighbourhood: people with a need in crisis per 1,000 residents, mean "
       "per day "},
      {schema::series::kWellbeingMean, "where-dep-wellbeing", "Wellbeing by deprivation",
       "Mean wellbeing", "Mean wellbeing", false, false, false,
       "Each dot is one neighbourhood: its residents' mean wellbeing (1 = every need fine), "
       "mean per day "},
      {"need_mean", "where-dep-need", "Need by deprivation", "Mean need", "Mean need", false, false, false,
       "Each dot is one neighbourhood: its residents' mean need over all domains (0 fine, 1 "
       "crisis), mean per day "},
      {schema::series::kCrisisCost, "where-dep-crisis-cost", "Crisis cost by deprivation",
       "Crisis cost", "Crisis cost", true, true, true,
       "Each dot is one neighbourhood: reactive crisis cost over the whole run per resident"},
  };
  return k;
}

std::string deprivation_charts(const RunData& run, const WhereData& w) {
  const std::size_t nbs = w.neighbourhoods();
  std::string s;
  std::vector<std::size_t> order(nbs);
  for (std::size_t k = 0; k < nbs; ++k) order[k] = k;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return w.deprivation[a] < w.deprivation[b]; });
  const bool have_pop =
      w.population.size() == nbs &&
      std::all_of(w.population.begin(), w.population.end(), [](double p) { return p > 0; });
  for (const auto& o : nb_outcomes()) {
    svg::LineChart c;
    c.id = o.id;
    c.title = o.title;
    c.x_label = "Deprivation of the neighbourhood (index 0-1)";
    c.zero_based = o.zero_based;
    std::string unit;
    const bool scale = o.per_1000 && have_pop;
    for (std::size_t i = 0; i < run.arms.size(); ++i) {
      const Grid* g = w.arms[i].nb(o.series);
      if (!g || g->cols != nbs || g->rows == 0) continue;
      unit = g->unit;
      std::vector<double> x, y;
      for (std::size_t k : order) {
        const auto col = g->column(k);
        double v = o.run_total ? total(col) : tail_mean(col, kWindowDays);
        if (scale) v = v / w.population[k] * (o.run_total ? 1.0 : 1000.0);
        x.push_back(w.deprivation[k]);
        y.push_back(v);
      }
      svg::Line l{run.arms[i].name, svg::palette(i), x, y};
      l.dots = true;
      c.lines.push_back(std::move(l));
    }
    if (c.lines.empty()) {
      s += note(std::string("Not recorded in this file: no per-neighbourhood series ") +
                o.series + " (/arms/<arm>/neighbourhood).");
      continue;
    }
    // The per-resident unit: "GBP per day" summed over the run is GBP; counts become per 1,000.
    std::string shown_unit = unit;
    if (o.run_total && unit.rfind("GBP", 0) == 0) shown_unit = scale ? "GBP per resident" : "GBP";
    else if (scale) shown_unit = "per 1,000 residents";
    c.y_label = with_unit(scale ? o.axis : o.plain_axis, shown_unit);
    std::string guide = o.guide;
    if (!o.run_total) guide += window_words(run);
    if (o.per_1000 && !have_pop)
      guide += " (the file records no citizens' neighbourhoods, so these are counts, not rates)";
    guide += "; neighbourhoods run from least deprived (left) to most deprived (right), one line "
             "per design.";
    s += figure(c.title, svg::render(c), guide);
  }
  return s;
}

// One small chart per neighbourhood: people in crisis per 1,000 residents, weekly means, every
// design on one scale shared by the whole grid.
std::string neighbourhood_grid(const RunData& run, const WhereData& w) {
  const std::size_t nbs = w.neighbourhoods();
  const bool have_pop = w.population.size() == nbs;
  std::vector<svg::LineChart> charts(nbs);
  double top = 0;
  std::string unit;
  for (std::size_t k = 0; k < nbs; ++k) {
    svg::LineChart& c = charts[k];
    c.id = "where-nb-" + std::to_string(k);
    char dep[32];
    std::snprintf(dep, sizeof dep, "%.2f", w.deprivation[k]);
    c.title = "Neighbourhood " + std::to_string(k) + ", deprivation " + dep;
    c.x_label = day_label(run);
    c.width = 300;
    c.height = 200;
    for (std::size_t i = 0; i < run.arms.size(); ++i) {
      const Grid* g = w.arms[i].nb(schema::series::kInCrisis);
      if (!g || g->cols != nbs) continue;
      unit = g->unit;
      auto col = g->column(k);
      if (have_pop && w.population[k] > 0)
        for (double& v : col) v = v / w.population[k] * 1000.0;
      auto [x, y] = weekly(x_axis(run, col.size()), col);
      for (double v : y)
        if (std::isfinite(v)) top = std::max(top, v);
      c.lines.push_back({run.arms[i].name, svg::palette(i), x, y});
    }
  }
  if (charts.empty() || charts.front().lines.empty()) return "";
  std::string s =
      "<h3 class=\"outcome\" id=\"where-neighbourhoods\">Neighbourhood by neighbourhood: people in "
      "crisis</h3><div class=\"grid small\" id=\"where-nb-grid\">";
  for (std::size_t k = 0; k < nbs; ++k) {
    svg::LineChart& c = charts[k];
    c.y_max = top;  // one scale for the whole grid, so neighbourhoods compare at a glance
    c.y_label = have_pop ? "In crisis (per 1,000)" : with_unit("In crisis", unit);
    std::string guide = "Weekly mean, one line per design";
    if (have_pop)
      guide += "; the neighbourhood has " + thousands(w.population[k]) + " residents";
    s += figure(c.title, svg::render(c), guide + ".");
  }
  return s + "</div>";
}

// ----- units -----

struct UnitFigures {
  double mean_wait = std::nan(""), peak_week_wait = std::nan("");
  double mean_queue = std::nan(""), peak_queue = std::nan("");
  double posts = std::nan(""), opened = std::nan("");
};

UnitFigures unit_figures(const WhereArm& a, std::size_t u) {
  namespace us = schema::unit_series;
  UnitFigures f;
  if (const Grid* q = a.unit(us::kQueueLength); q && u < q->cols) {
    const auto col = q->column(u);
    f.mean_queue = total(col) / static_cast<double>(std::max<std::size_t>(1, col.size()));
    f.peak_queue = col.empty() ? std::nan("") : *std::max_element(col.begin(), col.end());
  }
  const Grid* ws = a.unit("wait_sum");
  const Grid* st = a.unit("cases_started");
  if (ws && st && u < ws->cols && u < st->cols) {
    const auto wcol = ws->column(u), scol = st->column(u);
    const double started = total(scol);
    if (started > 0) f.mean_wait = total(wcol) / started;
    // The worst week: waits of the cases started in a week over their number.
    for (std::size_t t0 = 0; t0 < wcol.size() && t0 < scol.size(); t0 += kWeek) {
      double w = 0, n = 0;
      for (std::size_t t = t0; t < std::min({wcol.size(), scol.size(), t0 + kWeek}); ++t)
        w += wcol[t], n += scol[t];
      if (n > 0 && !(f.peak_week_wait >= w / n)) f.peak_week_wait = w / n;
    }
  }
  if (const Grid* p = a.unit("staff"); p && u < p->cols)
    f.posts = total(p->column(u)) / static_cast<double>(std::max<std::size_t>(1, p->rows));
  if (const Grid* o = a.unit("cases_opened"); o && u < o->cols) f.opened = total(o->column(u));
  return f;
}

std::string unit_table(const RunData& run, const WhereData& w, const std::vector<std::size_t>& units) {
  const std::size_t na = run.arms.size();
  std::string head = "<tr><th>Unit</th><th>Figure</th>";
  for (std::size_t i = 0; i < na; ++i) head += "<th>" + swatch(i) + esc(run.arms[i].name) + "</th>";
  for (std::size_t i = 1; i < na; ++i)
    head += "<th>" + esc(run.arms[i].name) + " vs " + esc(run.arms[0].name) + "</th>";
  head += "</tr>";
  std::string rows;
  struct Metric {
    const char* label;
    double UnitFigures::*field;
    int decimals;
  };
  const Metric metrics[] = {{"Mean wait (days)", &UnitFigures::mean_wait, 1},
                            {"Worst week's mean wait (days)", &UnitFigures::peak_week_wait, 1},
                            {"Mean queue (cases)", &UnitFigures::mean_queue, 1},
                            {"Peak queue (cases)", &UnitFigures::peak_queue, 0},
                            {"Cases opened", &UnitFigures::opened, 0},
                            {"Posts (mean)", &UnitFigures::posts, 1}};
  for (std::size_t u : units) {
    std::vector<UnitFigures> figs;
    for (std::size_t i = 0; i < na; ++i) figs.push_back(unit_figures(w.arms[i], u));
    bool first = true;
    for (const auto& m : metrics) {
      rows += "<tr>";
      if (first)
        rows += "<td rowspan=\"" + std::to_string(std::size(metrics)) + "\"><b>" +
                esc(svg::human_title(run.unit_names[u])) + "</b></td>";
      first = false;
      rows += "<td>" + std::string(m.label) + "</td>";
      for (std::size_t i = 0; i < na; ++i) rows += "<td>" + fmt(figs[i].*m.field, m.decimals) + "</td>";
      for (std::size_t i = 1; i < na; ++i)
        rows += vs_baseline_cell(figs[i].*m.field, figs[0].*m.field, m.decimals);
      rows += "</tr>";
    }
  }
  return "<div class=\"scroll\"><table id=\"where-units-table\">" + head + rows + "</table></div>";
}

std::string unit_section(const RunData& run, const WhereData& w) {
  namespace us = schema::unit_series;
  std::string s =
      "<h3 class=\"outcome\" id=\"where-units\">Queues and waits, unit by unit</h3>";
  const std::size_t nu = run.unit_names.size();
  bool have = false;
  for (const auto& a : w.arms) have = have || a.unit(us::kQueueLength);
  if (!have || nu == 0)
    return s + note("Not recorded in this file: no per-unit queue_length (/arms/<arm>/units).");
  // Units that exist in some design: posts, or cases that arrived.
  std::vector<std::size_t> units;
  for (std::size_t u = 0; u < nu; ++u) {
    bool used = false;
    for (const auto& a : w.arms) {
      const UnitFigures f = unit_figures(a, u);
      used = used || f.posts > 0 || f.opened > 0 || f.peak_queue > 0;
    }
    if (used) units.push_back(u);
  }
  s += "<p class=\"guide\">Mean wait: the waits of the cases a worker started over the run "
       "(start day minus the day the case joined the unit's queue; units/wait_sum over "
       "units/cases_started), and the same for the worst calendar week of the run. Queues count cases waiting for a worker of the unit at the end of "
       "each day; contacts waiting at a front door are not in them. A unit with no posts in a "
       "design shows 0 or –. The vs columns give the design minus the first design, "
       + esc(run.arms[0].name) + ".</p>";
  s += unit_table(run, w, units);
  s += "<div class=\"grid small\" id=\"where-unit-grid\" style=\"margin-top:14px\">";
  for (std::size_t u : units) {
    svg::LineChart c;
    c.id = "where-unit-" + slug(run.unit_names[u]);
    c.title = "Queue: " + svg::human_title(run.unit_names[u]);
    c.x_label = day_label(run);
    c.width = 300;
    c.height = 200;
    std::string unit;
    for (std::size_t i = 0; i < run.arms.size(); ++i)
      if (const Grid* q = w.arms[i].unit(us::kQueueLength); q && u < q->cols) {
        unit = q->unit;
        const auto col = q->column(u);
        c.lines.push_back({run.arms[i].name, svg::palette(i), x_axis(run, col.size()), col});
      }
    c.y_label = with_unit("Waiting", unit);
    s += figure(c.title, svg::render(c),
                "Cases waiting for a worker at the end of each day, one line per design.");
  }
  return s + "</div>";
}

// ----- staff hours -----

std::string hours_section(const RunData& run) {
  std::string s =
      "<h3 class=\"outcome\" id=\"where-hours\">Where the staff hours go</h3>";
  std::vector<ActivityHours> hours;
  std::vector<std::string> acts;
  for (const auto& a : run.arms) {
    hours.push_back(activity_hours(a));
    for (const auto& act : hours.back().activity)
      if (std::find(acts.begin(), acts.end(), act) == acts.end()) acts.push_back(act);
  }
  if (acts.empty())
    return s + note("Not recorded in this file: no hours_<activity> series (a model without the "
                    "service system, or an older output schema).");
  svg::BarChart b;
  b.id = "where-staff-hours";
  b.title = "Paid staff hours by activity, idle included";
  b.y_label = "Staff hours over the run (hour)";
  for (const auto& a : run.arms) b.groups.push_back(a.name);
  for (std::size_t j = 0; j < acts.size(); ++j) {
    svg::BarSegment seg{svg::human_title(acts[j]), svg::category_colour(j), {}};
    // Idle is grey, so paid time doing nothing reads as a gap, not as work.
    if (acts[j] == "idle") seg.color = "#C9CDD4";
    if (acts[j] == "absence") seg.color = "#8A93A5";
    for (const auto& h : hours) seg.values.push_back(h.of(acts[j]));
    b.segments.push_back(seg);
  }
  std::string idle_words;
  for (std::size_t i = 0; i < run.arms.size(); ++i) {
    const double paid = hours[i].paid();
    const double idle = hours[i].of("idle");
    if (paid > 0 && std::isfinite(idle)) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.0f%%", 100 * idle / paid);
      idle_words += (idle_words.empty() ? "" : "; ") + run.arms[i].name + " " + buf;
    }
  }
  std::string guide =
      "Every paid hour of the service units' posts over the run (the nine activities sum to the "
      "paid hours); grey is paid time with no work to do (idle) or absence. Idle share of paid "
      "hours: " + idle_words + ".";
  for (const auto& a : run.arms)
    if (const Series* o = a.find("outreach_hours"); o && total(o->v) > 0) {
      guide += " Outreach hours are paid on top of the units' posts and are not in these bars.";
      break;
    }
  s += "<div class=\"grid\">" + figure(b.title, svg::render(b), guide);
  // The same hours as shares of paid time, so designs of different sizes compare.
  const std::size_t na = run.arms.size();
  std::string t = "<div><table id=\"where-hours-table\"><tr><th>Share of paid hours</th>";
  for (std::size_t i = 0; i < na; ++i) t += "<th>" + swatch(i) + esc(run.arms[i].name) + "</th>";
  for (std::size_t i = 1; i < na; ++i)
    t += "<th>" + esc(run.arms[i].name) + " vs " + esc(run.arms[0].name) + " (points)</th>";
  t += "</tr>";
  auto share = [&](std::size_t i, const std::string& act) {
    const double paid = hours[i].paid();
    return paid > 0 ? 100 * hours[i].of(act) / paid : std::nan("");
  };
  for (const auto& act : acts) {
    t += "<tr><td>" + esc(svg::human_title(act)) + "</td>";
    for (std::size_t i = 0; i < na; ++i) t += "<td>" + fmt(share(i, act), 1) + "%</td>";
    for (std::size_t i = 1; i < na; ++i)
      t += vs_baseline_cell(share(i, act), share(0, act), 1, false);  // points, not percent
    t += "</tr>";
  }
  t += "<tr><td><b>Paid hours</b></td>";
  for (std::size_t i = 0; i < na; ++i) t += "<td><b>" + fmt(hours[i].paid(), 0) + "</b></td>";
  for (std::size_t i = 1; i < na; ++i) t += vs_baseline_cell(hours[i].paid(), hours[0].paid(), 0);
  t += "</tr></table></div>";
  return s + t + "</div>";
}

}  // namespace

std::string vs_baseline_cell(double v, double base, int decimals, bool relative) {
  if (!std::isfinite(v) || !std::isfinite(base)) return "<td class=\"diff\">–</td>";
  const double d = v - base;
  if (d == 0) return "<td class=\"diff\">0</td>";
  // A difference that rounds to zero at the shown precision gets no sign or percentage.
  if (std::fabs(d) < 0.5 * std::pow(10.0, -decimals)) return "<td class=\"diff\">≈0</td>";
  std::string out = (d > 0 ? "+" : "-") + thousands(std::fabs(d), decimals);
  if (relative && base != 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, " (%+.0f%%)", 100 * d / std::fabs(base));
    out += buf;
  }
  return "<td class=\"diff\">" + out + "</td>";
}

std::string where_section(const H5Reader& f, const RunData& run) {
  const WhereData w = load_where(f, run);
  std::string s =
      "<section id=\"where\"><h2>Where: neighbourhoods, units and staff time</h2><p "
      "class=\"lead\">The place taken apart: outcomes neighbourhood by neighbourhood against "
      "their deprivation, queues and waits at each service unit, and what the paid staff hours "
      "were spent on. Every design is drawn on the same axes.</p>";
  // A replicated run keeps the (day, neighbourhood) and (day, unit) arrays of replicate 0 only
  // (root attribute "replicates", docs/output.md): say so rather than let them pass for means.
  const auto reps = run.prov.find("replicates");
  if (reps != run.prov.end() && reps->second != "1" && !reps->second.empty())
    s += note("This file holds " + reps->second +
              " replicates of every design; the charts and tables of this section are of "
              "replicate 0 (the per-neighbourhood and per-unit arrays are kept for it only), "
              "so differences here carry no interval.");
  s += "<h3 class=\"outcome\" id=\"where-deprivation\">Outcomes against deprivation</h3>";
  if (w.neighbourhoods() == 0) {
    s += note("Not recorded in this file: no /neighbourhood_deprivation.");
  } else {
    s += "<div class=\"grid\">" + deprivation_charts(run, w) + "</div>";
    s += neighbourhood_grid(run, w);
  }
  s += unit_section(run, w);
  s += hours_section(run);
  return s + "</section>";
}

}  // namespace placesim::analysis::html
