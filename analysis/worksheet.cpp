#include "analysis/worksheet.hpp"

#include <sstream>

#include "analysis/svg_chart.hpp"

namespace placesim::analysis {
namespace {

using svg::esc;

// One page of A4 when printed: small type, no colour that needs a colour printer, room to write.
constexpr const char* kStyle =
    "@page{size:A4;margin:11mm 13mm}"
    "body{font:10pt/1.3 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#111;"
    "max-width:180mm;margin:0 auto;padding:8px}"
    "h1{font-size:16pt;margin:0 0 2px}h2{font-size:11.5pt;margin:10px 0 3px;"
    "border-bottom:1px solid #999}"
    ".sub{color:#444;margin:0 0 8px}.box{border:1px solid #777;border-radius:4px;padding:6px 8px}"
    ".lines{border-bottom:1px dotted #777;height:1.5em}"
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px 6px;"
    "text-align:left;font-size:10pt}th{background:#eee}"
    "code{font-size:9.5pt;background:#f3f3f3;padding:1px 3px}"
    "details{margin-top:10px;font-size:9.5pt;color:#333}"
    "@media print{details{display:none}}";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto b = line.find_first_not_of(" \t-*");
    if (b != std::string::npos) out.push_back(line.substr(b));
  }
  return out;
}

std::string blank_lines(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "<div class=lines></div>";
  return s;
}

}  // namespace

std::string worksheet_html(const std::string& preset, const Config& cfg,
                           const std::vector<std::string>& arms) {
  const ExperimentInfo& e = cfg.experiment;
  const std::string title = e.title.empty() ? preset : e.title;
  std::string h = "<!doctype html><html lang=en><head><meta charset=utf-8><title>Worksheet: " +
                  esc(title) + "</title><style>" + kStyle + "</style></head><body>";
  h += "<h1>" + esc(title) + "</h1><p class=sub>placesim worksheet &middot; preset <code>" +
       esc(preset) + "</code> &middot; " + std::to_string(cfg.place.citizens) + " people, " +
       std::to_string(cfg.run.days) + " days &middot; name: ________________</p>";
  h += "<h2>The story</h2><p>" + esc(e.story) + "</p>";
  h += "<h2>The question</h2><p>" + esc(e.question) + "</p>";

  h += "<h2>Before you run it: your prediction</h2><div class=box><p>" +
       esc(e.prediction.empty() ? "Which arm do you expect to do better on the question above, "
                                  "and why? Write it down before you run the experiment."
                                : e.prediction) +
       "</p><table><tr><th>arm</th><th>what I expect, and why</th></tr>";
  for (const auto& a : arms) h += "<tr><td><code>" + esc(a) + "</code></td><td>&nbsp;</td></tr>";
  h += "</table></div>";

  h += "<h2>Run it</h2><p><code>placesim run --preset " + esc(preset) + " --out " + esc(preset) +
       ".h5</code><br><code>placesim report " + esc(preset) + ".h5</code> &rarr; open <code>" +
       esc(preset) + ".html</code>. For a quicker run add <code>--days 365 --set "
       "place.citizens=5000</code>; to change one arm, <code>--arm NAME:key=value</code>.</p>";
  h += "<h2>Where to look</h2><p>" + esc(e.look_at) + "</p>";

  h += "<h2>Questions</h2><ol>";
  const auto questions = lines_of(e.discuss);
  if (questions.empty()) {
    h += "<li>Was your prediction right? Which numbers in the report show it?" + blank_lines(2) +
         "</li><li>Which mechanism of the model produced the difference you see?" +
         blank_lines(2) + "</li>";
  }
  for (const auto& q : questions) h += "<li>" + esc(q) + blank_lines(2) + "</li>";
  h += "</ol>";
  if (!e.expected.empty())
    h += "<details><summary>For the teacher: what the experiment's authors expect (the report "
         "shows whether it held)</summary><p>" +
         esc(e.expected) + "</p></details>";
  h += "</body></html>\n";
  return h;
}

}  // namespace placesim::analysis
