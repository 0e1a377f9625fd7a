// The report of a sweep summary: what was varied, which parameters matter most, and how each
// outcome responds to each parameter.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"
#include "sim/output_schema.hpp"

namespace placesim::analysis::html {
namespace {

std::string display_name(const std::string& col) {
  for (const std::string p : {"param.", "param_", "params."})
    if (col.rfind(p, 0) == 0) return col.substr(p.size());
  return col;
}

// Outcomes of a comparison sweep are named "<arm>/<outcome>": they are grouped by outcome,
// with one member per design. A table with an arm column instead splits its rows by design.
struct SweepMember {
  std::string arm, row_arm;
  const SweepColumn* col;
};
struct SweepGroup {
  std::string base, unit;
  std::vector<SweepMember> members;
  bool constant = true;  // no member varies over the successful runs
};

// The sweep summary with its outcomes grouped and its designs listed, shared by the sections.
struct SweepView {
  const SweepData& d;
  std::vector<const SweepColumn*> params, outcomes;
  std::vector<SweepGroup> groups;
  std::vector<std::string> arms;  // designs in colour order; one empty name when there are none
  bool multi_arm = false;
  std::size_t ok = 0;  // successful runs
};

bool member_row(const SweepData& d, const SweepMember& m, std::size_t r) {
  return d.ok[r] && (m.row_arm.empty() || d.arm[r] == m.row_arm);
}

std::vector<double> member_values(const SweepData& d, const SweepMember& m) {
  std::vector<double> v;
  for (std::size_t r = 0; r < d.rows; ++r)
    if (member_row(d, m, r)) v.push_back(m.col->v[r]);
  return v;
}

bool varies(const std::vector<double>& v) {
  double lo = INFINITY, hi = -INFINITY;
  for (double x : v)
    if (std::isfinite(x)) lo = std::min(lo, x), hi = std::max(hi, x);
  return lo < hi && (hi - lo) > 1e-12 * std::max(std::fabs(lo), std::fabs(hi));
}

// Headline outcomes first, in the order a commissioner asks about them.
int outcome_priority(const std::string& base) {
  static const char* order[] = {"failure_demand_share", "crisis_cost",  "service_cost",
                                "wellbeing_mean",       "in_crisis",    "repeat_contacts",
                                "trust_mean",           "queue_length", "mean_wait",
                                "morale_mean",          "assessments",  "referrals"};
  for (std::size_t i = 0; i < sizeof order / sizeof order[0]; ++i)
    if (base.rfind(order[i], 0) == 0) return static_cast<int>(i);
  return 1000;
}

template <class T>
void add_unique(std::vector<T>& v, const T& x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

SweepView make_view(const SweepData& d) {
  SweepView s{d, {}, {}, {}, {}, false, 0};
  s.params = d.of(Role::kParameter);
  s.outcomes = d.of(Role::kOutcome);
  std::vector<std::string> row_arms;
  for (const auto& a : d.arm)
    if (!a.empty()) add_unique(row_arms, a);
  for (const SweepColumn* o : s.outcomes) {
    const auto slash = o->name.find('/');
    const std::string arm = slash == std::string::npos ? "" : o->name.substr(0, slash);
    const std::string base = slash == std::string::npos ? o->name : o->name.substr(slash + 1);
    auto it = std::find_if(s.groups.begin(), s.groups.end(),
                           [&](const SweepGroup& g) { return g.base == base; });
    if (it == s.groups.end()) {
      s.groups.push_back({base, o->unit, {}, true});
      it = s.groups.end() - 1;
    }
    const auto member_arms = row_arms.empty() ? std::vector<std::string>{arm} : row_arms;
    for (const auto& ma : member_arms) {
      it->members.push_back({ma, row_arms.empty() ? "" : ma, o});
      add_unique(s.arms, ma);
    }
  }
  for (auto& g : s.groups)
    for (const auto& m : g.members)
      if (varies(member_values(d, m))) g.constant = false;
  std::stable_sort(s.groups.begin(), s.groups.end(), [](const SweepGroup& a, const SweepGroup& b) {
    return outcome_priority(a.base) < outcome_priority(b.base);
  });
  s.multi_arm = s.arms.size() > 1 || (s.arms.size() == 1 && !s.arms[0].empty());
  s.ok = static_cast<std::size_t>(std::count(d.ok.begin(), d.ok.end(), true));
  return s;
}

std::string sweep_top(const SweepView& s) {
  const SweepData& d = s.d;
  std::string name = prov_get(d.prov, schema::sweep::kSweep);
  const ExperimentText text = experiment_text(prov_get(d.prov, schema::kConfigToml));
  if (name.empty()) name = text.title;
  if (name.empty()) name = prov_get(d.prov, schema::kExperiment);
  const std::string title = "Sweep: " + (name.empty() ? "parameter sweep" : name);
  std::string sub = thousands(static_cast<double>(d.rows)) + " runs (" +
                    thousands(static_cast<double>(s.ok)) + " succeeded) · " +
                    std::to_string(s.params.size()) + " parameters · " +
                    std::to_string(s.groups.size()) + " outcomes";
  if (s.multi_arm) sub += " · " + std::to_string(s.arms.size()) + " designs";
  const std::string base = prov_get(d.prov, schema::sweep::kBase);
  if (!base.empty()) sub += " · base experiment " + base;
  return page_head("placesim report: " + title) + header_block(title, esc(sub), text) +
         nav({{"overview", "Overview"},
              {"influence", "Parameter influence"},
              {"response", "Responses"},
              {"provenance", "Provenance"}});
}

std::string parameter_table(const SweepView& s) {
  const SweepData& d = s.d;
  std::string html =
      "<table id=\"sweep-parameters\"><tr><th>Parameter</th><th>Unit</th><th>Values over "
      "successful runs</th><th>Distinct values</th></tr>";
  for (const SweepColumn* c : s.params) {
    std::set<double> distinct;
    for (std::size_t r = 0; r < d.rows; ++r)
      if (d.ok[r] && std::isfinite(c->v[r])) distinct.insert(c->v[r]);
    std::string values;
    if (distinct.size() <= 8) {
      for (double x : distinct) values += (values.empty() ? "" : ", ") + svg::short_num(x);
    } else {
      values = svg::short_num(*distinct.begin()) + " to " + svg::short_num(*distinct.rbegin());
    }
    html += "<tr><td><code>" + esc(display_name(c->name)) + "</code></td><td>" +
            esc(c->unit.empty() ? "–" : c->unit) + "</td><td>" + esc(values) + "</td><td>" +
            std::to_string(distinct.size()) + "</td></tr>";
  }
  return html + "</table>";
}

std::string outcome_table(const SweepView& s) {
  std::string html = "<details><summary>All " + std::to_string(s.groups.size()) +
                     " outcomes and their ranges</summary><table "
                     "id=\"sweep-outcomes\"><tr><th>Outcome</th><th>Unit</th>";
  for (const auto& a : s.arms) html += "<th>" + esc(a.empty() ? "range" : a) + "</th>";
  html += "</tr>";
  for (const auto& g : s.groups) {
    html += "<tr><td><code>" + esc(g.base) + "</code></td><td>" +
            esc(g.unit.empty() ? "–" : g.unit) + "</td>";
    for (const auto& a : s.arms) {
      std::string cell = "–";
      for (const auto& m : g.members)
        if (m.arm == a) {
          const auto v = member_values(s.d, m);
          const double lo = quantile(v, 0), hi = quantile(v, 1);
          cell = varies(v) ? svg::short_num(lo) + " to " + svg::short_num(hi)
                           : svg::short_num(lo) + " (constant)";
        }
      html += "<td>" + esc(cell) + "</td>";
    }
    html += "</tr>";
  }
  return html + "</table></details>";
}

std::string overview_section(const SweepView& s) {
  std::string html =
      "<section id=\"overview\"><h2>What was varied, what was measured</h2><p class=\"lead\">"
      "The sweep summary has one row per run. Failed runs are left out of every chart below.</p>";
  html += parameter_table(s);
  if (s.ok < s.d.rows)
    html += note(std::to_string(s.d.rows - s.ok) + " run(s) failed and are excluded.");
  if (s.params.empty())
    html += note(
        "No parameter columns recognised in /runs (expected a /columns table with roles, "
        "a 'parameters' attribute, or numeric columns named by config key such as "
        "place.citizens).");
  return html + outcome_table(s) + "</section>";
}

// One row per (outcome, design) that varied, one value per parameter.
struct Influence {
  std::vector<std::vector<double>> rows;
  std::vector<std::string> labels;
  bool any_spread = false, any_src = false;
  std::vector<std::pair<double, std::size_t>> rank;  // mean |influence|, parameter; best first
};

Influence influence(const SweepView& s) {
  Influence in;
  const SweepData& d = s.d;
  for (const auto& g : s.groups)
    for (const auto& m : g.members) {
      std::vector<std::vector<double>> x(s.params.size());
      std::vector<double> y;
      for (std::size_t r = 0; r < d.rows; ++r) {
        if (!member_row(d, m, r)) continue;
        y.push_back(m.col->v[r]);
        for (std::size_t j = 0; j < s.params.size(); ++j) x[j].push_back(s.params[j]->v[r]);
      }
      if (!varies(y)) continue;  // nothing to explain
      auto src = standardised_coefficients(x, y);
      if (std::none_of(src.begin(), src.end(), [](double v) { return std::isfinite(v); })) {
        in.any_spread = true;
        for (std::size_t j = 0; j < s.params.size(); ++j) src[j] = spread_of_means(x[j], y);
      } else {
        in.any_src = true;
      }
      for (double& v : src)
        if (std::isfinite(v) && std::fabs(v) < 1e-9) v = 0;
      in.rows.push_back(src);
      in.labels.push_back(g.base + (m.arm.empty() ? "" : " · " + m.arm));
    }
  for (std::size_t j = 0; j < s.params.size(); ++j) {
    double sum = 0;
    int n = 0;
    for (const auto& rv : in.rows)
      if (std::isfinite(rv[j])) sum += std::fabs(rv[j]), ++n;
    in.rank.push_back({n ? sum / n : -1, j});
  }
  std::stable_sort(in.rank.begin(), in.rank.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  return in;
}

std::string influence_method(const Influence& in) {
  std::string method;
  if (in.any_src)
    method =
        "Standardised regression coefficients: the change in an outcome, in its standard "
        "deviations, for a one-standard-deviation change in a parameter with the others held "
        "fixed (least squares over the successful runs).";
  if (in.any_spread)
    method +=
        std::string(method.empty() ? "" : " Where there are too few runs for a regression: ") +
        "the spread of means, the range of an outcome's mean across the values of a "
        "parameter, in standard deviations of the outcome.";
  return method;
}

std::string influence_section(const SweepView& s) {
  const Influence in = influence(s);
  svg::Heatmap hm;
  hm.id = "chart-influence";
  hm.title = "Parameter influence";
  for (const auto& [score, j] : in.rank) hm.cols.push_back(display_name(s.params[j]->name));
  hm.rows = in.labels;
  for (const auto& rv : in.rows)
    for (const auto& [score, j] : in.rank) hm.values.push_back(rv[j]);
  hm.width = std::min(1100, static_cast<int>(320 + 110 * s.params.size()));
  std::string html = "<section id=\"influence\"><h2>Which parameters matter most</h2>";
  html += "<p class=\"lead\">" + esc(influence_method(in)) +
          " Parameters are ordered from most to least influential; outcomes that did not vary "
          "are left out.</p>";
  if (!in.rank.empty() && in.rank.front().first >= 0) {
    html += "<p class=\"kv\" id=\"influence-ranking\"><b>Ranking by mean absolute influence:</b> ";
    for (std::size_t k = 0; k < in.rank.size(); ++k)
      html += std::string(k ? " &gt; " : "") + "<code>" +
              esc(display_name(s.params[in.rank[k].second]->name)) + "</code> (" +
              esc(svg::short_num(in.rank[k].first)) + ")";
    html += "</p>";
  }
  if (in.rows.empty())
    html += note("No outcome varied across the successful runs, so no influence can be estimated.");
  else
    html += figure("Parameter influence on each outcome", svg::render(hm),
                   "Read down a column to see what one parameter moves; blue means the outcome "
                   "rises with the parameter, red that it falls, and pale cells mean little "
                   "influence.");
  return html + "</section>";
}

// Every run of one outcome against one parameter, with the mean at each parameter value.
std::string response_chart(const SweepView& s, const SweepGroup& g, const SweepColumn& p) {
  const SweepData& d = s.d;
  svg::ScatterChart sc;
  sc.id = "sweep-" + slug(g.base) + "--" + slug(p.name);
  sc.title = g.base + " against " + display_name(p.name);
  sc.x_label = with_unit(display_name(p.name), p.unit);
  sc.y_label = g.unit.empty() ? g.base : g.unit;  // the outcome is named just above
  for (const auto& m : g.members) {
    const auto colour =
        static_cast<std::size_t>(std::find(s.arms.begin(), s.arms.end(), m.arm) - s.arms.begin());
    svg::ScatterGroup sg{m.arm, svg::palette(colour), {}, {}};
    std::map<double, std::pair<double, int>> means;
    for (std::size_t r = 0; r < d.rows; ++r) {
      if (!member_row(d, m, r)) continue;
      sg.x.push_back(p.v[r]);
      sg.y.push_back(m.col->v[r]);
      if (std::isfinite(p.v[r]) && std::isfinite(m.col->v[r])) {
        means[p.v[r]].first += m.col->v[r];
        ++means[p.v[r]].second;
      }
    }
    if (means.size() >= 2 && means.size() <= 24) {
      svg::Line l{m.arm, svg::palette(colour), {}, {}};
      for (const auto& [xv, mv] : means) {
        l.x.push_back(xv);
        l.y.push_back(mv.first / mv.second);
      }
      sc.lines.push_back(l);
    }
    sc.groups.push_back(std::move(sg));
  }
  return figure(sc.title, svg::render(sc),
                "Dots are runs; a steep mean line means this parameter moves this outcome.");
}

std::string response_section(const SweepView& s) {
  std::string html =
      "<section id=\"response\"><h2>How each outcome responds to each parameter</h2><p "
      "class=\"lead\">One small chart per outcome and parameter: every dot is a run, the line "
      "joins the mean at each parameter value.";
  if (s.multi_arm) {
    html += " Colours are designs: ";
    for (std::size_t k = 0; k < s.arms.size(); ++k)
      html += "<span class=\"swatch\" style=\"background:" + svg::palette(k) + "\"></span>" +
              esc(s.arms[k]) + " ";
  }
  html += "</p>";
  std::size_t shown = 0, constant = 0;
  constexpr std::size_t kOpen = 6;  // outcomes shown before the rest fold away
  for (const auto& g : s.groups) {
    if (g.constant) {
      ++constant;
      continue;
    }
    if (shown == kOpen) html += "<details><summary>More outcomes</summary>";
    ++shown;
    html += "<h3 class=\"outcome\">" + esc(g.base) +
            (g.unit.empty() ? "" : " <span>(" + esc(g.unit) + ")</span>") +
            "</h3><div class=\"grid small\">";
    for (const SweepColumn* p : s.params) html += response_chart(s, g, *p);
    html += "</div>";
  }
  if (shown > kOpen) html += "</details>";
  if (constant > 0)
    html += note(std::to_string(constant) +
                 " outcome(s) did not vary across the successful runs and are not drawn.");
  if (s.outcomes.empty()) html += note("No outcome columns recognised in /runs.");
  return html + "</section>";
}

}  // namespace

std::string sweep_report(const H5Reader& f, const ReportOptions& opts) {
  const SweepData d = load_sweep(f);
  const SweepView s = make_view(d);
  std::string html = sweep_top(s);
  html += "<main class=\"wrap\">";
  html += overview_section(s);
  html += influence_section(s);
  html += response_section(s);
  html += "</main>";
  html += footer(s.d.prov, f.path(), opts);
  return html + "</body></html>\n";
}

}  // namespace placesim::analysis::html
