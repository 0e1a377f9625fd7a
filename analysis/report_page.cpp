// The frame around every report: the page head with its inline style, the header with the
// experiment's question, the navigation bar and the provenance footer.
#include <set>

#include "analysis/report_html.hpp"
#include "placesim/version.hpp"
#include "sim/output_schema.hpp"

namespace placesim::analysis::html {
namespace {

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
.journey.wide{grid-template-columns:minmax(0,1fr)}
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

}  // namespace

std::string page_head(const std::string& title) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"generator\" content=\"placesim " +
         std::string(kVersion) + "\"><title>" + esc(title) + "</title><script>" + kScript +
         "</script><style>" + kStyle + "</style></head><body>";
}

std::string header_block(const std::string& title, const std::string& sub,
                         const ExperimentText& e) {
  std::string h = "<header class=\"top\"><div class=\"wrap\"><h1>" + esc(title) +
                  "</h1><div class=\"sub\">" + sub + "</div>";
  if (!e.question.empty() || !e.look_at.empty() || !e.problem.empty()) {
    h += "<div class=\"question\">";
    if (!e.question.empty()) h += "<div><b>Question.</b> " + esc(e.question) + "</div>";
    if (!e.look_at.empty()) h += "<div><b>What to look at.</b> " + esc(e.look_at) + "</div>";
    if (!e.expected.empty()) h += "<div><b>Expected.</b> " + esc(e.expected) + "</div>";
    if (!e.problem.empty()) h += "<div><b>Note.</b> " + esc(e.problem) + "</div>";
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
  std::string f =
      "<footer id=\"provenance\"><div class=\"wrap\"><section><h2>Provenance</h2>"
      "<p class=\"lead\">Where these numbers come from: enough to run them again.</p><table>";
  auto row = [&](const std::string& label, const std::string& v) {
    f += "<tr><th>" + esc(label) + "</th><td><code>" + esc(v.empty() ? "not recorded" : v) +
         "</code></td></tr>";
  };
  namespace k = schema;
  struct Known {
    const char* key;
    const char* label;
    bool always;  // shown as "not recorded" when absent
  };
  static const Known kKnown[] = {{k::kPlacesimVersion, "placesim version", true},
                                 {k::kGitCommit, "Git commit", true},
                                 {k::kSchemaVersion, "Output schema", false},
                                 {k::kExperiment, "Experiment", false},
                                 {k::sweep::kSweep, "Sweep", false},
                                 {k::sweep::kBase, "Base experiment", false},
                                 {k::kSource, "Source", false},
                                 {k::kSeed, "Seed", true},
                                 {k::kThreads, "Threads", false},
                                 {k::kStartedUtc, "Started (UTC)", false},
                                 {k::kFinishedUtc, "Finished (UTC)", false},
                                 {k::kWallSeconds, "Wall time (s)", false},
                                 {k::kCommandLine, "Command line", true}};
  row("File", path);
  std::set<std::string> done = {k::kComplete};
  for (const auto& known : kKnown) {
    done.insert(known.key);
    if (prov.count(known.key) || known.always) row(known.label, prov_get(prov, known.key));
  }
  std::string blocks;
  for (const auto& [key, v] : prov) {
    if (done.count(key)) continue;
    if (v.find('\n') != std::string::npos) {
      const std::string what = key == k::kConfigToml
                                   ? "Resolved configuration (every key, defaults included)"
                               : key == k::sweep::kSweepToml ? "Sweep file"
                                                             : key;
      blocks += "<details><summary>" + esc(what) + "</summary><pre>" + esc(v) + "</pre></details>";
    } else {
      row(key, v);
    }
  }
  row("Report made by",
      "placesim " + std::string(kVersion) + " (git " + kGitCommit + "): " + opts.command_line);
  f += "</table>" + blocks;
  return f + "</section></div></footer>";
}

}  // namespace placesim::analysis::html
