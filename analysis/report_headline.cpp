// Headline figures: one column per design, and the change of the second against the first.
#include <cmath>
#include <cstdio>

#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"

namespace placesim::analysis::html {

std::string headline_section(const RunData& run) {
  const auto hs = headlines(run);
  const bool two = run.arms.size() == 2;
  std::string s =
      "<section id=\"headline\"><h2>Headline figures</h2><p class=\"lead\">"
      "Each design side by side, over the whole run. “Not recorded” means this file "
      "does not contain what the figure needs; nothing is estimated.</p>"
      "<table class=\"headline\" id=\"headline-table\"><tr><th>Figure</th><th>What it means</th>";
  for (std::size_t i = 0; i < run.arms.size(); ++i)
    s += "<th class=\"arm\" style=\"--c:" + svg::palette(i) + "\">" + esc(run.arms[i].name) +
         "</th>";
  if (two) s += "<th>" + esc(run.arms[1].name) + " vs " + esc(run.arms[0].name) + "</th>";
  s += "</tr>";
  for (const auto& h : hs) {
    s += "<tr><td class=\"metric\">" + esc(h.label) + "</td><td class=\"def\">" +
         esc(h.definition) + "</td>";
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
        if (h.percent)
          std::snprintf(buf, sizeof buf, "%+.1f points", 100 * (*b - *a));
        else if (*a != 0)
          std::snprintf(buf, sizeof buf, "%+.1f%%", 100 * (*b - *a) / std::fabs(*a));
        else
          std::snprintf(buf, sizeof buf, "%+g", *b - *a);
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

}  // namespace placesim::analysis::html
