// The report of a sweep summary: what was varied (levers and uncertainties), which parameters
// matter most (sensitivity indices with intervals for [morris] / [sobol] sweeps, the regression
// view with its R^2), how noisy the runs are (replicates), how each outcome responds to each
// parameter, and each arm's outcome minus the baseline arm's.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"
#include "experiments/sensitivity_indices.hpp"
#include "sim/output_schema.hpp"
#include "sim/param_registry.hpp"

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

// A key's role in the parameter registry (sim/param_roles.cpp): a lever is a decision a
// manager or commissioner holds; an uncertainty is something about the world the model
// assumes. Empty for a column that is not a registry key.
std::string role_of_column(const std::string& name) {
  const ParamSpec* spec = find_param(display_name(name));
  return spec ? role_name(spec->role) : "";
}

// ---- /sensitivity (written by placesim sweep for [morris] and [sobol] designs) ------------

struct IndexEntry {
  std::string parameter, index, unit;
  double value = kNaN, lo = kNaN, hi = kNaN;
  double n = 0;
};
struct SensitivityView {
  std::string method, description;
  std::vector<std::string> outcomes;  // in table order
  std::map<std::string, std::vector<IndexEntry>> by_outcome;
};

std::optional<SensitivityView> load_sensitivity(const H5Reader& f) {
  if (!f.is_dataset("/sensitivity")) return std::nullopt;
  SensitivityView v;
  v.method = f.attr_string("/sensitivity", "method").value_or("");
  v.description = f.attr_string("/sensitivity", schema::kDescription).value_or("");
  const auto t = f.read_table("/sensitivity");
  const TableColumn *out = nullptr, *par = nullptr, *idx = nullptr, *unit = nullptr,
                    *val = nullptr, *lo = nullptr, *hi = nullptr, *n = nullptr;
  for (const auto& c : t) {
    if (c.name == "outcome") out = &c;
    if (c.name == "parameter") par = &c;
    if (c.name == "index") idx = &c;
    if (c.name == "unit") unit = &c;
    if (c.name == "value") val = &c;
    if (c.name == "ci_low") lo = &c;
    if (c.name == "ci_high") hi = &c;
    if (c.name == "n") n = &c;
  }
  if (!out || !par || !idx || !val || !lo || !hi || out->numeric || par->numeric || idx->numeric)
    return std::nullopt;
  for (std::size_t r = 0; r < out->text.size(); ++r) {
    const std::string& o = out->text[r];
    if (!v.by_outcome.count(o)) v.outcomes.push_back(o);
    v.by_outcome[o].push_back({par->text[r], idx->text[r],
                               unit && !unit->numeric ? unit->text[r] : "", val->values[r],
                               lo->values[r], hi->values[r], n ? n->values[r] : 0});
  }
  std::stable_sort(v.outcomes.begin(), v.outcomes.end(),
                   [](const std::string& a, const std::string& b) {
                     auto base = [](const std::string& x) {
                       const auto sl = x.rfind('/');
                       return sl == std::string::npos ? x : x.substr(sl + 1);
                     };
                     return outcome_priority(base(a)) < outcome_priority(base(b));
                   });
  return v;
}

// Horizontal bars with whiskers: one row per parameter, one bar per index (S1 and ST, or
// mu*), the whisker the bootstrap interval. Drawn here because no other chart has whiskers.
std::string interval_chart(const std::string& id, const std::string& title,
                           const std::vector<std::string>& params,
                           const std::vector<std::string>& indices,
                           const std::vector<IndexEntry>& entries, const std::string& x_label) {
  auto find = [&](const std::string& p, const std::string& i) -> const IndexEntry* {
    for (const auto& e : entries)
      if (e.parameter == p && e.index == i) return &e;
    return nullptr;
  };
  double lo = 0, hi = 0;
  std::size_t points = 0;
  for (const auto& p : params)
    for (const auto& i : indices)
      if (const IndexEntry* e = find(p, i))
        for (double x : {e->value, e->lo, e->hi})
          if (std::isfinite(x)) lo = std::min(lo, x), hi = std::max(hi, x), points += x == e->value;
  if (!(hi > lo)) hi = lo + 1;
  const int width = 560, row_h = 16 * static_cast<int>(indices.size()) + 12;
  const double left = 200, right = width - 20.0, top = 26;
  const int height = static_cast<int>(top) + row_h * static_cast<int>(params.size()) + 40;
  auto px = [&](double x) { return left + (x - lo) / (hi - lo) * (right - left); };
  auto f1 = [](double x) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", x);
    return std::string(b);
  };
  std::string svgt = "<svg id=\"" + esc(id) +
                     "\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                     std::to_string(width) + " " + std::to_string(height) +
                     "\" role=\"img\" data-points=\"" + std::to_string(points) + "\"><title>" +
                     esc(title) + "</title>";
  // Legend.
  for (std::size_t k = 0; k < indices.size(); ++k) {
    const double x = left + 110.0 * static_cast<double>(k);
    svgt += "<rect x=\"" + f1(x) + "\" y=\"6\" width=\"10\" height=\"10\" fill=\"" +
            svg::palette(k) + "\"/><text x=\"" + f1(x + 14) + "\" y=\"15\">" +
            esc(indices[k]) + "</text>";
  }
  const double bottom = top + row_h * static_cast<double>(params.size());
  // Zero line and the ends of the axis.
  svgt += "<line x1=\"" + f1(px(0)) + "\" x2=\"" + f1(px(0)) + "\" y1=\"" + f1(top) +
          "\" y2=\"" + f1(bottom) + "\" stroke=\"#888\"/>";
  for (double t : {lo, (lo + hi) / 2, hi})
    svgt += "<text x=\"" + f1(px(t)) + "\" y=\"" + f1(bottom + 14) +
            "\" text-anchor=\"middle\">" + esc(svg::short_num(t)) + "</text>";
  svgt += "<text class=\"label\" x=\"" + f1((left + right) / 2) + "\" y=\"" +
          f1(bottom + 32) + "\" text-anchor=\"middle\">" + esc(x_label) + "</text>";
  for (std::size_t r = 0; r < params.size(); ++r) {
    const double y0 = top + row_h * static_cast<double>(r);
    svgt += "<text x=\"" + f1(left - 6) + "\" y=\"" + f1(y0 + row_h / 2.0 + 4) +
            "\" text-anchor=\"end\">" + esc(params[r]) + "</text>";
    for (std::size_t k = 0; k < indices.size(); ++k) {
      const IndexEntry* e = find(params[r], indices[k]);
      if (!e || !std::isfinite(e->value)) continue;
      const double yb = y0 + 6 + 16.0 * static_cast<double>(k);
      const double a = px(std::min(0.0, e->value)), b = px(std::max(0.0, e->value));
      svgt += "<rect class=\"pt\" x=\"" + f1(a) + "\" y=\"" + f1(yb) + "\" width=\"" +
              f1(std::max(0.5, b - a)) + "\" height=\"11\" fill=\"" + svg::palette(k) +
              "\"><title>" +
              esc(params[r] + " " + indices[k] + ": " + svg::short_num(e->value) +
                  (std::isfinite(e->lo) ? " (95% interval " + svg::short_num(e->lo) + " to " +
                                              svg::short_num(e->hi) + ")"
                                        : "")) +
              "</title></rect>";
      if (std::isfinite(e->lo) && std::isfinite(e->hi)) {
        const double ym = yb + 5.5;
        svgt += "<path d=\"M" + f1(px(e->lo)) + " " + f1(ym) + "H" + f1(px(e->hi)) + "M" +
                f1(px(e->lo)) + " " + f1(ym - 4) + "V" + f1(ym + 4) + "M" + f1(px(e->hi)) + " " +
                f1(ym - 4) + "V" + f1(ym + 4) + "\" stroke=\"#222\" stroke-width=\"1.3\" fill=\"none\"/>";
      }
    }
  }
  return svgt + "</svg>";
}

std::string sensitivity_section(const SweepView& s, const std::optional<SensitivityView>& sv) {
  if (!sv || sv->outcomes.empty()) return "";
  const bool morris = sv->method == "morris";
  const std::vector<std::string> indices =
      morris ? std::vector<std::string>{"mu_star"} : std::vector<std::string>{"S1", "ST"};
  std::string html = "<section id=\"sensitivity\"><h2>Sensitivity indices (" +
                     std::string(morris ? "Morris" : "Sobol'") + ")</h2><p class=\"lead\">";
  html += morris
              ? "Morris elementary effects: mu* is the mean absolute change in the outcome when "
                "one parameter moves across its whole range with the others held, in the "
                "outcome's unit; sigma large against mu* means interactions or a curved "
                "response. Whiskers are bootstrap 95% intervals over trajectories. "
              : "Sobol' indices from Saltelli sampling: S1 is the share of the outcome's "
                "variance due to a parameter alone, ST the share it takes part in, "
                "interactions included (ST - S1 is its interactions). Whiskers are bootstrap "
                "95% intervals over base samples; an interval that reaches 0 means the design "
                "cannot tell the parameter from no effect. ";
  html += "Indices are of the mean over replicates at each design point.</p>";
  std::vector<std::string> params;
  for (const SweepColumn* c : s.params) params.push_back(display_name(c->name));
  std::size_t shown = 0;
  constexpr std::size_t kOpen = 6;
  std::string table =
      "<table id=\"sensitivity-table\"><tr><th>Outcome</th><th>Parameter</th><th>Role</th>";
  for (const auto& i : indices) table += "<th>" + esc(i) + " (95% interval)</th>";
  if (morris) table += "<th>mu</th><th>sigma</th>";
  table += "</tr>";
  for (const auto& o : sv->outcomes) {
    const auto& entries = sv->by_outcome.at(o);
    bool any = false;
    for (const auto& e : entries) any = any || (std::isfinite(e.value) && e.value != 0);
    if (!any) continue;
    if (shown == kOpen) html += "</div><details><summary>More outcomes</summary><div class=\"grid\">";
    if (shown == 0) html += "<div class=\"grid\">";
    ++shown;
    std::string unit;
    for (const auto& e : entries) unit = e.unit;
    html += figure(o, interval_chart("sens-" + slug(o), o, params, indices, entries,
                                     morris ? with_unit("mu*", unit) : "share of variance"),
                   morris ? "Longer bars move the outcome more; a whisker far from zero is a "
                            "clear effect."
                          : "Dark whiskers are 95% intervals; compare S1 (alone) with ST "
                            "(with interactions).");
    for (const auto& p : params) {
      table += "<tr><td><code>" + esc(o) + "</code></td><td><code>" + esc(p) + "</code></td><td>" +
               esc(role_of_column(p)) + "</td>";
      for (const auto& i : indices) {
        std::string cell = "–";
        for (const auto& e : entries)
          if (e.parameter == p && e.index == i && std::isfinite(e.value))
            cell = svg::short_num(e.value) +
                   (std::isfinite(e.lo) ? " (" + svg::short_num(e.lo) + " to " +
                                              svg::short_num(e.hi) + ")"
                                        : "");
        table += "<td>" + esc(cell) + "</td>";
      }
      if (morris)
        for (const char* i : {"mu", "sigma"}) {
          std::string cell = "–";
          for (const auto& e : entries)
            if (e.parameter == p && e.index == i && std::isfinite(e.value))
              cell = svg::short_num(e.value);
          table += "<td>" + esc(cell) + "</td>";
        }
      table += "</tr>";
    }
  }
  if (shown > 0) html += "</div>";
  if (shown > kOpen) html += "</details>";
  if (shown == 0) html += note("No outcome varied over the design, so every index is zero or undefined.");
  html += "<details><summary>Every index as a table</summary>" + table + "</table></details>";
  if (!sv->description.empty()) html += note(sv->description);
  return html + "</section>";
}

// ---- the regression view's R^2 and replicate noise ----------------------------------------

const SweepColumn* column(const SweepData& d, const std::string& name) {
  for (const auto& c : d.cols)
    if (c.name == name) return &c;
  return nullptr;
}

std::string fit_section(const SweepView& s) {
  const SweepData& d = s.d;
  const SweepColumn* point = column(d, schema::sweep::kPoint);
  std::string html =
      "<section id=\"fit\"><h2>How much the parameters explain, and how noisy the runs "
      "are</h2><p class=\"lead\">R² is the share of an outcome's variance across the "
      "successful runs that a straight-line regression on the swept parameters explains (the "
      "regression view of the influence chart): near 1, the standardised coefficients tell "
      "the story; low, the response is curved, interacting, or noise. Replicate noise is the "
      "SD between replicates at the same design point (same parameters, different seed), "
      "against the SD of the point means across the design: when the first is not small "
      "against the second, differences between points are mostly luck.</p>";
  std::string t =
      "<table id=\"sweep-fit\"><tr><th>Outcome</th><th>Design</th><th>R² (linear)</th><th>SD "
      "between replicates</th><th>SD across points</th><th>Noise / spread</th></tr>";
  std::size_t rows = 0;
  std::vector<double> r2s, ratios;
  for (const auto& g : s.groups) {
    if (g.constant) continue;
    for (const auto& m : g.members) {
      std::vector<std::vector<double>> x(s.params.size());
      std::vector<double> y;
      std::vector<std::int64_t> pt;
      for (std::size_t r = 0; r < d.rows; ++r) {
        if (!member_row(d, m, r)) continue;
        y.push_back(m.col->v[r]);
        for (std::size_t j = 0; j < s.params.size(); ++j) x[j].push_back(s.params[j]->v[r]);
        pt.push_back(point ? static_cast<std::int64_t>(point->v[r]) : static_cast<std::int64_t>(r));
      }
      if (!varies(y)) continue;  // this design's outcome is constant: nothing to explain
      const auto noise = sensitivity::replicate_noise(pt, y);
      const double r2 = sensitivity::regression_r2(x, y);
      r2s.push_back(r2);
      ratios.push_back(noise.within_sd / noise.between_sd);
      const double ratio = ratios.back();
      auto cell = [](double v) { return std::isfinite(v) ? svg::short_num(v) : std::string("–"); };
      t += "<tr><td><code>" + esc(g.base) + "</code></td><td>" + esc(m.arm.empty() ? "–" : m.arm) +
           "</td><td>" + cell(r2) + "</td><td>" + cell(noise.within_sd) + "</td><td>" +
           cell(noise.between_sd) + "</td><td>" + cell(ratio) + "</td></tr>";
      ++rows;
    }
  }
  t += "</table>";
  if (rows == 0) return html + note("No outcome varied across the successful runs.") + "</section>";
  bool replicated = false;
  if (point) {
    std::map<double, int> n;
    for (std::size_t r = 0; r < d.rows; ++r)
      if (d.ok[r] && ++n[point->v[r]] > 1) replicated = true;
  }
  if (!replicated)
    html += note("Each design point ran once, so replicate noise cannot be estimated: add "
                 "[sweep] replicates = 2 or more.");
  html += "<p class=\"kv\" id=\"fit-summary\"><b>Median R² (linear) over " +
          std::to_string(rows) + " outcomes and designs:</b> " + esc(svg::short_num(quantile(r2s, 0.5)));
  if (replicated)
    html += " · <b>median replicate noise / spread across points:</b> " +
            esc(svg::short_num(quantile(ratios, 0.5)));
  html += "</p>";
  return html + "<details><summary>R² and noise of every outcome</summary>" + t +
         "</details></section>";
}

// ---- arm minus baseline ------------------------------------------------------------------

std::string difference_section(const SweepView& s, const H5Reader& f) {
  const SweepData& d = s.d;
  const std::string baseline = f.attr_string("/", "baseline_arm").value_or("");
  if (baseline.empty()) return "";
  const std::string source = f.attr_string("/", "baseline_source").value_or("");
  const std::string marker = "-minus-" + baseline + "/";
  std::vector<const SweepColumn*> diffs;
  for (const auto& c : d.cols)
    if (c.numeric && c.name.find(marker) != std::string::npos) diffs.push_back(&c);
  if (diffs.empty()) return "";
  std::stable_sort(diffs.begin(), diffs.end(), [](const SweepColumn* a, const SweepColumn* b) {
    return outcome_priority(a->name.substr(a->name.find('/') + 1)) <
           outcome_priority(b->name.substr(b->name.find('/') + 1));
  });
  std::string html =
      "<section id=\"difference\"><h2>Each design against the baseline</h2><p class=\"lead\">"
      "Each arm's outcome minus the baseline arm's (<b>" +
      esc(baseline) + "</b>, " + esc(source.empty() ? "the baseline" : source) +
      ") in the same run: both ran with the same people and life events (common random "
      "numbers), so a difference is the effect of the arms' rules at that point of the "
      "design. The range is over every successful run; the sign tells which arm is higher, "
      "not which is better. The SD between replicates (with [sweep] replicates of 2 or more) "
      "is how much the difference changes with the seed alone.</p>";
  std::string t =
      "<table id=\"sweep-differences\"><tr><th>Difference</th><th>Unit</th><th>Mean</th><th>"
      "Middle 95% of runs</th><th>Runs above 0</th><th>SD between replicates</th></tr>";
  const SweepColumn* point = column(d, schema::sweep::kPoint);
  std::size_t charts = 0;
  std::string grid;
  for (const SweepColumn* c : diffs) {
    std::vector<double> v;
    std::vector<std::int64_t> pt;
    for (std::size_t r = 0; r < d.rows; ++r)
      if (d.ok[r] && std::isfinite(c->v[r])) {
        v.push_back(c->v[r]);
        pt.push_back(point ? static_cast<std::int64_t>(point->v[r]) : static_cast<std::int64_t>(r));
      }
    if (v.empty()) continue;
    // The difference's own noise: how far two replicates of the same point disagree about it.
    const double noise = sensitivity::replicate_noise(pt, v).within_sd;
    double sum = 0;
    std::size_t above = 0;
    for (double x : v) sum += x, above += x > 0;
    t += "<tr><td><code>" + esc(c->name) + "</code></td><td>" + esc(c->unit.empty() ? "–" : c->unit) +
         "</td><td>" + esc(svg::short_num(sum / static_cast<double>(v.size()))) + "</td><td>" +
         esc(svg::short_num(quantile(v, 0.025)) + " to " + svg::short_num(quantile(v, 0.975))) +
         "</td><td>" + std::to_string(above) + " of " + std::to_string(v.size()) + "</td><td>" +
         esc(std::isfinite(noise) ? svg::short_num(noise) : std::string("–")) + "</td></tr>";
    if (charts < 4 && varies(v) && !s.params.empty()) {
      ++charts;
      for (const SweepColumn* p : s.params) {
        svg::ScatterChart sc;
        sc.id = "sweep-diff-" + slug(c->name) + "--" + slug(p->name);
        sc.title = c->name + " against " + display_name(p->name);
        sc.x_label = with_unit(display_name(p->name), p->unit);
        sc.y_label = c->unit.empty() ? "difference" : c->unit;
        svg::ScatterGroup sg{c->name, svg::palette(0), {}, {}};
        for (std::size_t r = 0; r < d.rows; ++r)
          if (d.ok[r]) sg.x.push_back(p->v[r]), sg.y.push_back(c->v[r]);
        sc.groups.push_back(std::move(sg));
        svg::Line zero{"0", "#888", {}, {}};
        double lo = INFINITY, hi = -INFINITY;
        for (std::size_t r = 0; r < d.rows; ++r)
          if (d.ok[r] && std::isfinite(p->v[r])) lo = std::min(lo, p->v[r]), hi = std::max(hi, p->v[r]);
        if (lo < hi) {
          zero.x = {lo, hi};
          zero.y = {0, 0};
          zero.dashed = true;
          zero.width = 1;
          sc.lines.push_back(zero);
        }
        grid += figure(sc.title, svg::render(sc),
                       "Dots are runs; above the dashed line the arm's value is higher than "
                       "the baseline's.");
      }
    }
  }
  html += "<details open><summary>Every difference</summary>" + t + "</table></details>";
  if (!grid.empty()) html += "<div class=\"grid small\">" + grid + "</div>";
  return html + "</section>";
}

std::string sweep_top(const SweepView& s, bool sensitivity, bool difference) {
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
  std::vector<std::pair<std::string, std::string>> sections = {{"overview", "Overview"}};
  if (sensitivity) sections.push_back({"sensitivity", "Sensitivity"});
  sections.push_back({"influence", "Parameter influence"});
  sections.push_back({"fit", "R² and noise"});
  if (difference) sections.push_back({"difference", "Against the baseline"});
  sections.push_back({"response", "Responses"});
  sections.push_back({"provenance", "Provenance"});
  return page_head("placesim report: " + title) + header_block(title, esc(sub), text) +
         nav(sections);
}

std::string parameter_table(const SweepView& s) {
  const SweepData& d = s.d;
  std::string html =
      "<table id=\"sweep-parameters\"><tr><th>Parameter</th><th>Role</th><th>Unit</th><th>"
      "Values over successful runs</th><th>Distinct values</th></tr>";
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
    const std::string role = role_of_column(c->name);
    html += "<tr><td><code>" + esc(display_name(c->name)) + "</code></td><td>" +
            esc(role.empty() ? "–" : role) + "</td><td>" +
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
      "The sweep summary has one row per run. Failed runs are left out of every chart below. "
      "Role: a <b>lever</b> is a decision a manager or commissioner holds; an "
      "<b>uncertainty</b> is something about people and the world that the model assumes "
      "(<code>placesim params --role</code>).</p>";
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
      const bool regression =
          std::any_of(src.begin(), src.end(), [](double v) { return std::isfinite(v); });
      if (!regression) {
        in.any_spread = true;
        for (std::size_t j = 0; j < s.params.size(); ++j) src[j] = spread_of_means(x[j], y);
      } else {
        in.any_src = true;
      }
      for (double& v : src)
        if (std::isfinite(v) && std::fabs(v) < 1e-9) v = 0;
      in.rows.push_back(src);
      // R^2 beside each row: how far the standardised coefficients can be trusted to tell
      // the story (a linear fit that explains little ranks little).
      const double r2 = regression ? sensitivity::regression_r2(x, y) : kNaN;
      in.labels.push_back(g.base + (m.arm.empty() ? "" : " · " + m.arm) +
                          (std::isfinite(r2) ? " (R² " + svg::short_num(r2) + ")" : ""));
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
        "fixed (least squares over the successful runs); R² beside each outcome is the share of "
        "its variance the fit explains.";
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
  const std::string sensitivity = sensitivity_section(s, load_sensitivity(f));
  const std::string difference = difference_section(s, f);
  std::string html = sweep_top(s, !sensitivity.empty(), !difference.empty());
  html += "<main class=\"wrap\">";
  html += overview_section(s);
  html += sensitivity;
  html += influence_section(s);
  html += fit_section(s);
  html += difference;
  html += response_section(s);
  html += "</main>";
  html += footer(s.d.prov, f.path(), opts);
  return html + "</body></html>\n";
}

}  // namespace placesim::analysis::html
