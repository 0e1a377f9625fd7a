#include "analysis/report_html.hpp"

#include <cctype>
#include <cmath>

namespace placesim::analysis::html {

std::string slug(const std::string& s) {
  std::string out;
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u))
      out += static_cast<char>(std::tolower(u));
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "x" : out;
}

std::string with_unit(const std::string& what, const std::string& unit) {
  return unit.empty() ? what : what + " (" + unit + ")";
}

std::string prov_get(const std::map<std::string, std::string>& prov, const std::string& k) {
  const auto it = prov.find(k);
  return it == prov.end() ? "" : it->second;
}

std::string figure(const std::string& title, const std::string& svg_text,
                   const std::string& guide) {
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

}  // namespace placesim::analysis::html
