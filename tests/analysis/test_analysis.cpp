// The report's building blocks: chart scales and SVG, sweep statistics, cost-curve crossover,
// and the validation of input files (each kind of bad file gets its own message).
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>

#include "analysis/report_html.hpp"
#include "analysis/run_data.hpp"
#include "analysis/svg_chart.hpp"
#include "placesim/version.hpp"
#include "sim/h5_reader.hpp"

using namespace placesim;
using namespace placesim::analysis;
namespace fs = std::filesystem;

namespace {

int count(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

struct TempDir {
  fs::path dir;
  TempDir() {
    dir = fs::temp_directory_path() / ("placesim_analysis_" + std::to_string(::getpid()));
    fs::create_directories(dir);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::string file(const std::string& name) const { return (dir / name).string(); }
};

void int_attr(hid_t obj, const char* name, int v) {
  hid_t space = H5Screate(H5S_SCALAR);
  hid_t a = H5Acreate2(obj, name, H5T_NATIVE_INT, space, H5P_DEFAULT, H5P_DEFAULT);
  H5Awrite(a, H5T_NATIVE_INT, &v);
  H5Aclose(a);
  H5Sclose(space);
}

// A minimal run file: one arm with one series; the attributes are switched off as asked.
void write_run(const std::string& path, bool schema, int version, bool complete) {
  hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  if (schema) int_attr(f, "schema_version", version);
  hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
  H5Pset_create_intermediate_group(lcpl, 1);
  const hsize_t n = 5;
  hid_t space = H5Screate_simple(1, &n, nullptr);
  const double v[5] = {1, 2, 3, 4, 5};
  hid_t d = H5Dcreate2(f, "/arms/main/series/in_crisis", H5T_NATIVE_DOUBLE, space, lcpl,
                       H5P_DEFAULT, H5P_DEFAULT);
  H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v);
  H5Dclose(d);
  H5Sclose(space);
  H5Pclose(lcpl);
  if (complete) int_attr(f, "complete", 1);
  H5Fclose(f);
}

std::string open_error(const std::string& path) {
  try {
    H5Reader r(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("nice axes cover the data with round, increasing ticks", "[analysis][svg]") {
  for (auto [lo, hi] : {std::pair{0.0, 7.3}, {0.598, 0.6013}, {-3.0, 12.0}, {1250.0, 98000.0}}) {
    const svg::Axis a = svg::nice_axis(lo, hi, 5);
    CHECK(a.lo <= lo);
    CHECK(a.hi >= hi);
    REQUIRE(a.ticks.size() >= 2);
    CHECK(a.ticks.size() <= 12);
    for (std::size_t i = 1; i < a.ticks.size(); ++i) CHECK(a.ticks[i] > a.ticks[i - 1]);
  }
  const svg::Axis flat = svg::nice_axis(0, 0, 5);  // a series that is all zero still gets an axis
  CHECK(flat.hi > flat.lo);
}

TEST_CASE("numbers and text are written safely and briefly", "[analysis][svg]") {
  CHECK(svg::esc("<a & \"b\">") == "&lt;a &amp; &quot;b&quot;&gt;");
  CHECK(svg::short_num(12500) == "12.5k");
  CHECK(svg::short_num(2.5e6) == "2.5M");
  CHECK(svg::short_num(0.25) == "0.25");
  CHECK(svg::short_num(std::nan("")) == "–");
  CHECK(thousands(1234567) == "1,234,567");
}

TEST_CASE("a line chart marks every finite data point and has a stable id", "[analysis][svg]") {
  svg::LineChart c;
  c.id = "chart-x";
  c.title = "T";
  c.x_label = "Day (day)";
  c.y_label = "People (person)";
  c.lines.push_back({"a", "#000", {0, 1, 2, 3}, {1, std::nan(""), 3, 4}});
  const std::string s = svg::render(c);
  CHECK(s.find("id=\"chart-x\"") != std::string::npos);
  CHECK(s.find("data-points=\"3\"") != std::string::npos);
  CHECK(count(s, "class=\"series\"") == 1);
  CHECK(s.find("People (person)") != std::string::npos);
  svg::LineChart empty;
  empty.id = "chart-empty";
  CHECK(svg::render(empty).find("data-points=\"0\"") != std::string::npos);
}

TEST_CASE("standardised regression coefficients recover a known linear response",
          "[analysis][sweep]") {
  std::vector<double> x1, x2, x3, y;
  for (int i = 0; i < 40; ++i) {
    x1.push_back(i % 5);
    x2.push_back((i * 7) % 11);
    x3.push_back(2.0);  // constant: not estimable
    y.push_back(3.0 * x1.back() - 0.5 * x2.back());
  }
  auto sd = [](const std::vector<double>& v) {
    double m = 0, s = 0;
    for (double x : v) m += x;
    m /= v.size();
    for (double x : v) s += (x - m) * (x - m);
    return std::sqrt(s / v.size());
  };
  const auto b = standardised_coefficients({x1, x2, x3}, y);
  REQUIRE(b.size() == 3);
  CHECK(b[0] == Approx(3.0 * sd(x1) / sd(y)).margin(1e-9));
  CHECK(b[1] == Approx(-0.5 * sd(x2) / sd(y)).margin(1e-9));
  CHECK(std::isnan(b[2]));
  // Too few runs for the number of parameters: nothing is estimated.
  const auto few = standardised_coefficients({{1, 2}, {3, 1}}, {1, 2});
  CHECK(std::isnan(few[0]));
  CHECK(std::isnan(few[1]));
}

TEST_CASE("spread of means measures a parameter's effect without a model", "[analysis][sweep]") {
  const std::vector<double> x = {0, 0, 1, 1}, y = {1, 1, 3, 3};
  CHECK(spread_of_means(x, y) == Approx(2.0));  // means 1 and 3, sd of y 1
  CHECK(std::isnan(spread_of_means({1, 1, 1}, {1, 2, 3})));
}

TEST_CASE("cost curves and their crossover", "[analysis][cost]") {
  Sample s;
  s.citizen = {0, 1, 2};
  s.tick = {0, 10, 20};
  s.cost = {0, 0, 0, 10, 20, 30, 20, 40, 60};
  const CostCurve c = cost_curve(s);
  REQUIRE(c.tick.size() == 3);
  CHECK(c.p50[1] == Approx(20));
  CHECK(c.p10[2] < c.p50[2]);
  CHECK(c.p90[2] > c.p50[2]);
  CostCurve a{{0, 10, 20, 30}, {}, {10, 20, 30, 40}, {}, {}};
  CostCurve b{{0, 10, 20, 30}, {}, {0, 15, 30, 45}, {}, {}};
  const auto x = crossover(a, b);
  REQUIRE(x.has_value());
  CHECK(*x == Approx(20));
  CostCurve never{{0, 10, 20, 30}, {}, {0, 1, 2, 3}, {}, {}};
  CHECK_FALSE(crossover(a, never).has_value());
}

TEST_CASE("each kind of bad input file is refused with its own message naming it",
          "[analysis][input]") {
  TempDir tmp;
  const std::string good = tmp.file("good.h5");
  write_run(good, true, placesim::kOutputSchemaVersion, true);
  CHECK(open_error(good).empty());
  H5Reader r(good);
  CHECK(detect_kind(r) == FileKind::kRun);
  const RunData run = load_run(r);
  REQUIRE(run.arms.size() == 1);
  CHECK(run.arms[0].find("in_crisis")->v.back() == 5);

  const std::string text = tmp.file("notes.h5");
  std::ofstream(text) << "not HDF5 at all\n";
  CHECK_THAT(open_error(text), Catch::Contains(text) && Catch::Contains("not an HDF5 file"));

  const std::string missing = tmp.file("missing.h5");
  CHECK_THAT(open_error(missing), Catch::Contains(missing) && Catch::Contains("no such file"));

  const std::string foreign = tmp.file("foreign.h5");
  write_run(foreign, false, 0, true);
  CHECK_THAT(open_error(foreign), Catch::Contains("not placesim output"));

  const std::string future = tmp.file("future.h5");
  write_run(future, true, placesim::kOutputSchemaVersion + 1, true);
  CHECK_THAT(open_error(future), Catch::Contains("schema version"));

  const std::string unfinished = tmp.file("unfinished.h5");
  write_run(unfinished, true, placesim::kOutputSchemaVersion, false);
  CHECK_THAT(open_error(unfinished), Catch::Contains("unfinished"));

  const std::string cut = tmp.file("cut.h5");
  fs::copy_file(good, cut);
  fs::resize_file(cut, fs::file_size(cut) / 2);
  CHECK_THAT(open_error(cut), Catch::Contains(cut) && Catch::Contains("truncated"));
}

TEST_CASE("the person asked for with --person must be a citizen of the run", "[analysis][person]") {
  RunData run;
  run.path = "x.h5";
  run.arms.resize(2);
  run.arms[0].people = 10;
  run.arms[0].sample.citizen = {3, 7};
  CHECK(pick_person(run, 0) == 0);
  CHECK(pick_person(run, 9) == 9);
  CHECK(pick_person(run, std::nullopt) == 3);  // no contacts recorded: the first sampled
  for (long long bad : {10LL, -1LL, 99999999999LL}) {
    const std::string value = "--person " + std::to_string(bad);
    CHECK_THROWS_WITH(pick_person(run, bad), Catch::Contains(value) && Catch::Contains("x.h5") &&
                                                 Catch::Contains("ids run from 0 to 9"));
    CHECK_THROWS_AS(pick_person(run, bad), InputError);
  }
  run.arms[0].people = 0;
  CHECK_THROWS_WITH(pick_person(run, 0),
                    Catch::Contains("--person 0") && Catch::Contains("records no citizens"));
}

TEST_CASE("people back in balance are read from the state-based series, not case outcomes",
          "[analysis][headline]") {
  RunData run;
  run.arms.resize(2);
  ArmData& a = run.arms[0];
  a.series.push_back({"helped_to_balance_people", "person", "", {0, 4, 9}});
  // Cases closed 'back in balance' no longer decide: only one design can produce that code.
  a.cases.recorded = true;
  a.cases.citizen = {5, 5, 7};
  a.cases.outcome = {3, 3, 3};
  const auto hs = headlines(run);
  const auto it = std::find_if(hs.begin(), hs.end(), [](const Headline& h) {
    return h.label == "People helped back to balance";
  });
  REQUIRE(it != hs.end());
  REQUIRE(it->value[0].has_value());
  CHECK(*it->value[0] == 9);  // the last value: distinct people so far
  CHECK_FALSE(it->value[1].has_value());  // no series: not recorded, not zero
  CHECK_THAT(it->missing_reason, Catch::Contains("helped_to_balance_people"));
}

TEST_CASE("the experiment's words are read from the resolved configuration with toml++",
          "[analysis][config]") {
  const auto flat = html::experiment_text(
      "# resolved\nexperiment.title = \"A \\\"quoted\\\" title\"\nexperiment.question = "
      "\"Why?\"\nrun.days = 5\n");
  CHECK(flat.title == "A \"quoted\" title");
  CHECK(flat.question == "Why?");
  CHECK(flat.look_at.empty());
  CHECK(flat.problem.empty());
  // A table header, which a line-by-line reader of "experiment.title = " would miss.
  const auto table = html::experiment_text("[experiment]\ntitle = 'T'\nexpected = \"E\"\n");
  CHECK(table.title == "T");
  CHECK(table.expected == "E");
  const auto broken = html::experiment_text("experiment.title = \"unterminated\n");
  CHECK(broken.title.empty());
  CHECK_THAT(broken.problem, Catch::Contains("config_toml") && Catch::Contains("line 1"));
  CHECK(html::experiment_text("").problem.empty());  // a sweep summary stores none
}
