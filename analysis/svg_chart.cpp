#include "analysis/svg_chart.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <utility>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <limits>

namespace placesim::analysis::svg {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kCharWidth = 6.6;  // average width of a 12px sans-serif character

std::string f1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (!std::isfinite(v)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  bool empty() const { return !(lo <= hi); }
};

// Maps data to pixels inside the plot area.
struct Frame {
  double left, right, top, bottom;
  Axis x, y;
  bool clamp = false;  // draw values beyond the y axis along its edge (a capped axis)
  double px(double v) const { return left + (v - x.lo) / (x.hi - x.lo) * (right - left); }
  double py(double v) const {
    if (clamp) v = std::clamp(v, y.lo, y.hi);
    return bottom - (v - y.lo) / (y.hi - y.lo) * (bottom - top);
  }
};

struct LegendItem {
  std::string label, color;
  bool band = false, dashed = false, solid = false;
};

// Lays legend items left to right, wrapping; returns the SVG and the height it takes.
std::pair<std::string, double> legend(const std::vector<LegendItem>& items, double x0,
                                      double width) {
  std::string out;
  double x = x0, y = 14;
  for (const auto& it : items) {
    const double w = 26 + kCharWidth * static_cast<double>(it.label.size()) + 14;
    if (x + w > x0 + width && x > x0) {
      x = x0;
      y += 17;
    }
    if (it.band)
      out += "<rect x=\"" + f1(x) + "\" y=\"" + f1(y - 8) + "\" width=\"20\" height=\"10\" fill=\"" +
             it.color + "\" fill-opacity=\"" + (it.solid ? "1" : "0.35") + "\"/>";
    else
      out += "<line x1=\"" + f1(x) + "\" y1=\"" + f1(y - 3) + "\" x2=\"" + f1(x + 20) + "\" y2=\"" +
             f1(y - 3) + "\" stroke=\"" + it.color + "\" stroke-width=\"2.5\"" +
             (it.dashed ? " stroke-dasharray=\"5 3\"" : "") + "/>";
    out += "<text x=\"" + f1(x + 25) + "\" y=\"" + f1(y + 1) + "\">" + esc(it.label) + "</text>";
    x += w;
  }
  return {"<g class=\"legend\">" + out + "</g>", items.empty() ? 0.0 : y + 8};
}

// max_width > 0 stops a chart with few columns from being blown up to the page width.
std::string open_svg(const std::string& id, const std::string& title, int w, int h,
                     std::size_t points, int max_width = 0) {
  return "<svg id=\"" + esc(id) + "\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
         std::to_string(w) + " " + std::to_string(h) + "\" role=\"img\"" +
         (max_width > 0 ? " style=\"max-width:" + std::to_string(max_width) + "px\"" : std::string()) +
         " data-points=\"" +
         std::to_string(points) + "\"><title>" + esc(title) + "</title>";
}

std::string axes(const Frame& f, const std::string& x_label, const std::string& y_label,
                 bool x_ticks = true) {
  std::string out = "<g class=\"grid\">";
  for (double t : f.y.ticks) {
    const double y = f.py(t);
    out += "<line x1=\"" + f1(f.left) + "\" y1=\"" + f1(y) + "\" x2=\"" + f1(f.right) + "\" y2=\"" +
           f1(y) + "\"/>";
  }
  out += "</g><g class=\"axis\">";
  for (double t : f.y.ticks)
    out += "<text x=\"" + f1(f.left - 6) + "\" y=\"" + f1(f.py(t) + 4) +
           "\" text-anchor=\"end\">" + short_num(t) + "</text>";
  if (x_ticks)
    for (double t : f.x.ticks) {
      const double x = f.px(t);
      out += "<line x1=\"" + f1(x) + "\" y1=\"" + f1(f.bottom) + "\" x2=\"" + f1(x) + "\" y2=\"" +
             f1(f.bottom + 4) + "\" stroke=\"#888\"/>";
      out += "<text x=\"" + f1(x) + "\" y=\"" + f1(f.bottom + 17) + "\" text-anchor=\"middle\">" +
             short_num(t) + "</text>";
    }
  out += "<line x1=\"" + f1(f.left) + "\" y1=\"" + f1(f.bottom) + "\" x2=\"" + f1(f.right) +
         "\" y2=\"" + f1(f.bottom) + "\" stroke=\"#888\"/>";
  out += "<text class=\"label\" x=\"" + f1((f.left + f.right) / 2) + "\" y=\"" + f1(f.bottom + 34) +
         "\" text-anchor=\"middle\">" + esc(x_label) + "</text>";
  const double cy = (f.top + f.bottom) / 2;
  // A label longer than the axis would run into the legend above: break it onto two lines at
  // the space nearest its middle, and shorten it only if two lines are still too long.
  const auto fits = static_cast<std::size_t>((f.bottom - f.top + 30) / kCharWidth);
  std::vector<std::string> lines{y_label};
  if (y_label.size() > fits && fits > 4) {
    std::size_t best = std::string::npos;
    for (std::size_t i = 0; i < y_label.size(); ++i)
      if (y_label[i] == ' ' &&
          (best == std::string::npos ||
           std::abs(static_cast<long>(i) - static_cast<long>(y_label.size() / 2)) <
               std::abs(static_cast<long>(best) - static_cast<long>(y_label.size() / 2))))
        best = i;
    if (best != std::string::npos) lines = {y_label.substr(0, best), y_label.substr(best + 1)};
    for (auto& l : lines)
      if (l.size() > fits) l = l.substr(0, fits - 1) + "…";
  }
  // Two lines sit either side of where one would, clear of the tick labels.
  const double x0 = lines.size() == 1 ? 14 : 11;
  for (std::size_t k = 0; k < lines.size(); ++k)
    out += "<text class=\"label\" transform=\"translate(" + f1(x0 + 13.0 * static_cast<double>(k)) +
           "," + f1(cy) + ") rotate(-90)\" text-anchor=\"middle\"><title>" + esc(y_label) +
           "</title>" + esc(lines[k]) + "</text>";
  return out + "</g>";
}

std::string no_data(const std::string& id, const std::string& title, int w, int h) {
  return open_svg(id, title, w, h, 0) + "<text x=\"" + f1(w / 2.0) + "\" y=\"" + f1(h / 2.0) +
         "\" text-anchor=\"middle\" class=\"nodata\">no data recorded</text></svg>";
}

std::string path_of(const Frame& f, const std::vector<double>& x, const std::vector<double>& y,
                    std::size_t& points) {
  std::string d;
  bool pen = false;
  const std::size_t n = std::min(x.size(), y.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) {
      pen = false;
      continue;
    }
    // Appended piece by piece: GCC 12 reports a false -Wrestrict on "L" + std::string here.
    d += pen ? 'L' : 'M';
    d += f1(f.px(x[i]));
    d += ' ';
    d += f1(f.py(y[i]));
    pen = true;
    ++points;
  }
  return d;
}

}  // namespace

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  return out;
}

std::string short_num(double v) {
  if (!std::isfinite(v)) return "–";
  char buf[32];
  const double a = std::fabs(v);
  auto trim = [](std::string s) {
    if (s.find('.') != std::string::npos) {
      while (!s.empty() && s.back() == '0') s.pop_back();
      if (!s.empty() && s.back() == '.') s.pop_back();
    }
    return s;
  };
  if (a >= 1e9) {
    std::snprintf(buf, sizeof buf, "%.2f", v / 1e9);
    return trim(buf) + "bn";
  }
  if (a >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.2f", v / 1e6);
    return trim(buf) + "M";
  }
  if (a >= 1e4) {
    std::snprintf(buf, sizeof buf, "%.1f", v / 1e3);
    return trim(buf) + "k";
  }
  if (a >= 100 || a == 0) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  if (a >= 1) {
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return trim(buf);
  }
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

Axis nice_axis(double lo, double hi, int target) {
  Axis a;
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (hi < lo) std::swap(lo, hi);
  if (hi - lo < 1e-12 * std::max(1.0, std::fabs(hi))) {
    // A flat series: show it against a sensible range rather than a zero-width one.
    if (lo == 0) {
      hi = 1;
    } else {
      const double pad = std::fabs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
  }
  const double raw = (hi - lo) / std::max(1, target);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (raw <= m * mag * (1 + 1e-9)) {
      step = m * mag;
      break;
    }
  a.lo = std::floor(lo / step + 1e-9) * step;
  a.hi = std::ceil(hi / step - 1e-9) * step;
  for (double t = a.lo; t <= a.hi + step * 1e-6; t += step)
    a.ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
  return a;
}

std::string human_title(std::string_view name) {
  std::string n(name);
  // A trailing window ("_90d") becomes words at the end.
  std::string window;
  for (const char* w : {"_90d", "_180d", "_30d", "_7d"}) {
    const std::string suffix = w;
    if (n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0) {
      window = " (last " + suffix.substr(1, suffix.size() - 2) + " days)";
      n.resize(n.size() - suffix.size());
      break;
    }
  }
  // Families of series named by a prefix and a domain or activity.
  std::string head;
  for (const auto& [prefix, words] : std::initializer_list<std::pair<const char*, const char*>>{
           {"hours_", "Staff hours: "},
           {"need_mean_", "Mean need: "},
           {"crisis_cost_", "Crisis cost: "},
           {"docking_", "Docking queue: "}}) {
    const std::string p = prefix;
    if (n.rfind(p, 0) == 0 && n.size() > p.size()) {
      head = words;
      n = n.substr(p.size());
      break;
    }
  }
  for (char& ch : n)
    if (ch == '_') ch = ' ';
  if (head.empty() && !n.empty())
    n[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(n[0])));
  return head + n + window;
}

std::string category_colour(std::size_t i) {
  static const char* colors[] = {"#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#76B7B2", "#EDC948",
                                 "#FF9DA7", "#9C755F", "#BAB0AC", "#2F4B7C", "#D37295", "#A0CBE8"};
  return colors[i % (sizeof colors / sizeof colors[0])];
}

std::string palette(std::size_t i) {
  static const char* colors[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                 "#E69F00", "#56B4E9", "#7F7F7F", "#8C564B"};
  return colors[i % (sizeof colors / sizeof colors[0])];
}

std::string render(const LineChart& c) {
  Range xr, yr;
  for (const auto& l : c.lines) {
    for (double v : l.x) xr.add(v);
    for (double v : l.y) yr.add(v);
  }
  for (const auto& b : c.bands) {
    for (double v : b.x) xr.add(v);
    for (double v : b.lo) yr.add(v);
    for (double v : b.hi) yr.add(v);
  }
  if (xr.empty() || yr.empty()) return no_data(c.id, c.title, c.width, c.height);
  if (c.zero_based) yr.add(0);
  if (std::isfinite(c.y_max)) yr.add(c.y_max);
  const bool capped = std::isfinite(c.y_cap) && yr.hi > c.y_cap && c.y_cap > yr.lo;
  if (capped) yr.hi = c.y_cap;

  std::vector<LegendItem> items;
  for (const auto& b : c.bands)
    if (!b.label.empty()) items.push_back({b.label, b.color, true, false});
  for (const auto& l : c.lines)
    if (!l.label.empty()) items.push_back({l.label, l.color, false, l.dashed});
  const double left = 64, right = c.width - 16;
  auto [leg, leg_h] = legend(items, left, right - left);

  Frame f{left, right, 14 + leg_h, c.height - 44.0, nice_axis(xr.lo, xr.hi, 6),
          nice_axis(yr.lo, yr.hi, 5), capped};
  // Time axes start where the data start, not at a rounded tick before them.
  f.x.lo = xr.lo;
  f.x.hi = std::max(xr.hi, xr.lo + 1e-9);
  std::erase_if(f.x.ticks, [&](double t) { return t < f.x.lo - 1e-9 || t > f.x.hi + 1e-9; });

  std::size_t points = 0;
  std::string body;
  for (const auto& b : c.bands) {
    const std::size_t n = std::min({b.x.size(), b.lo.size(), b.hi.size()});
    std::vector<std::size_t> ok;
    for (std::size_t i = 0; i < n; ++i)
      if (std::isfinite(b.x[i]) && std::isfinite(b.lo[i]) && std::isfinite(b.hi[i])) ok.push_back(i);
    if (ok.empty()) continue;
    std::string d;
    for (std::size_t k = 0; k < ok.size(); ++k)
      d += (k ? "L" : "M") + f1(f.px(b.x[ok[k]])) + " " + f1(f.py(b.hi[ok[k]]));
    for (std::size_t k = ok.size(); k-- > 0;)
      d += "L" + f1(f.px(b.x[ok[k]])) + " " + f1(f.py(b.lo[ok[k]]));
    points += ok.size();
    body += "<path class=\"band\" d=\"" + d + "Z\" fill=\"" + b.color + "\" fill-opacity=\"" +
            std::to_string(b.opacity).substr(0, 4) +
            "\" stroke=\"none\"><title>" + esc(b.label) + "</title></path>";
  }
  for (const auto& l : c.lines) {
    std::size_t n = 0;
    const std::string d = path_of(f, l.x, l.y, n);
    if (n == 0) continue;
    points += n;
    body += "<path class=\"series\" data-n=\"" + std::to_string(n) + "\" d=\"" + d +
            "\" fill=\"none\" stroke=\"" + l.color + "\" stroke-width=\"" + f1(l.width) + "\"" +
            (l.dashed ? " stroke-dasharray=\"5 3\"" : "") +
            " stroke-linejoin=\"round\"><title>" + esc(l.label) + "</title></path>";
    if (l.dots)
      for (std::size_t i = 0; i < std::min(l.x.size(), l.y.size()); ++i)
        if (std::isfinite(l.x[i]) && std::isfinite(l.y[i]))
          body += "<circle class=\"pt\" cx=\"" + f1(f.px(l.x[i])) + "\" cy=\"" + f1(f.py(l.y[i])) +
                  "\" r=\"3.2\" fill=\"" + l.color + "\"><title>" +
                  esc(l.label + ": " + short_num(l.y[i])) + "</title></circle>";
  }
  for (const auto& m : c.markers) {
    if (!(m.x >= f.x.lo && m.x <= f.x.hi)) continue;
    const double x = f.px(m.x);
    body += "<g class=\"marker\"><line x1=\"" + f1(x) + "\" y1=\"" + f1(f.top) + "\" x2=\"" + f1(x) +
            "\" y2=\"" + f1(f.bottom) + "\" stroke=\"#222\" stroke-dasharray=\"3 3\"/>";
    const bool right_side = x < (f.left + f.right) / 2;
    body += "<text x=\"" + f1(x + (right_side ? 5 : -5)) + "\" y=\"" +
            f1(f.top + 12 + 15.0 * m.row) +
            "\" text-anchor=\"" + (right_side ? "start" : "end") + "\">" + esc(m.label) +
            "</text></g>";
  }
  return open_svg(c.id, c.title, c.width, c.height, points) + leg +
         axes(f, c.x_label, c.y_label) + body + "</svg>";
}

std::string render(const BarChart& c) {
  std::vector<double> totals(c.groups.size(), 0.0);
  std::size_t points = 0;
  for (const auto& s : c.segments)
    for (std::size_t g = 0; g < c.groups.size() && g < s.values.size(); ++g)
      if (std::isfinite(s.values[g]) && s.values[g] > 0) totals[g] += s.values[g];
  const double top_total = totals.empty() ? 0 : *std::max_element(totals.begin(), totals.end());
  if (c.groups.empty() || !(top_total > 0)) return no_data(c.id, c.title, c.width, c.height);

  std::vector<LegendItem> items;
  for (const auto& s : c.segments) items.push_back({s.label, s.color, true, false, true});
  const double left = 64, right = c.width - 16;
  auto [leg, leg_h] = legend(items, left, right - left);
  Frame f{left, right, 14 + leg_h + 14, c.height - 44.0, nice_axis(0, 1, 2),
          nice_axis(0, top_total, 5)};
  const double slot = (f.right - f.left) / static_cast<double>(c.groups.size());
  const double bw = std::min(90.0, slot * 0.55);
  std::string body;
  for (std::size_t g = 0; g < c.groups.size(); ++g) {
    const double cx = f.left + slot * (static_cast<double>(g) + 0.5);
    double base = 0;
    for (const auto& s : c.segments) {
      if (g >= s.values.size() || !std::isfinite(s.values[g]) || s.values[g] <= 0) continue;
      const double y0 = f.py(base), y1 = f.py(base + s.values[g]);
      body += "<rect class=\"pt\" x=\"" + f1(cx - bw / 2) + "\" y=\"" + f1(y1) + "\" width=\"" +
              f1(bw) + "\" height=\"" + f1(std::max(0.5, y0 - y1)) + "\" fill=\"" + s.color +
              "\"><title>" + esc(c.groups[g] + ", " + s.label + ": " + short_num(s.values[g])) +
              "</title></rect>";
      base += s.values[g];
      ++points;
    }
    body += "<text x=\"" + f1(cx) + "\" y=\"" + f1(f.py(base) - 5) +
            "\" text-anchor=\"middle\" class=\"total\">" + short_num(base) + "</text>";
    body += "<text x=\"" + f1(cx) + "\" y=\"" + f1(f.bottom + 17) + "\" text-anchor=\"middle\">" +
            esc(c.groups[g]) + "</text>";
  }
  return open_svg(c.id, c.title, c.width, c.height, points) + leg +
         axes(f, "", c.y_label, false) + body + "</svg>";
}

std::string render(const ScatterChart& c) {
  Range xr, yr;
  for (const auto& g : c.groups) {
    for (double v : g.x) xr.add(v);
    for (double v : g.y) yr.add(v);
  }
  if (xr.empty() || yr.empty()) return no_data(c.id, c.title, c.width, c.height);
  Frame f{58, c.width - 12.0, 12, c.height - 42.0, nice_axis(xr.lo, xr.hi, 4),
          nice_axis(yr.lo, yr.hi, 4)};
  std::size_t points = 0;
  std::string body;
  for (const auto& g : c.groups) {
    const std::size_t n = std::min(g.x.size(), g.y.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(g.x[i]) || !std::isfinite(g.y[i])) continue;
      body += "<circle class=\"pt\" cx=\"" + f1(f.px(g.x[i])) + "\" cy=\"" + f1(f.py(g.y[i])) +
              "\" r=\"2.6\" fill=\"" + g.color + "\" fill-opacity=\"0.55\"/>";
      ++points;
    }
  }
  for (const auto& l : c.lines) {
    std::size_t n = 0;
    const std::string d = path_of(f, l.x, l.y, n);
    if (n > 0)
      body += "<path class=\"series\" d=\"" + d + "\" fill=\"none\" stroke=\"" + l.color +
              "\" stroke-width=\"" + f1(l.width) + "\"/>";
  }
  return open_svg(c.id, c.title, c.width, c.height, points) + axes(f, c.x_label, c.y_label) +
         body + "</svg>";
}

std::string render(const Heatmap& c) {
  if (c.rows.empty() || c.cols.empty()) return no_data(c.id, c.title, c.width, 120);
  std::size_t longest_col = 0, longest_row = 0;
  for (const auto& s : c.cols) longest_col = std::max(longest_col, s.size());
  for (const auto& s : c.rows) longest_row = std::max(longest_row, s.size());
  const double label_w = std::min(260.0, 12 + kCharWidth * static_cast<double>(longest_row));
  const double head_h = std::min(170.0, 16 + 0.72 * kCharWidth * static_cast<double>(longest_col));
  const double cell_w =
      std::min(90.0, (c.width - label_w - 10) / static_cast<double>(c.cols.size()));
  const double cell_h = 26;
  const int height = static_cast<int>(head_h + cell_h * static_cast<double>(c.rows.size()) + 10);
  std::string body;
  std::size_t points = 0;
  for (std::size_t j = 0; j < c.cols.size(); ++j) {
    const double x = label_w + cell_w * (static_cast<double>(j) + 0.5);
    body += "<text transform=\"translate(" + f1(x + 4) + "," + f1(head_h - 6) +
            ") rotate(-40)\">" + esc(c.cols[j]) + "</text>";
  }
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    const double y = head_h + cell_h * static_cast<double>(i);
    body += "<text x=\"" + f1(label_w - 8) + "\" y=\"" + f1(y + cell_h / 2 + 4) +
            "\" text-anchor=\"end\">" + esc(c.rows[i]) + "</text>";
    for (std::size_t j = 0; j < c.cols.size(); ++j) {
      const std::size_t k = i * c.cols.size() + j;
      const double v = k < c.values.size() ? c.values[k] : kNaN;
      std::string fill = "#eeeeee";
      if (std::isfinite(v)) {
        // Diverging scale: blue for positive, red for negative, white at zero.
        const double t = std::min(1.0, std::fabs(v));
        const int r0 = v >= 0 ? 33 : 178, g0 = v >= 0 ? 102 : 24, b0 = v >= 0 ? 172 : 43;
        char buf[16];
        std::snprintf(buf, sizeof buf, "#%02x%02x%02x",
                      static_cast<int>(255 + (r0 - 255) * t), static_cast<int>(255 + (g0 - 255) * t),
                      static_cast<int>(255 + (b0 - 255) * t));
        fill = buf;
        ++points;
      }
      const double x = label_w + cell_w * static_cast<double>(j);
      char val[32];
      std::snprintf(val, sizeof val, "%+.2f", v);
      body += "<rect class=\"pt\" x=\"" + f1(x + 1) + "\" y=\"" + f1(y + 1) + "\" width=\"" +
              f1(cell_w - 2) + "\" height=\"" + f1(cell_h - 2) + "\" fill=\"" + fill +
              "\"><title>" + esc(c.rows[i] + " → " + c.cols[j] + ": " +
                                  (std::isfinite(v) ? std::string(val) : "not estimable")) +
              "</title></rect>";
      body += "<text x=\"" + f1(x + cell_w / 2) + "\" y=\"" + f1(y + cell_h / 2 + 4) +
              "\" text-anchor=\"middle\" style=\"fill:" +
              (std::isfinite(v) && std::fabs(v) > 0.6 ? "#fff" : "#222") + "\">" +
              (std::isfinite(v) ? std::string(val) : "–") + "</text>";
    }
  }
  const int used = static_cast<int>(label_w + cell_w * static_cast<double>(c.cols.size()) + 40);
  return open_svg(c.id, c.title, used, height, points, used) + body + "</svg>";
}

}  // namespace placesim::analysis::svg
