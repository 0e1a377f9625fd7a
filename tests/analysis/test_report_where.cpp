// The where view's building blocks and the chart fixes of issue 11: human titles, a capped y
// axis, dotted lines, two-line axis labels, window means and the vs-baseline cell.
#include <catch2/catch.hpp>
#include <cmath>
#include <regex>
#include <string>

#include "analysis/report_sections.hpp"
#include "analysis/run_data_where.hpp"
#include "analysis/svg_chart.hpp"

using namespace placesim::analysis;

namespace {

// The y value (pixels) of every vertex of the first series path.
std::vector<double> path_ys(const std::string& svg) {
  std::vector<double> ys;
  const std::regex path(R"re(class="series"[^>]* d="([^"]+)")re");
  std::smatch m;
  if (!std::regex_search(svg, m, path)) return ys;
  const std::string d = m[1];
  const std::regex pt(R"re([ML]([-0-9.]+) ([-0-9.]+))re");
  for (auto it = std::sregex_iterator(d.begin(), d.end(), pt); it != std::sregex_iterator(); ++it)
    ys.push_back(std::stod((*it)[2]));
  return ys;
}

}  // namespace

TEST_CASE("series names become human titles with no underscore", "[analysis][where]") {
  CHECK(svg::human_title("multi_agency_people_90d") == "Multi agency people (last 90 days)");
  CHECK(svg::human_title("repeat_contacts_180d") == "Repeat contacts (last 180 days)");
  CHECK(svg::human_title("hours_idle") == "Staff hours: idle");
  CHECK(svg::human_title("hours_face_to_face") == "Staff hours: face to face");
  CHECK(svg::human_title("need_mean_housing") == "Mean need: housing");
  CHECK(svg::human_title("customer_services") == "Customer services");
  CHECK(svg::human_title("embedding") == "Embedding");
  for (const char* n : {"a_b_c", "x_90d", "crisis_cost_money", "_lead", "trail_"})
    CHECK(svg::human_title(n).find('_') == std::string::npos);
}

TEST_CASE("a capped y axis keeps a start-up spike from setting the scale", "[analysis][where]") {
  svg::LineChart c;
  c.id = "capped";
  c.title = "Capped axis";
  c.y_label = "Contacts (contact per day)";
  std::vector<double> x, y;
  for (int t = 0; t < 100; ++t) {
    x.push_back(t);
    y.push_back(t == 0 ? 1000 : 10);
  }
  c.lines.push_back({"a", "#000", x, y});
  const auto uncapped = path_ys(svg::render(c));
  c.y_cap = 12;
  const std::string capped_svg = svg::render(c);
  const auto capped = path_ys(capped_svg);
  REQUIRE(uncapped.size() == 100);
  REQUIRE(capped.size() == 100);
  // Uncapped, the steady value 10 sits near the bottom (pixels grow downwards); capped it is
  // drawn high up, and the spike is drawn on the top edge, not above it.
  const double bottom = 300 - 44;
  CHECK(bottom - uncapped[50] < 5);
  CHECK(bottom - capped[50] > 100);
  CHECK(capped[0] <= capped[50]);
  CHECK(capped[0] >= 0);
  // Every point is still drawn.
  CHECK(capped_svg.find("data-points=\"100\"") != std::string::npos);
}

TEST_CASE("dotted lines mark each point; long axis labels wrap, not clip", "[analysis][where]") {
  svg::LineChart c;
  c.id = "dotted";
  c.title = "Dotted line";
  c.width = 300;
  c.height = 240;  // room for 28 characters a line: too few for one line, enough for two
  c.y_label = "People in crisis per 1,000 residents (person)";
  svg::Line l{"a", "#000", {0.1, 0.5, 0.9}, {1, 2, 3}};
  l.dots = true;
  c.lines.push_back(l);
  const std::string s = svg::render(c);
  int circles = 0;
  for (auto p = s.find("<circle"); p != std::string::npos; p = s.find("<circle", p + 1)) ++circles;
  CHECK(circles == 3);
  int labels = 0;
  for (auto p = s.find("class=\"label\" transform"); p != std::string::npos;
       p = s.find("class=\"label\" transform", p + 1))
    ++labels;
  CHECK(labels == 2);  // two lines
  CHECK(s.find("…") == std::string::npos);
}

TEST_CASE("window means and the vs-baseline cell", "[analysis][where]") {
  CHECK(tail_mean({1, 2, 3, 4}, 2) == Approx(3.5));
  CHECK(tail_mean({1, 2, 3, 4}, 10) == Approx(2.5));
  CHECK(tail_mean({1, NAN, 3}, 2) == Approx(2));
  CHECK(std::isnan(tail_mean({}, 3)));
  CHECK(html::vs_baseline_cell(12, 10, 0) == "<td class=\"diff\">+2 (+20%)</td>");
  CHECK(html::vs_baseline_cell(7.5, 10, 1) == "<td class=\"diff\">-2.5 (-25%)</td>");
  CHECK(html::vs_baseline_cell(3, 0, 0) == "<td class=\"diff\">+3</td>");
  // Shares in percent are compared in points, with no percent of a percent.
  CHECK(html::vs_baseline_cell(16.5, 2.5, 1, false) == "<td class=\"diff\">+14.0</td>");
  CHECK(html::vs_baseline_cell(0.651, 0.649, 2) == "<td class=\"diff\">≈0</td>");
  CHECK(html::vs_baseline_cell(5, 5, 2) == "<td class=\"diff\">0</td>");
  CHECK(html::vs_baseline_cell(NAN, 1, 0) == "<td class=\"diff\">–</td>");
}

TEST_CASE("staff hours by activity sum every hours_ series, idle included", "[analysis][where]") {
  ArmData a;
  a.series.push_back({"hours_face_to_face", "hour per day", "", {2, 2}});
  a.series.push_back({"hours_idle", "hour per day", "", {5, 7}});
  a.series.push_back({"service_cost", "GBP per day", "", {100, 100}});
  const ActivityHours h = activity_hours(a);
  REQUIRE(h.activity.size() == 2);
  CHECK(h.activity.front() == "face_to_face");
  CHECK(h.of("idle") == Approx(12));
  CHECK(h.paid() == Approx(16));
  CHECK(std::isnan(h.of("travel")));
}
