#include "analysis/report.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>

#include "core/domains.hpp"
#include "analysis/run_data.hpp"
#include "analysis/svg_chart.hpp"
#include "placesim/version.hpp"

namespace placesim::analysis {
namespace fs = std::filesystem;
using svg::esc;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---------- small helpers ----------

std::string slug(const std::string& s) {
  std::string out;
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out += static_cast<char>(std::tolower(u));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "x" : out;
}

std::string with_unit(const std::string& what, const std::string& unit) {
  return unit.empty() ? what : what + " (" + unit + ")";
}

// The value of `key = ...` in the resolved TOML (flat dotted keys, one per line).
std::string toml_value(const std::string& toml, const std::string& key) {
  std::size_t pos = 0;
  while (pos < toml.size()) {
    const std::size_t end = toml.find('\n', pos);
    const std::string line = toml.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? toml.size() : end + 1;
    if (line.rfind(key, 0) != 0) continue;
    std::size_t i = key.size();
    while (i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size() || line[i] != '=') continue;
    ++i;
    while (i < line.size() && line[i] == ' ') ++i;
    if (i < line.size() && line[i] == '"') {
      std::string v;
      for (++i; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] == '\\' && i + 1 < line.size()) {
          ++i;
          v += line[i] == 'n' ? '\n' : line[i] == 't' ? '\t' : line[i];
        } else {
          v += line[i];
        }
      }
      return v;
    }
    return line.substr(i);
  }
  return "";
}

std::string prov_get(const std::map<std::string, std::string>& prov, const std::string& k) {
  const auto it = prov.find(k);
  return it == prov.end() ? "" : it->second;
}

std::string figure(const std::string& title, const std::string& svg_text, const std::string& guide) {
  return "<figure><figcaption>" + esc(title) + "</figcaption>" + svg_text + "<p class=\"guide\">" +
         esc(guide) + "</p></figure>";
}

std::string note(const std::string& text) { return "<p class=\"note\">" + esc(text) + "</p>"; }

std::vector<double> x_axis(const RunData& run, std::size_t n) {
  if (run.tick.size() == n) return run.tick;
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<double>(i);
  return x;
}

std::string day_label(const RunData& run) { return with_unit("Day of the run", run.tick_unit); }

double total(const std::vector<double>& v) {
  double s = 0;
  for (double x : v)
    if (std::isfinite(x)) s += x;
  return s;
}

std::vector<double> cumulative(const std::vector<double>& v) {
  std::vector<double> out(v.size());
  double s = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (std::isfinite(v[i])) s += v[i];
    out[i] = s;
  }
  return out;
}

// One line per arm for a place series; nullopt when no arm recorded it.
std::optional<svg::LineChart> arms_chart(const RunData& run, const std::string& series,
                                         const std::string& id, const std::string& title,
                                         const std::string& what) {
  svg::LineChart c;
  c.id = id;
  c.title = title;
  c.x_label = day_label(run);
  std::string unit;
  for (std::size_t i = 0; i < run.arms.size(); ++i)
    if (const Series* s = run.arms[i].find(series)) {
      unit = s->unit;
      c.lines.push_back({run.arms[i].name, svg::palette(i), x_axis(run, s->v.size()), s->v});
    }
  if (c.lines.empty()) return std::nullopt;
  c.y_label = with_unit(what, unit);
  return c;
}

// ---------- page frame ----------

const char* kStyle = R"CSS(
:root{--ink:#1c2333;--muted:#5a6375;--line:#e2e5eb;--bg:#f4f5f8;--card:#fff;--accent:#14365d}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
.wrap{max-width:1200px;margin:0 auto;padding:0 24px}
header.top{background:var(--accent);color:#fff;padding:26px 0 20px}
header.top h1{font-size:26px;line-height:1.25;margin:0 0 6px;font-weight:650}
header.top .sub{color:#c8d4e8;font-size:14px}
header.top .question{margin-top:14px;background:rgba(255,255,255,.08);border-left:3px solid #7fb2e5;padding:10px 14px;border-radius:4px;font-size:14.5px;color:#eef3fa}
header.top .question b{color:#fff}
nav.toc{background:#fff;border-bottom:1px solid var(--line);position:sticky;top:0;z-index:2}
nav.toc .wrap{display:flex;flex-wrap:wrap;gap:4px 18px;padding-top:9px;padding-bottom:9px;font-size:14px}
nav.toc a{color:var(--accent);text-decoration:none}
nav.toc a:hover{text-decoration:underline}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:20px 24px 22px;margin:20px 0}
h2{font-size:20px;margin:0 0 4px;font-weight:650}
p.lead{color:var(--muted);margin:0 0 16px;max-width:900px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:18px}
.grid.small{grid-template-columns:repeat(auto-fill,minmax(300px,1fr))}
.grid.one{grid-template-columns:minmax(0,900px)}
.scroll{max-height:440px;overflow:auto;border-bottom:1px solid var(--line)}
figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:12px 14px 10px;background:#fff;break-inside:avoid;page-break-inside:avoid}
figcaption{font-weight:600;font-size:15px;margin-bottom:6px}
h3.outcome{font-size:16px;margin:18px 0 8px}
.journey{display:grid;grid-template-columns:3fr 2fr;gap:24px;align-items:start}
@media (max-width:900px){.journey{grid-template-columns:1fr}}
h3.outcome span{color:var(--muted);font-weight:400}
p.guide{font-size:13px;color:var(--muted);margin:6px 0 0}
svg.chart{width:100%;height:auto;display:block;overflow:visible}
svg.chart text{font-size:12px;fill:#4a5263}
svg.chart text.label{font-size:12.5px;fill:#1c2333}
svg.chart text.total{font-weight:600;fill:#1c2333}
svg.chart text.nodata{font-size:14px;fill:#8a93a5}
svg.chart .grid line{stroke:#eceef2}
p.note{background:#fbf7ea;border:1px solid #eadcae;border-radius:6px;padding:9px 13px;font-size:14px;color:#5b4d1f;margin:8px 0}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;background:#f8f9fb}
table.headline td.v{font-size:19px;font-weight:600;white-space:nowrap;font-variant-numeric:tabular-nums}
table.headline td.def{color:var(--muted);font-size:13px;max-width:420px}
table.headline td.metric{font-weight:600}
table.headline th.arm{border-top:4px solid var(--c);white-space:nowrap}
td.nr{color:#8a93a5!important;font-style:italic;font-weight:400!important;font-size:14px!important}
td.diff{font-size:14px;white-space:nowrap}
.better{color:#0a7a4f}.worse{color:#b3261e}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:18px}
.card h3{font-size:16px;margin:0 0 2px}
.card p.what{font-size:13.5px;color:var(--muted);margin:0 0 8px}
.kv{font-size:13.5px;margin:6px 0 0;color:var(--ink)}
.kv span{display:inline-block;margin-right:16px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:baseline}
footer{font-size:13px;color:var(--muted);padding:8px 0 40px}
footer table{font-size:13px}
footer th{width:170px;background:none}
footer code,footer pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
footer pre{background:#f8f9fb;border:1px solid var(--line);border-radius:6px;padding:10px;max-height:420px;overflow:auto;white-space:pre-wrap}
details summary{cursor:pointer;color:var(--accent);margin:8px 0}
@media print{
 body{background:#fff;font-size:10.5pt}
 header.top{background:#fff;color:#000;border-bottom:2px solid #000;padding:0 0 8px}
 header.top .sub,header.top .question{color:#000;background:none;border-left:2px solid #888}
 nav.toc{display:none}
 .wrap{max-width:none;padding:0}
 section{border:none;padding:0;margin:14px 0;break-before:auto}
 .grid,.cards{grid-template-columns:1fr 1fr;gap:10px}
 .grid.small{grid-template-columns:1fr 1fr 1fr}
 .grid.one{grid-template-columns:1fr}
 .scroll{max-height:none;overflow:visible}
 figure{border-color:#ccc}
 footer pre{max-height:none}
}
)CSS";

// Records script errors into the page so that a headless-browser test can read them from the
// DOM; the report itself needs no script to display.
const char* kScript = R"JS(
window.__errors=[];
window.addEventListener('error',function(e){window.__errors.push(String(e.message||e));});
window.addEventListener('load',function(){
 var b=document.body;
 b.setAttribute('data-charts',String(document.querySelectorAll('svg.chart').length));
 b.setAttribute('data-errors',String(window.__errors.length));
 if(window.__errors.length){var p=document.createElement('pre');p.id='script-errors';
  p.textContent=window.__errors.join('\n');b.appendChild(p);}
 b.setAttribute('data-loaded','1');
});
)JS";

std::string page_head(const std::string& title) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"generator\" content=\"placesim " + std::string(kVersion) + "\">"
         "<title>" + esc(title) + "</title><script>" + kScript + "</script><style>" + kStyle +
         "</style></head><body>";
}

std::string header_block(const std::string& title, const std::string& sub,
                         const std::string& config) {
  std::string h = "<header class=\"top\"><div class=\"wrap\"><h1>" + esc(title) + "</h1><div class=\"sub\">" +
                  sub + "</div>";
  const std::string question = toml_value(config, "experiment.question");
  const std::string look = toml_value(config, "experiment.look_at");
  const std::string expected = toml_value(config, "experiment.expected");
  if (!question.empty() || !look.empty()) {
    h += "<div class=\"question\">";
    if (!question.empty()) h += "<div><b>Question.</b> " + esc(question) + "</div>";
    if (!look.empty()) h += "<div><b>What to look at.</b> " + esc(look) + "</div>";
    if (!expected.empty()) h += "<div><b>Expected.</b> " + esc(expected) + "</div>";
    h += "</div>";
  }
  return h + "</div></header>";
}

std::string nav(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string n = "<nav class=\"toc\"><div class=\"wrap\">";
  for (const auto& [id, label] : items) n += "<a href=\"#" + id + "\">" + esc(label) + "</a>";
  return n + "</div></nav>";
}

std::string footer(const std::map<std::string, std::string>& prov, const std::string& path,
                   const ReportOptions& opts) {
  std::string f = "<footer id=\"provenance\"><div class=\"wrap\"><section><h2>Provenance</h2>"
                  "<p class=\"lead\">Where these numbers come from: enough to run them again.</p><table>";
  auto row = [&](const std::string& k, const std::string& v) {
    f += "<tr><th>" + esc(k) + "</th><td><code>" + esc(v.empty() ? "not recorded" : v) + "</code></td></tr>";
  };
  static const std::vector<std::pair<std::string, std::string>> kKnown = {
      {"placesim_version", "placesim version"}, {"git_commit", "Git commit"},
      {"schema_version", "Output schema"},      {"experiment", "Experiment"},
      {"sweep", "Sweep"},                       {"base", "Base experiment"},
      {"source", "Source"},                     {"seed", "Seed"},
      {"threads", "Threads"},                   {"started_utc", "Started (UTC)"},
      {"finished_utc", "Finished (UTC)"},       {"wall_seconds", "Wall time (s)"},
      {"command_line", "Command line"}};
  row("File", path);
  std::set<std::string> done;
  for (const auto& [k, label] : kKnown) {
    done.insert(k);
    if (prov.count(k) || k == "placesim_version" || k == "git_commit" || k == "seed" ||
        k == "command_line")
      row(label, prov_get(prov, k));
  }
  std::string blocks;
  for (const auto& [k, v] : prov) {
    if (done.count(k) || k == "complete") continue;
    if (v.find('\n') != std::string::npos) {
      const std::string what = k == "config_toml"  ? "Resolved configuration (every key, defaults included)"
                               : k == "sweep_toml" ? "Sweep file"
                                                   : k;
      blocks += "<details><summary>" + esc(what) + "</summary><pre>" + esc(v) + "</pre></details>";
    } else {
      row(k, v);
    }
  }
  row("Report made by", "placesim " + std::string(kVersion) + " (git " + kGitCommit + "): " +
                            opts.command_line);
  f += "</table>" + blocks;
  return f + "</section></div></footer>";
}

// ---------- run report sections ----------

std::string headline_section(const RunData& run) {
  const auto hs = headlines(run);
  const bool two = run.arms.size() == 2;
  std::string s = "<section id=\"headline\"><h2>Headline figures</h2><p class=\"lead\">"
                  "Each design side by side, over the whole run. “Not recorded” means this file "
                  "does not contain what the figure needs; nothing is estimated.</p>"
                  "<table class=\"headline\" id=\"headline-table\"><tr><th>Figure</th><th>What it means</th>";
  for (std::size_t i = 0; i < run.arms.size(); ++i)
    s += "<th class=\"arm\" style=\"--c:" + svg::palette(i) + "\">" + esc(run.arms[i].name) + "</th>";
  if (two) s += "<th>" + esc(run.arms[1].name) + " vs " + esc(run.arms[0].name) + "</th>";
  s += "</tr>";
  for (const auto& h : hs) {
    s += "<tr><td class=\"metric\">" + esc(h.label) + "</td><td class=\"def\">" + esc(h.definition) + "</td>";
    for (const auto& v : h.value)
      s += v ? "<td class=\"v\">" + esc(format_value(*v, h)) + "</td>"
             : "<td class=\"v nr\">" + esc(h.missing_reason) + "</td>";
    if (two) {
      const auto& a = h.value[0];
      const auto& b = h.value[1];
      if (a && b && std::isfinite(*a) && std::isfinite(*b) && *a != *b) {
        const bool better = h.lower_is_better ? *b < *a : *b > *a;
        std::string txt;
        char buf[64];
        if (h.percent) std::snprintf(buf, sizeof buf, "%+.1f points", 100 * (*b - *a));
        else if (*a != 0) std::snprintf(buf, sizeof buf, "%+.1f%%", 100 * (*b - *a) / std::fabs(*a));
        else std::snprintf(buf, sizeof buf, "%+g", *b - *a);
        txt = buf;
        s += "<td class=\"diff " + std::string(better ? "better" : "worse") + "\">" + esc(txt) +
             (better ? " (better)" : " (worse)") + "</td>";
      } else {
        s += "<td class=\"diff\">–</td>";
      }
    }
    s += "</tr>";
  }
  return s + "</table></section>";
}

std::string demand_section(const RunData& run) {
  std::string s = "<section id=\"demand\"><h2>Demand on services</h2><p class=\"lead\">Every "
                  "contact is classified as value demand (a new request) or failure demand "
                  "(caused by a failure to do something, or to do it right, for the person).</p><div class=\"grid\">";
  bool any = false;
  double top = 0;
  for (const auto& a : run.arms) {
    const Series* v = a.find("contacts_value");
    const Series* f = a.find("contacts_failure");
    if (v && f)
      for (std::size_t t = 0; t < v->v.size() && t < f->v.size(); ++t) top = std::max(top, v->v[t] + f->v[t]);
  }
  for (std::size_t i = 0; i < run.arms.size(); ++i) {
    const ArmData& a = run.arms[i];
    const Series* v = a.find("contacts_value");
    const Series* f = a.find("contacts_failure");
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
    c.bands.push_back({"value demand", "#4C9F70", x, zero, v->v, 0.55});
    c.bands.push_back({"failure demand", "#C8553D", x, v->v, stacked, 0.55});
    s += figure(c.title, svg::render(c),
                "The green area is new requests, the red area stacked on top is failure demand; "
                "a growing red area means the system is creating its own work.");
  }
  // Daily shares of a handful of contacts jump between 0 and 1; a rolling week reads better.
  svg::LineChart share;
  share.id = "chart-failure-share";
  share.title = "Failure demand share (rolling 7 days)";
  share.x_label = day_label(run);
  share.y_label = "Share of contacts (share 0-1)";
  for (std::size_t i = 0; i < run.arms.size(); ++i) {
    const Series* v = run.arms[i].find("contacts_value");
    const Series* f = run.arms[i].find("contacts_failure");
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
                "per design; lower is better, and a rising line means unresolved problems are coming back.");
  }
  if (!any)
    s += note("Not recorded in this file: no contacts_value / contacts_failure series (the "
              "model that wrote it has no service system, or an older output schema).");
  return s + "</div></section>";
}

std::string queue_section(const RunData& run) {
  std::string s = "<section id=\"queues\"><h2>Queues and waits</h2><p class=\"lead\">How many "
                  "people are waiting for a service, and for how long.</p><div class=\"grid\">";
  bool any = false;
  if (auto c = arms_chart(run, "queue_length", "chart-queue", "People waiting in queues", "People waiting")) {
    any = true;
    s += figure(c->title, svg::render(*c), "People waiting for any service at the end of each day; a queue that keeps growing means demand exceeds capacity.");
  }
  if (auto c = arms_chart(run, "mean_wait", "chart-wait", "Mean wait", "Mean wait")) {
    any = true;
    s += figure(c->title, svg::render(*c), "Average time people have been waiting; long waits erode trust and people arrive later and worse.");
  }
  if (!any) s += note("Not recorded in this file: no queue_length / mean_wait series.");
  return s + "</div></section>";
}

std::string crisis_wellbeing_section(const RunData& run) {
  std::string s = "<section id=\"wellbeing\"><h2>People in crisis and wellbeing</h2><p class=\"lead\">"
                  "What happens to the people: crisis is when any need passes the crisis level; "
                  "wellbeing is 1 minus the root mean square of the eight needs.</p><div class=\"grid\">";
  if (auto c = arms_chart(run, "in_crisis", "chart-crisis", "People in crisis", "People in crisis"))
    s += figure(c->title, svg::render(*c), "People with at least one need in crisis on each day; each line is one design, lower is better.");
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
    const Series* m = a.find("wellbeing_mean");
    const Series* p10 = a.find("wellbeing_p10");
    const Series* p50 = a.find("wellbeing_p50");
    const Series* p90 = a.find("wellbeing_p90");
    const std::string col = svg::palette(i);
    if (p10 && p90)
      w.bands.push_back({run.arms.size() > 1 ? "" : "10th-90th percentile", col,
                         x_axis(run, p10->v.size()), p10->v, p90->v, 0.14});
    if (m) {
      unit = m->unit;
      w.lines.push_back({a.name + " mean", col, x_axis(run, m->v.size()), m->v});
    }
    if (p50) w.lines.push_back({a.name + " median", col, x_axis(run, p50->v.size()), p50->v, true, 1.5});
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

std::string money_section(const RunData& run) {
  std::string s = "<section id=\"money\"><h2>Where the money goes</h2><p class=\"lead\">Cost of "
                  "service time by unit and the reactive cost of crises. Costs cut in one place "
                  "often reappear in another: compare the whole bar, not one segment.</p><div class=\"grid\">";
  svg::BarChart b;
  b.id = "chart-money";
  b.title = "Total cost over the run by where it falls";
  b.y_label = "Cost (GBP)";
  std::vector<std::string> unit_names;
  for (const auto& a : run.arms)
    for (const auto& u : a.unit_cost)
      if (std::find(unit_names.begin(), unit_names.end(), u.name) == unit_names.end())
        unit_names.push_back(u.name);
  for (const auto& a : run.arms) b.groups.push_back(a.name);
  std::size_t colour = 0;
  for (const auto& un : unit_names) {
    svg::BarSegment seg{un, svg::category_colour(colour++), {}};
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
      const Series* sc = a.find("service_cost");
      have = have || sc;
      seg.values.push_back(sc ? total(sc->v) : kNaN);
    }
    if (have) b.segments.push_back(seg);
  }
  svg::BarSegment crisis{"reactive crisis cost", "#B3261E", {}};
  bool have_crisis = false;
  for (const auto& a : run.arms) {
    const Series* cc = a.find("crisis_cost");
    have_crisis = have_crisis || cc;
    crisis.values.push_back(cc ? total(cc->v) : kNaN);
  }
  if (have_crisis) b.segments.push_back(crisis);
  if (!b.segments.empty())
    s += figure(b.title, svg::render(b),
                "One bar per design; each segment is a service unit or reactive crisis cost. A "
                "design that is cheaper in services but dearer in crises has shifted cost, not saved it.");

  // Services and crises on separate axes: crisis cost is often a tenth of staff cost and would
  // lie flat on a shared one.
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
    } else if (const Series* sc = a.find("service_cost")) {
      service = sc->v;
    }
    if (!service.empty())
      c.lines.push_back({a.name, svg::palette(i), x_axis(run, service.size()), cumulative(service)});
    if (const Series* cc = a.find("crisis_cost"))
      k.lines.push_back({a.name, svg::palette(i), x_axis(run, cc->v.size()), cumulative(cc->v)});
  }
  if (!c.lines.empty())
    s += figure(c.title, svg::render(c),
                "Spending on the staff of every service unit added up day by day, one line per "
                "design; read it together with the crisis cost beside it.");
  if (!k.lines.empty())
    s += figure(k.title, svg::render(k),
                "Reactive crisis cost added up day by day, one line per design; lower service "
                "spending that is paid back here has shifted cost, not saved it.");
  if (b.segments.empty() && c.lines.empty() && k.lines.empty()) s += note("Not recorded in this file: no cost series.");
  else if (unit_names.empty() && !run.arms.front().find("service_cost"))
    s += note("Service cost by unit is not recorded in this file (no /arms/<arm>/units and no "
              "service_cost series); only the reactive crisis cost is shown.");
  return s + "</div></section>";
}

std::string cost_curve_section(const RunData& run) {
  std::string s = "<section id=\"cost-curves\"><h2>Individual cost curves</h2><p class=\"lead\">"
                  "Cumulative cost attributed to each sampled person (service time and reactive crisis use), "
                  "summarised across the sample: the median person, the mean and the 10-90% range.</p><div class=\"grid one\">";
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
    const bool flat = std::all_of(curves[0].p50.begin(), curves[0].p50.end(), [](double v) { return v == 0; }) &&
                      std::all_of(curves[i].p50.begin(), curves[i].p50.end(), [](double v) { return v == 0; });
    CostCurve a = curves[0], b = curves[i];
    if (flat) a.p50 = a.mean, b.p50 = b.mean;
    const std::string which = flat ? "mean" : "median";
    if (auto x = crossover(a, b)) {
      c.markers.push_back({*x, "crossover day " + std::to_string(static_cast<long long>(std::lround(*x)))});
      crossing_text += "The " + which + " curves of " + run.arms[0].name + " and " + run.arms[i].name +
                       " cross on about day " + std::to_string(static_cast<long long>(std::lround(*x))) + ". ";
    } else {
      crossing_text += "The " + which + " curves of " + run.arms[0].name + " and " + run.arms[i].name +
                       " do not cross within the run. ";
    }
  }
  if (c.lines.empty()) {
    s += note("Not recorded in this file: no per-person cost sample (/arms/<arm>/sample/cost).");
  } else {
    s += figure(c.title, svg::render(c),
                "Solid lines are the median sampled person of each design, dashed lines the mean, and "
                "the shaded band holds the middle 80% of people; where the lines cross, the design "
                "that cost more at the start becomes the cheaper one. " + crossing_text);
  }
  return s + "</div></section>";
}

// The cases of one person, in the order they closed, under each design.
std::string journey_cases(const RunData& run, long long id) {
  std::string rows;
  bool recorded = false;
  for (std::size_t i = 0; i < run.arms.size(); ++i) {
    const Cases& c = run.arms[i].cases;
    recorded = recorded || !c.outcome_names.empty() || c.size() > 0;
    for (std::size_t k = 0; k < c.size(); ++k) {
      if (static_cast<long long>(c.citizen[k]) != id) continue;
      const auto unit_idx = static_cast<std::size_t>(std::isfinite(c.unit[k]) ? c.unit[k] : 1e9);
      const std::string unit = unit_idx < run.unit_names.size() ? run.unit_names[unit_idx]
                                                                 : svg::short_num(c.unit[k]);
      const auto dom = static_cast<int>(std::isfinite(c.domain[k]) ? c.domain[k] : -1);
      const std::string domain = dom >= 0 && dom < kDomains ? std::string(kDomainNames[dom]) : "–";
      const auto out = c.outcome_names.find(static_cast<int>(c.outcome[k]));
      rows += "<tr><td><span class=\"swatch\" style=\"background:" + svg::palette(i) + "\"></span>" +
              esc(run.arms[i].name) + "</td><td>" + esc(unit) + "</td><td>" + esc(domain) + "</td><td>" +
              esc(svg::short_num(c.opened[k])) + "</td><td>" + esc(svg::short_num(c.closed[k])) +
              "</td><td>" + esc(svg::short_num(c.hours[k])) + "</td><td>" +
              esc(out == c.outcome_names.end() ? svg::short_num(c.outcome[k]) : out->second) + "</td></tr>";
    }
  }
  if (!recorded) return "";
  if (rows.empty())
    return note("No case of citizen " + std::to_string(id) + " closed during the run in any design.");
  return "<h3 class=\"outcome\">Cases closed during the run</h3><div class=\"scroll\"><table id=\"journey-cases\"><tr><th>Design</th>"
         "<th>Unit</th><th>Presenting need</th><th>Opened (day)</th><th>Closed (day)</th>"
         "<th>Staff hours</th><th>How it ended</th></tr>" + rows + "</table></div>";
}

std::string journey_section(const H5Reader& f, const RunData& run, const ReportOptions& opts) {
  std::string s = "<section id=\"journey\"><h2>One life</h2>";
  const auto person = pick_person(run, opts.person);
  if (!person) {
    return s + note("No sampled people in this file, and no --person given.") + "</section>";
  }
  const long long id = *person;
  s += "<p class=\"lead\">The journey of citizen " + std::to_string(id) +
       (opts.person ? " (chosen with --person)" : " (the sampled person with the most contacts)") +
       " under each design: the same person and the same life events, met by a different service system.</p>";
  struct Row {
    std::string label, field;
    bool money = false;
  };
  const std::vector<Row> rows = {{"Contacts with services", "contacts"},
                                 {"of which failure demand", "failure_contacts"},
                                 {"Assessments", "assessments"},
                                 {"Referrals", "referrals"},
                                 {"Distinct workers met", "workers_met"},
                                 {"Distinct service units met", "services_met"},
                                 {"Staff hours spent on them", "staff_hours"},
                                 {"Voluntary-group memberships at the end", "group_memberships"},
                                 {"Crises", "crises"},
                                 {"Cost attributed (GBP)", "cost", true},
                                 {"of which reactive crisis cost (GBP)", "crisis_cost", true},
                                 {"Trust in services at the end (0-1)", "trust"},
                                 {"Wellbeing at the end (0-1)", "wellbeing"}};
  std::string head;
  for (std::size_t i = 0; i < run.arms.size(); ++i)
    head += "<th><span class=\"swatch\" style=\"background:" + svg::palette(i) + "\"></span>" + esc(run.arms[i].name) + "</th>";
  s += "<div class=\"journey\"><table id=\"journey-table\"><tr><th>Citizen " + std::to_string(id) +
       ": what happened</th>" + head + "</tr>";
  bool known = false;
  auto cell = [](std::optional<double> v, bool money) -> std::string {
    if (!v) return "<td class=\"nr\">not recorded</td>";
    const double x = *v;
    if (money) return "<td>£" + thousands(x, 0) + "</td>";
    if (x != std::floor(x)) return "<td>" + thousands(x, 2) + "</td>";
    return "<td>" + thousands(x, 0) + "</td>";
  };
  for (const auto& r : rows) {
    s += "<tr><td>" + esc(r.label) + "</td>";
    for (const auto& a : run.arms) {
      std::optional<double> v;
      if (const Series* c = a.find_citizen(r.field); c && id >= 0 && static_cast<std::size_t>(id) < c->v.size())
        v = c->v[static_cast<std::size_t>(id)];
      known = known || v.has_value();
      s += cell(v, r.money);
    }
    s += "</tr>";
  }
  // Needs are read one element at a time: a large run's need arrays are not otherwise loaded.
  std::string needs;
  for (const auto& dn : kDomainNames) {
    const std::string d(dn);
    bool any = false;
    std::string row = "<tr><td>" + d + "</td>";
    for (const auto& a : run.arms) {
      std::optional<double> v;
      if (id >= 0) v = f.read_element("/arms/" + a.name + "/citizens/need_" + d, static_cast<std::uint64_t>(id));
      any = any || v.has_value();
      row += cell(v, false);
    }
    if (any) needs += row + "</tr>";
  }
  s += "</table>";
  if (!needs.empty())
    s += "<table id=\"journey-needs\"><tr><th>Need at the end (0 fine, 1 crisis)</th>" + head + "</tr>" +
         needs + "</table>";
  s += "</div>";
  s += journey_cases(run, id);
  if (!known) s += note("Citizen " + std::to_string(id) + " is not in this file (ids run from 0 to "
                        + std::to_string(static_cast<long long>(run.arms.front().people) - 1) + ").");

  svg::LineChart cost, wb;
  cost.id = "chart-journey-cost";
  cost.title = "Citizen " + std::to_string(id) + ": cumulative cost";
  cost.x_label = day_label(run);
  wb.id = "chart-journey-wellbeing";
  wb.title = "Citizen " + std::to_string(id) + ": wellbeing";
  wb.x_label = day_label(run);
  wb.y_label = "Wellbeing (index 0-1)";
  std::string unit = "GBP";
  for (std::size_t i = 0; i < run.arms.size(); ++i) {
    const Sample& sm = run.arms[i].sample;
    const auto it = std::find(sm.citizen.begin(), sm.citizen.end(), static_cast<double>(id));
    if (it == sm.citizen.end()) continue;
    const std::size_t col = static_cast<std::size_t>(it - sm.citizen.begin());
    std::vector<double> cv, wv;
    for (std::size_t k = 0; k < sm.rows(); ++k) {
      if (sm.cost.size() == sm.rows() * sm.cols()) cv.push_back(sm.cost[k * sm.cols() + col]);
      if (sm.wellbeing.size() == sm.rows() * sm.cols()) wv.push_back(sm.wellbeing[k * sm.cols() + col]);
    }
    unit = sm.cost_unit;
    if (!cv.empty()) cost.lines.push_back({run.arms[i].name, svg::palette(i), sm.tick, cv});
    if (!wv.empty()) wb.lines.push_back({run.arms[i].name, svg::palette(i), sm.tick, wv});
  }
  cost.y_label = with_unit("Cumulative cost", unit);
  if (cost.lines.empty() && wb.lines.empty()) {
    s += note("Citizen " + std::to_string(id) + " is not in the per-person sample, so only the "
              "final counters above are recorded; choose a sampled person (see placesim inspect) "
              "to see the curves.");
  } else {
    s += "<div class=\"grid\" style=\"margin-top:16px\">";
    s += figure(cost.title, svg::render(cost),
                "Each line is this person under one design; steps are service contacts or crises that cost money.");
    s += figure(wb.title, svg::render(wb),
                "Each line is this person's wellbeing under one design; dips are life shocks, recoveries are help or time.");
    s += "</div>";
  }
  return s + "</section>";
}

struct Indicator {
  std::string id, title, axis, what;
  std::vector<std::string> series;  // first found per arm is drawn
  std::string prefix;               // or any series starting with this
};

std::string health_section(const RunData& run) {
  std::string s = "<section id=\"health\"><h2>System health</h2><p class=\"lead\">Indicators of "
                  "the health of the system, computed from the model's state, never set: trust, "
                  "collaboration, community ties, staff morale and the system behaviours of "
                  "sharing information, devolving decisions and working with people.</p><div class=\"cards\">";
  const std::vector<Indicator> inds = {
      {"health-trust", "Trust in services", "Trust",
       "Citizens' mean trust in services: falls with being turned away, long waits and "
       "hand-offs; rises with an owned, continuous relationship.",
       {"trust_mean"}, ""},
      {"health-collaboration", "Collaboration network", "Density",
       "Reach of the organisational network: active ties between units and voluntary groups "
       "over the possible ones.",
       {"collab_density", "collaboration_density", "collab_reach"}, "collab_dens"},
      {"health-collab-trust", "Trust between services", "Trust",
       "Mean trust on the active ties of the collaboration network.", {"collab_trust"}, ""},
      {"health-community", "Community ties", "Support",
       "Citizens' mean social support from their contacts: the strength that pulls needs "
       "back down.",
       {"support_mean", "community_ties"}, ""},
      {"health-groups", "Voluntary-group memberships", "Memberships",
       "Memberships of voluntary and community groups held by citizens.",
       {"group_members", "group_memberships"}, ""},
      {"health-morale", "Staff morale", "Morale",
       "Front-line workers' mean morale: when staff are trusted and motivated, productivity and "
       "retention rise.",
       {"morale_mean", "staff_morale"}, ""},
      {"health-learning", "Staff learning", "Experience",
       "Mean experience of staff in post: workers learn and improve, or leave and take it with them.",
       {"experience_mean"}, ""},
      {"health-information", "Information travels with the person", "Share",
       "Share of hand-offs where the person's story went with them (no story told again).",
       {"info_shared_share"}, ""},
      {"health-frontline", "Decisions at the front line", "Share",
       "Share of decisions made in the work rather than escalated up the hierarchy.",
       {"frontline_decision_share"}, ""},
      {"health-coproduction", "Co-production", "Share",
       "Share of actions decided together with the person.", {"coproduction_share"}, ""},
  };
  for (const auto& ind : inds) {
    svg::LineChart c;
    c.id = ind.id;
    c.title = ind.title;
    c.x_label = day_label(run);
    c.height = 240;
    std::string unit, used;
    for (std::size_t i = 0; i < run.arms.size(); ++i) {
      const ArmData& a = run.arms[i];
      const Series* found = nullptr;
      for (const auto& n : ind.series)
        if ((found = a.find(n))) break;
      if (!found && !ind.prefix.empty())
        for (const auto& sr : a.series)
          if (sr.name.rfind(ind.prefix, 0) == 0) {
            found = &sr;
            break;
          }
      if (!found) continue;
      unit = found->unit;
      used = found->name;
      c.lines.push_back({a.name, svg::palette(i), x_axis(run, found->v.size()), found->v});
    }
    c.zero_based = false;
    c.y_label = with_unit(ind.axis, unit);
    s += "<figure class=\"card\"><h3>" + esc(ind.title) + "</h3><p class=\"what\">" + esc(ind.what) + "</p>";
    if (c.lines.empty()) {
      s += "<p class=\"note\">Not recorded in this file.</p>";
    } else {
      s += svg::render(c);
      s += "<p class=\"kv\">";
      for (std::size_t k = 0; k < c.lines.size(); ++k)
        s += "<span><span class=\"swatch\" style=\"background:" + c.lines[k].color + "\"></span>" +
             esc(c.lines[k].label) + " on the last day: <b>" +
             esc(svg::short_num(c.lines[k].y.empty() ? kNaN : c.lines[k].y.back())) + "</b></span>";
      s += "</p><p class=\"guide\">Series <code>" + esc(used) + "</code>; each line is one design, higher is healthier.</p>";
    }
    if (ind.id == "health-community")
      for (std::size_t i = 0; i < run.arms.size(); ++i) {
        const auto& n = run.arms[i].network;
        if (n.empty()) continue;
        auto get = [&](const char* k) { const auto it = n.find(k); return it == n.end() ? kNaN : it->second; };
        s += "<p class=\"kv\"><span class=\"swatch\" style=\"background:" + svg::palette(i) + "\"></span>" +
             esc(run.arms[i].name) + " social network: " + thousands(get("people")) + " people, " +
             thousands(get("ties")) + " ties, mean " + svg::short_num(get("mean_degree")) +
             " ties per person, clustering " + svg::short_num(get("clustering")) +
             ", mean path length " + svg::short_num(get("path_length")) + "</p>";
      }
    s += "</figure>";
  }
  return s + "</div></section>";
}

std::string other_series_section(const RunData& run) {
  static const std::set<std::string> kShown = {
      "contacts_value", "contacts_failure", "failure_demand_share", "queue_length", "mean_wait",
      "in_crisis", "wellbeing_mean", "wellbeing_p10", "wellbeing_p50", "wellbeing_p90",
      "crisis_cost", "service_cost", "trust_mean", "support_mean", "morale_mean", "collab_density",
      "collab_trust", "group_members", "experience_mean", "info_shared_share",
      "frontline_decision_share", "coproduction_share"};
  std::vector<std::string> names;
  for (const auto& a : run.arms)
    for (const auto& sr : a.series)
      if (!kShown.count(sr.name) && std::find(names.begin(), names.end(), sr.name) == names.end())
        names.push_back(sr.name);
  if (names.empty()) return "";
  std::string s = "<section id=\"other\"><h2>Everything else recorded</h2><p class=\"lead\">Every "
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

std::string run_report(const H5Reader& f, const ReportOptions& opts) {
  const RunData run = load_run(f);
  const std::string cfg = prov_get(run.prov, "config_toml");
  std::string title = toml_value(cfg, "experiment.title");
  const std::string experiment = prov_get(run.prov, "experiment");
  if (title.empty()) title = experiment.empty() ? "placesim run" : experiment;
  std::string arms;
  for (const auto& a : run.arms) arms += (arms.empty() ? "" : ", ") + a.name;
  const std::size_t days = run.tick.size();
  const std::size_t people = run.arms.front().people;
  std::string sub = esc(run.arms.size() > 1 ? "Comparison of " + std::to_string(run.arms.size()) +
                                                  " designs (" + arms + ") on the same people and life events"
                                            : "Single run");
  sub += " · " + thousands(static_cast<double>(people)) + " people · " + thousands(static_cast<double>(days)) +
         " days · experiment <b>" + esc(experiment) + "</b> · seed " + esc(prov_get(run.prov, "seed"));

  std::string html = page_head("placesim report: " + title);
  html += header_block(title, sub, cfg);
  html += nav({{"headline", "Headline"}, {"demand", "Demand"}, {"queues", "Queues"},
               {"wellbeing", "Crisis & wellbeing"}, {"money", "Money"}, {"cost-curves", "Cost curves"},
               {"journey", "One life"}, {"health", "System health"}, {"other", "Everything else"},
               {"provenance", "Provenance"}});
  html += "<main class=\"wrap\">";
  html += headline_section(run);
  html += demand_section(run);
  html += queue_section(run);
  html += crisis_wellbeing_section(run);
  html += money_section(run);
  html += cost_curve_section(run);
  html += journey_section(f, run, opts);
  html += health_section(run);
  html += other_series_section(run);
  html += "</main>";
  html += footer(run.prov, f.path(), opts);
  return html + "</body></html>\n";
}

// ---------- sweep report ----------

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

std::vector<double> member_values(const SweepData& d, const SweepMember& m) {
  std::vector<double> v;
  for (std::size_t r = 0; r < d.rows; ++r)
    if (d.ok[r] && (m.row_arm.empty() || d.arm[r] == m.row_arm)) v.push_back(m.col->v[r]);
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
  static const char* order[] = {"failure_demand_share", "crisis_cost", "service_cost", "wellbeing_mean",
                                "in_crisis", "repeat_contacts", "trust_mean", "queue_length",
                                "mean_wait", "morale_mean", "assessments", "referrals"};
  for (std::size_t i = 0; i < sizeof order / sizeof order[0]; ++i)
    if (base.rfind(order[i], 0) == 0) return static_cast<int>(i);
  return 1000;
}

std::string sweep_report(const H5Reader& f, const ReportOptions& opts) {
  const SweepData d = load_sweep(f);
  const auto params = d.of(Role::kParameter);
  const auto outcomes = d.of(Role::kOutcome);

  std::vector<SweepGroup> groups;
  std::vector<std::string> arms, row_arms;
  for (const auto& a : d.arm)
    if (!a.empty() && std::find(row_arms.begin(), row_arms.end(), a) == row_arms.end()) row_arms.push_back(a);
  for (const SweepColumn* o : outcomes) {
    const auto slash = o->name.find('/');
    const std::string arm = slash == std::string::npos ? "" : o->name.substr(0, slash);
    const std::string base = slash == std::string::npos ? o->name : o->name.substr(slash + 1);
    auto it = std::find_if(groups.begin(), groups.end(), [&](const SweepGroup& g) { return g.base == base; });
    if (it == groups.end()) {
      groups.push_back({base, o->unit, {}, true});
      it = groups.end() - 1;
    }
    const std::vector<std::string> member_arms = row_arms.empty() ? std::vector<std::string>{arm} : row_arms;
    for (const auto& ma : member_arms) {
      it->members.push_back({ma, row_arms.empty() ? "" : ma, o});
      if (std::find(arms.begin(), arms.end(), ma) == arms.end()) arms.push_back(ma);
    }
  }
  for (auto& g : groups)
    for (const auto& m : g.members)
      if (varies(member_values(d, m))) g.constant = false;
  std::stable_sort(groups.begin(), groups.end(), [](const SweepGroup& a, const SweepGroup& b) {
    return outcome_priority(a.base) < outcome_priority(b.base);
  });
  const bool multi_arm = arms.size() > 1 || (arms.size() == 1 && !arms[0].empty());
  const std::size_t ok = static_cast<std::size_t>(std::count(d.ok.begin(), d.ok.end(), true));

  const std::string cfg = prov_get(d.prov, "config_toml");
  std::string name = prov_get(d.prov, "sweep");
  if (name.empty()) name = toml_value(cfg, "experiment.title");
  if (name.empty()) name = prov_get(d.prov, "experiment");
  const std::string title = "Sweep: " + (name.empty() ? "parameter sweep" : name);
  std::string sub = thousands(static_cast<double>(d.rows)) + " runs (" + thousands(static_cast<double>(ok)) +
                    " succeeded) · " + std::to_string(params.size()) + " parameters · " +
                    std::to_string(groups.size()) + " outcomes";
  if (multi_arm) sub += " · " + std::to_string(arms.size()) + " designs";
  const std::string base = prov_get(d.prov, "base");
  if (!base.empty()) sub += " · base experiment " + base;

  std::string html = page_head("placesim report: " + title);
  html += header_block(title, esc(sub), cfg);
  html += nav({{"overview", "Overview"}, {"influence", "Parameter influence"},
               {"response", "Responses"}, {"provenance", "Provenance"}});
  html += "<main class=\"wrap\">";

  // Overview: what was varied and what came out.
  html += "<section id=\"overview\"><h2>What was varied, what was measured</h2><p class=\"lead\">"
          "The sweep summary has one row per run. Failed runs are left out of every chart below.</p>";
  html += "<table id=\"sweep-parameters\"><tr><th>Parameter</th><th>Unit</th><th>Values over successful runs</th><th>Distinct values</th></tr>";
  for (const SweepColumn* c : params) {
    std::vector<double> v;
    for (std::size_t r = 0; r < d.rows; ++r)
      if (d.ok[r] && std::isfinite(c->v[r])) v.push_back(c->v[r]);
    std::set<double> distinct(v.begin(), v.end());
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
  html += "</table>";
  if (ok < d.rows) html += note(std::to_string(d.rows - ok) + " run(s) failed and are excluded.");
  if (params.empty())
    html += note("No parameter columns recognised in /runs (expected a /columns table with roles, "
                 "a 'parameters' attribute, or numeric columns named by config key such as place.citizens).");
  html += "<details><summary>All " + std::to_string(groups.size()) +
          " outcomes and their ranges</summary><table id=\"sweep-outcomes\"><tr><th>Outcome</th><th>Unit</th>";
  for (const auto& a : arms) html += "<th>" + esc(a.empty() ? "range" : a) + "</th>";
  html += "</tr>";
  for (const auto& g : groups) {
    html += "<tr><td><code>" + esc(g.base) + "</code></td><td>" + esc(g.unit.empty() ? "–" : g.unit) + "</td>";
    for (const auto& a : arms) {
      std::string cell = "–";
      for (const auto& m : g.members)
        if (m.arm == a) {
          const auto v = member_values(d, m);
          const double lo = quantile(v, 0), hi = quantile(v, 1);
          cell = varies(v) ? svg::short_num(lo) + " to " + svg::short_num(hi) : svg::short_num(lo) + " (constant)";
        }
      html += "<td>" + esc(cell) + "</td>";
    }
    html += "</tr>";
  }
  html += "</table></details></section>";

  // Influence: one heat-map row per (outcome, design), one column per parameter.
  html += "<section id=\"influence\"><h2>Which parameters matter most</h2>";
  svg::Heatmap hm;
  hm.id = "chart-influence";
  hm.title = "Parameter influence";
  std::vector<std::vector<double>> rowvals;
  std::vector<std::string> rowlabels;
  bool any_spread = false, any_src = false;
  for (const auto& g : groups)
    for (const auto& m : g.members) {
      std::vector<std::vector<double>> x(params.size());
      std::vector<double> y;
      for (std::size_t r = 0; r < d.rows; ++r) {
        if (!d.ok[r] || (!m.row_arm.empty() && d.arm[r] != m.row_arm)) continue;
        y.push_back(m.col->v[r]);
        for (std::size_t j = 0; j < params.size(); ++j) x[j].push_back(params[j]->v[r]);
      }
      if (!varies(y)) continue;  // nothing to explain
      auto src = standardised_coefficients(x, y);
      if (std::none_of(src.begin(), src.end(), [](double v) { return std::isfinite(v); })) {
        any_spread = true;
        for (std::size_t j = 0; j < params.size(); ++j) src[j] = spread_of_means(x[j], y);
      } else {
        any_src = true;
      }
      for (double& v : src)
        if (std::isfinite(v) && std::fabs(v) < 1e-9) v = 0;
      rowvals.push_back(src);
      rowlabels.push_back(g.base + (m.arm.empty() ? "" : " · " + m.arm));
    }
  std::vector<std::pair<double, std::size_t>> rank;
  for (std::size_t j = 0; j < params.size(); ++j) {
    double sum = 0;
    int n = 0;
    for (const auto& rv : rowvals)
      if (std::isfinite(rv[j])) sum += std::fabs(rv[j]), ++n;
    rank.push_back({n ? sum / n : -1, j});
  }
  std::stable_sort(rank.begin(), rank.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [score, j] : rank) hm.cols.push_back(display_name(params[j]->name));
  hm.rows = rowlabels;
  for (const auto& rv : rowvals)
    for (const auto& [score, j] : rank) hm.values.push_back(rv[j]);
  hm.width = std::min(1100, static_cast<int>(320 + 110 * params.size()));
  std::string method;
  if (any_src)
    method = "Standardised regression coefficients: the change in an outcome, in its standard "
             "deviations, for a one-standard-deviation change in a parameter with the others held "
             "fixed (least squares over the successful runs).";
  if (any_spread)
    method += std::string(method.empty() ? "" : " Where there are too few runs for a regression: ") +
              "the spread of means, the range of an outcome's mean across the values of a "
              "parameter, in standard deviations of the outcome.";
  html += "<p class=\"lead\">" + esc(method) +
          " Parameters are ordered from most to least influential; outcomes that did not vary are left out.</p>";
  if (!rank.empty() && rank.front().first >= 0) {
    html += "<p class=\"kv\" id=\"influence-ranking\"><b>Ranking by mean absolute influence:</b> ";
    for (std::size_t k = 0; k < rank.size(); ++k)
      html += std::string(k ? " &gt; " : "") + "<code>" + esc(display_name(params[rank[k].second]->name)) +
              "</code> (" + esc(svg::short_num(rank[k].first)) + ")";
    html += "</p>";
  }
  if (rowvals.empty())
    html += note("No outcome varied across the successful runs, so no influence can be estimated.");
  else
    html += figure("Parameter influence on each outcome", svg::render(hm),
                   "Read down a column to see what one parameter moves; blue means the outcome rises "
                   "with the parameter, red that it falls, and pale cells mean little influence.");
  html += "</section>";

  // Response of each outcome to each parameter: small multiples.
  html += "<section id=\"response\"><h2>How each outcome responds to each parameter</h2><p class=\"lead\">"
          "One small chart per outcome and parameter: every dot is a run, the line joins the mean "
          "at each parameter value.";
  if (multi_arm) {
    html += " Colours are designs: ";
    for (std::size_t k = 0; k < arms.size(); ++k)
      html += "<span class=\"swatch\" style=\"background:" + svg::palette(k) + "\"></span>" + esc(arms[k]) + " ";
  }
  html += "</p>";
  std::size_t shown = 0, constant = 0;
  constexpr std::size_t kOpen = 6;  // outcomes shown before the rest fold away
  for (const auto& g : groups) {
    if (g.constant) {
      ++constant;
      continue;
    }
    if (shown == kOpen) html += "<details><summary>More outcomes</summary>";
    ++shown;
    html += "<h3 class=\"outcome\">" + esc(g.base) +
            (g.unit.empty() ? "" : " <span>(" + esc(g.unit) + ")</span>") + "</h3><div class=\"grid small\">";
    for (const SweepColumn* p : params) {
      svg::ScatterChart sc;
      sc.id = "sweep-" + slug(g.base) + "--" + slug(p->name);
      sc.title = g.base + " against " + display_name(p->name);
      sc.x_label = with_unit(display_name(p->name), p->unit);
      sc.y_label = g.unit.empty() ? g.base : g.unit;  // the outcome is named just above
      for (const auto& m : g.members) {
        const std::size_t colour =
            static_cast<std::size_t>(std::find(arms.begin(), arms.end(), m.arm) - arms.begin());
        svg::ScatterGroup sg{m.arm, svg::palette(colour), {}, {}};
        std::map<double, std::pair<double, int>> means;
        for (std::size_t r = 0; r < d.rows; ++r) {
          if (!d.ok[r] || (!m.row_arm.empty() && d.arm[r] != m.row_arm)) continue;
          sg.x.push_back(p->v[r]);
          sg.y.push_back(m.col->v[r]);
          if (std::isfinite(p->v[r]) && std::isfinite(m.col->v[r])) {
            means[p->v[r]].first += m.col->v[r];
            ++means[p->v[r]].second;
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
      html += figure(sc.title, svg::render(sc),
                     "Dots are runs; a steep mean line means this parameter moves this outcome.");
    }
    html += "</div>";
  }
  if (shown > kOpen) html += "</details>";
  if (constant > 0)
    html += note(std::to_string(constant) + " outcome(s) did not vary across the successful runs and are not drawn.");
  if (outcomes.empty()) html += note("No outcome columns recognised in /runs.");
  html += "</section></main>";
  html += footer(d.prov, f.path(), opts);
  return html + "</body></html>\n";
}

}  // namespace

std::string render_report(const H5Reader& file, const ReportOptions& opts) {
  return detect_kind(file) == FileKind::kSweep ? sweep_report(file, opts) : run_report(file, opts);
}

void write_report(const std::string& out, bool overwrite, const std::string& html) {
  const fs::path p(out);
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw InputError(out + ": directory '" + dir.string() + "' does not exist");
  if (fs::exists(p, ec) && !overwrite)
    throw InputError(out + ": exists; pass --overwrite to replace it");
  const std::string tmp = out + ".partial-" + std::to_string(::getpid());
  {
    std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
    o << html;
    o.close();
    if (!o) {
      fs::remove(tmp, ec);
      throw std::runtime_error(out + ": cannot write the report");
    }
  }
  fs::rename(tmp, p, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error(out + ": cannot rename the finished report into place");
  }
}

}  // namespace placesim::analysis
