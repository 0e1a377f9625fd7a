// Headline figures: one column per design (the mean over replicates), and each design against
// the first with the paired difference, its 95% interval and a verdict only where one is
// earned; then the experiment's expected direction as PASS/FAIL with its numbers.
#include <cmath>
#include <cstdio>

#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"

namespace placesim::analysis::html {
namespace {

std::string number(double v) {
  if (!std::isfinite(v)) return "–";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string replicate_words(std::size_t n) {
  return n == 1 ? "one replicate" : std::to_string(n) + " replicates";
}

// The preset's expected direction (experiment.check), as placesim evaluated it when it wrote
// the file (sim/replicate_output.cpp): the same numbers the preset tests assert.
std::string check_table(const RunData& run) {
  if (run.check.empty()) return {};
  std::size_t passed = 0;
  for (const auto& c : run.checks) passed += c.pass ? 1 : 0;
  std::string s =
      "<h3 id=\"expected-check\">Expected direction: " + std::to_string(passed) + " of " +
      std::to_string(run.checks.size()) +
      " checks pass</h3><p class=\"lead\">Each check compares two figures; it passes when the "
      "mean over " +
      replicate_words(run.replicates) +
      " of left − right has the stated sign. The interval is the 95% interval of the paired "
      "differences (same replicate); an interval holding 0 means the direction is not clear "
      "at this size.</p><table class=\"headline\" id=\"check-table\"><tr><th>Result</th>"
      "<th>Check</th><th>Left (mean)</th><th>Right (mean)</th><th>Left − right</th>"
      "<th>95% interval</th></tr>";
  auto mean = [](const std::vector<double>& v) {
    double t = 0;
    for (double x : v) t += x;
    return v.empty() ? NAN : t / static_cast<double>(v.size());
  };
  for (const auto& c : run.checks) {
    const char* verdict = c.pass ? "PASS" : "FAIL";
    s += "<tr><td class=\"diff " + std::string(c.pass ? "better" : "worse") + "\"><b>" + verdict +
         "</b></td><td class=\"metric\"><code>" + esc(c.clause) + "</code></td>";
    if (!c.error.empty()) {
      s += "<td colspan=\"4\" class=\"nr\">" + esc(c.error) + "</td></tr>";
      continue;
    }
    std::string ci = std::isfinite(c.low) && std::isfinite(c.high)
                         ? number(c.low) + " to " + number(c.high) +
                               (c.low <= 0 && c.high >= 0 ? " (holds 0: not clear)" : "")
                         : "one replicate: no interval";
    s += "<td class=\"v\">" + number(mean(c.left)) + "</td><td class=\"v\">" +
         number(mean(c.right)) + "</td><td class=\"v\">" + number(c.mean) + "</td><td>" + esc(ci) +
         "</td></tr>";
  }
  return s + "</table>";
}

}  // namespace

std::string headline_section(const RunData& run) {
  const auto hs = headlines(run);
  const std::size_t na = run.arms.size();
  std::string s =
      "<section id=\"headline\"><h2>Headline figures</h2><p class=\"lead\">"
      "Each design side by side, over the whole run: the mean over " +
      replicate_words(run.replicates) +
      (run.replicates > 1
           ? " (replicate r runs every design on seed + r, so each replicate compares the "
             "designs on the same people and events). Each difference is the mean of the "
             "paired differences with its 95% interval; “no clear difference” means the "
             "interval holds 0, and “better” or “worse” is said only of figures that declare "
             "which way is better."
           : ": with one replicate there is no interval, so no difference is called better or "
             "worse. Run with --replicates 5 or more for intervals.") +
      " “Not recorded” means this file does not contain what the figure needs; nothing is "
      "estimated.</p>"
      "<table class=\"headline\" id=\"headline-table\"><tr><th>Figure</th><th>What it means</th>";
  for (std::size_t i = 0; i < na; ++i)
    s += "<th class=\"arm\" style=\"--c:" + svg::palette(i) + "\">" + esc(run.arms[i].name) +
         "</th>";
  for (std::size_t i = 1; i < na; ++i)
    s += "<th>" + esc(run.arms[i].name) + " vs " + esc(run.arms[0].name) + "</th>";
  s += "</tr>";
  for (const auto& h : hs) {
    s += "<tr><td class=\"metric\">" + esc(h.label) + "</td><td class=\"def\">" +
         esc(h.definition) + "</td>";
    for (const auto& v : h.value)
      s += v ? "<td class=\"v\">" + esc(format_value(*v, h)) + "</td>"
             : "<td class=\"v nr\">" + esc(h.missing_reason) + "</td>";
    for (std::size_t i = 1; i < na; ++i) {
      const auto c = compare(h, 0, i);
      if (!c) {
        s += "<td class=\"diff\">–</td>";
        continue;
      }
      s += "<td class=\"diff" + (c->css.empty() ? std::string() : " " + c->css) + "\">" +
           esc(c->change) + (c->verdict.empty() ? "" : " (" + esc(c->verdict) + ")") +
           "<br><small>" + esc(c->interval) + "</small></td>";
    }
    s += "</tr>";
  }
  return s + "</table>" + check_table(run) + "</section>";
}

}  // namespace placesim::analysis::html
