#pragma once
// A small SVG chart writer for the self-contained HTML report: line charts with bands, stacked
// bars, scatter plots and a heat map. No scripts and no external resources, so the charts
// render offline and print. Every chart's <svg> carries a stable id and a data-points
// attribute (the number of finite data values drawn), which the browser test checks.
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace placesim::analysis::svg {

// Escapes text for XML/HTML content and attribute values.
std::string esc(std::string_view s);
// Short human form of a number for axis ticks and labels: 1.25k, 3.4M, 0.012.
std::string short_num(double v);

struct Axis {
  double lo = 0, hi = 1;
  std::vector<double> ticks;
};
// Rounds [lo, hi] outwards to "nice" tick steps (1, 2, 2.5, 5 x 10^k), about `target` ticks.
Axis nice_axis(double lo, double hi, int target = 5);

struct Line {
  std::string label;
  std::string color;
  std::vector<double> x, y;  // NaN in y breaks the line
  bool dashed = false;
  double width = 2;
  bool dots = false;  // also mark each point: few points along x (e.g. one per neighbourhood)
};

struct Band {
  std::string label;  // empty: no legend entry
  std::string color;
  std::vector<double> x, lo, hi;
  double opacity = 0.18;
};

struct Marker {
  double x = 0;
  std::string label;
  int row = 0;  // label line from the top: markers close together keep their labels apart
};

struct LineChart {
  std::string id, title, x_label, y_label;
  std::vector<Band> bands;
  std::vector<Line> lines;
  std::vector<Marker> markers;
  bool zero_based = true;  // include 0 on the y axis
  double y_max = std::numeric_limits<double>::quiet_NaN();  // extend the y axis to this value,
                                                            // so charts side by side compare
  // Cap the y axis here (NaN: no cap). Values above are drawn along the top edge, so one
  // start-up spike does not squeeze the rest of the run into the bottom of the chart; the
  // caller says in the reading guide what was capped.
  double y_cap = std::numeric_limits<double>::quiet_NaN();
  int width = 560, height = 300;
};
std::string render(const LineChart& c);

struct BarSegment {
  std::string label, color;
  std::vector<double> values;  // one per group
};

// Stacked bars, one bar per group (e.g. one per arm).
struct BarChart {
  std::string id, title, y_label;
  std::vector<std::string> groups;
  std::vector<BarSegment> segments;
  int width = 560, height = 300;
};
std::string render(const BarChart& c);

struct ScatterGroup {
  std::string label, color;
  std::vector<double> x, y;
};

struct ScatterChart {
  std::string id, title, x_label, y_label;
  std::vector<ScatterGroup> groups;
  std::vector<Line> lines;  // e.g. the mean at each parameter level
  int width = 300, height = 220;
};
std::string render(const ScatterChart& c);

// Rows x columns of values in [-1, 1] on a diverging colour scale, each cell labelled.
struct Heatmap {
  std::string id, title;
  std::vector<std::string> rows, cols;
  std::vector<double> values;  // row-major; NaN = not estimable
  int width = 720;
};
std::string render(const Heatmap& c);

// A place-level series name as a human title: "multi_agency_people_90d" -> "Multi-agency
// people (last 90 days)", "hours_idle" -> "Staff hours: idle". No '_' is left in the result.
std::string human_title(std::string_view name);

// The colour of the i-th series (colour-blind-safe palette).
std::string palette(std::size_t i);
// The colour of the i-th category of a stacked bar (12 distinct colours).
std::string category_colour(std::size_t i);

}  // namespace placesim::analysis::svg
