// Sweeps: the design a sweep file expands to (factorial, ranges, Latin hypercube, replicates
// and their seeds), the checks on the file, the hash that keys runs, the manifest that guards
// a restart, shards, and a sweep that keeps going past a failing run.
#include <toml++/toml.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "experiments/run_summary.hpp"
#include "experiments/sweep.hpp"
#include "sim/output_file.hpp"

using namespace placesim;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag)
      : path(fs::temp_directory_path() /
             ("placesim_sweep_" + tag + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

// A two-arm base experiment that differs between arms in one key, so common random numbers
// across arms can be checked; small enough to run in milliseconds.
const char* kBase = R"(
[experiment]
name = "two-arms"
[run]
days = 12
seed = 40
[place]
citizens = 300
neighbourhoods = 3
[arms.low]
life.recovery_rate = 0.005
[arms.high]
life.recovery_rate = 0.02
)";

SweepSpec sweep_from(const TempDir& dir, const std::string& body) {
  std::ofstream(dir.file("base.toml")) << kBase;
  return parse_sweep("[sweep]\nbase = \"base.toml\"\n" + body, "test-sweep.toml",
                     dir.path.string());
}

std::vector<std::string> errors_of(const TempDir& dir, const std::string& body) {
  try {
    sweep_from(dir, body);
  } catch (const ConfigError& e) {
    return e.messages();
  }
  return {};
}

double num(const ParamValue& v) {
  if (auto i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return std::get<double>(v);
}

std::int64_t seed_of(const PreparedArm& a) { return a.cfg.run.seed; }

}  // namespace

TEST_CASE("a full factorial has every combination of levels exactly once", "[sweep]") {
  TempDir dir("factorial");
  const SweepSpec spec = sweep_from(dir, R"(
[factorial]
life.cause_push = [0.01, 0.02, 0.03]
place.neighbourhoods = [2, 3]
demand.trust_initial = { start = 0.2, stop = 0.8, count = 4 }
)");
  const auto points = design_points(spec);
  REQUIRE(points.size() == 3 * 2 * 4);
  std::set<std::string> seen;
  for (const auto& p : points) {
    REQUIRE(p.size() == 3);
    seen.insert(format_value(p[0]) + " " + format_value(p[1]) + " " + format_value(p[2]));
  }
  CHECK(seen.size() == points.size());
  // The first key written varies slowest.
  CHECK(num(points.front()[0]) == 0.01);
  CHECK(num(points.back()[0]) == 0.03);
  CHECK(num(points[1][2]) == Approx(0.4));
}

TEST_CASE("ranges include stop when it is on the grid, and integer keys get integers", "[sweep]") {
  TempDir dir("ranges");
  const SweepSpec spec = sweep_from(dir, R"(
[factorial]
place.neighbourhoods = { start = 2, stop = 11, step = 3 }
life.cause_push = { start = 0.0, stop = 0.03, step = 0.01 }
)");
  REQUIRE(spec.factorial.size() == 2);
  const auto& nb = spec.factorial[0].levels;
  REQUIRE(nb.size() == 4);
  CHECK(std::get<std::int64_t>(nb[3]) == 11);
  CHECK(spec.factorial[1].levels.size() == 4);  // 0, 0.01, 0.02, 0.03 despite rounding
  CHECK(num(spec.factorial[1].levels[3]) == Approx(0.03));

  const auto errors =
      errors_of(dir, "[factorial]\nplace.neighbourhoods = { start = 2, stop = 5, count = 3 }\n");
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0], Contains("non-integer level 3.5"));
}

TEST_CASE("range levels are the decimal values written, printed in their shortest form",
          "[sweep]") {
  TempDir dir("levels");
  const SweepSpec spec = sweep_from(dir, R"(
[factorial]
demand.trust_initial = { start = 0.3, stop = 0.9, count = 3 }
groups.funding = { start = 0.5, stop = 1.1, step = 0.2 }
life.cause_push = { start = 0.0, stop = 0.03, count = 4 }
)");
  REQUIRE(spec.factorial.size() == 3);
  // Exactly the doubles of the literals, not 0.8999999999999999 or 0.30000000000000004.
  CHECK(spec.factorial[0].levels == std::vector<ParamValue>{0.3, 0.6, 0.9});
  CHECK(spec.factorial[1].levels == std::vector<ParamValue>{0.5, 0.7, 0.9, 1.1});
  CHECK(spec.factorial[2].levels == std::vector<ParamValue>{0.0, 0.01, 0.02, 0.03});
  std::vector<std::string> printed;
  for (const auto& f : spec.factorial)
    for (const auto& v : f.levels) printed.push_back(format_value(v));
  CHECK(printed == std::vector<std::string>{"0.3", "0.6", "0.9", "0.5", "0.7", "0.9", "1.1", "0.0",
                                            "0.01", "0.02", "0.03"});
}

TEST_CASE("a NUL in the sweep's name is refused, not cut short in the summary", "[sweep]") {
  TempDir dir("nul-name");
  // The summary's `sweep` attribute once read "a" for the name "a\0b".
  const auto e = errors_of(dir, "name = \"a\\u0000b\"\n");
  REQUIRE(e.size() == 1);
  CHECK_THAT(e[0], Contains("test-sweep.toml:3:") && Contains("[sweep] name contains a NUL"));
}

TEST_CASE("a range's count is bounded, and a count too large says so with the maximum", "[sweep]") {
  TempDir dir("count");
  auto one_error = [&](const std::string& range) {
    const auto e = errors_of(dir, "[factorial]\nlife.cause_push = " + range + "\n");
    REQUIRE(e.size() == 1);
    return e[0];
  };
  const std::string big = one_error("{ start = 0.0, stop = 0.03, count = 1e12 }");
  CHECK_THAT(big, Contains("test-sweep.toml:4:19: range 'count' of 'life.cause_push' is 1e+12"));
  CHECK_THAT(big, Contains("too large: at most 10000 levels"));
  CHECK_THAT(one_error("{ start = 0.0, stop = 0.03, count = 1e30 }"), Contains("too large"));
  CHECK_THAT(one_error("{ start = 0.0, stop = 0.03, count = 2.5 }"),
             Contains("must be a whole number >= 1"));
  CHECK_THAT(one_error("{ start = 0.0, stop = 0.03, count = 0 }"), Contains("at least 1"));
  CHECK_THAT(one_error("{ start = 0.0, stop = 0.03, step = 1e-9 }"),
             Contains("levels, too many: at most 10000"));
  CHECK(errors_of(dir,
                  "[factorial]\nlife.cause_push = { start = 0.0, stop = 0.03, count = "
                  "10000 }\n")
            .empty());
}

TEST_CASE("a Latin hypercube puts one sample in every stratum of every dimension", "[sweep]") {
  for (std::int64_t n : {1, 2, 7, 64}) {
    const auto u = latin_hypercube(n, 4, 99);
    REQUIRE(u.size() == static_cast<std::size_t>(n));
    for (std::size_t d = 0; d < 4; ++d) {
      std::vector<int> hits(static_cast<std::size_t>(n), 0);
      for (const auto& row : u) {
        REQUIRE(row[d] >= 0.0);
        REQUIRE(row[d] < 1.0);
        ++hits[static_cast<std::size_t>(row[d] * static_cast<double>(n))];
      }
      CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
    }
  }
  CHECK(latin_hypercube(16, 2, 5) == latin_hypercube(16, 2, 5));
  CHECK(latin_hypercube(16, 2, 5) != latin_hypercube(16, 2, 6));
}

TEST_CASE("LHS samples of real and integer keys cover their ranges stratum by stratum", "[sweep]") {
  TempDir dir("lhs");
  const SweepSpec spec = sweep_from(dir, R"(
[factorial]
life.cause_push = [0.01, 0.02]
[lhs]
samples = 10
seed = 3
demand.trust_initial = { min = 0.2, max = 0.7 }
place.neighbourhoods = { min = 1, max = 10 }
)");
  const auto points = design_points(spec);
  REQUIRE(points.size() == 2 * 10);
  // Within each factorial level, the 10 samples hit each tenth of the real range once and
  // each of the 10 integers once.
  for (int level = 0; level < 2; ++level) {
    std::set<int> strata;
    std::set<std::int64_t> ints;
    for (int i = 0; i < 10; ++i) {
      const auto& p = points[static_cast<std::size_t>(level * 10 + i)];
      const double x = num(p[1]);
      REQUIRE(x >= 0.2);
      REQUIRE(x < 0.7);
      strata.insert(static_cast<int>((x - 0.2) / 0.05));
      ints.insert(std::get<std::int64_t>(p[2]));
    }
    CHECK(strata.size() == 10);
    CHECK(ints.size() == 10);
    CHECK(*ints.begin() == 1);
    CHECK(*ints.rbegin() == 10);
  }
}

TEST_CASE("replicate r runs every point and every arm on seed = base seed + r", "[sweep]") {
  TempDir dir("replicates");
  const SweepPlan plan = plan_sweep(sweep_from(dir, R"(
replicates = 3
[factorial]
life.cause_push = [0.01, 0.02]
)"));
  REQUIRE(plan.runs.size() == 6);
  std::set<std::string> ids;
  for (const auto& r : plan.runs) {
    ids.insert(r.id);
    REQUIRE(r.error.empty());
    REQUIRE(r.arms.size() == 2);
    CHECK(r.seed == 40 + r.replicate);  // the base experiment's run.seed is 40
    for (const auto& a : r.arms) CHECK(seed_of(a) == r.seed);
    CHECK(r.arms[0].cfg.life.recovery_rate != r.arms[1].cfg.life.recovery_rate);
    CHECK(r.arms[0].cfg.life.cause_push == num(r.values[0]));
  }
  CHECK(ids.size() == 6);
  CHECK(plan.runs[4].id == "p001-r01");

  const SweepPlan seeded = plan_sweep(sweep_from(dir, "replicates = 2\nseed = 7\n"));
  REQUIRE(seeded.runs.size() == 2);
  CHECK(seeded.runs[1].arms[0].cfg.run.seed == 8);
}

TEST_CASE("sweep file mistakes are reported together with file:line:col", "[sweep]") {
  TempDir dir("errors");
  const auto errors = errors_of(dir, R"(replicate = 2
[set]
place.citizen = 500
[factorial]
life.cause_push = [0.01, "high", 0.5]
run.seed = [1, 2]
life.recovery_rate = [0.01, 0.02]
[lhs]
samples = 4
demand.trust_initial = { min = 0.9, max = 0.2 }
[scan]
x = 1
)");
  for (const auto& e : errors) UNSCOPED_INFO(e);
  auto has = [&](const std::string& s) {
    return std::any_of(errors.begin(), errors.end(),
                       [&](const std::string& e) { return e.find(s) != std::string::npos; });
  };
  CHECK(has("test-sweep.toml:3:13: unknown key 'replicate' in [sweep]"));
  CHECK(has("test-sweep.toml:5:17: unknown key 'place.citizen' (did you mean 'place.citizens'"));
  CHECK(has("test-sweep.toml:7:26: level of 'life.cause_push': expected a number"));
  CHECK(has("test-sweep.toml:7:34: key 'life.cause_push' value 0.5 is out of range"));
  CHECK(has("test-sweep.toml:8:12: run.seed cannot be varied"));
  CHECK(has("life.recovery_rate' is set by an arm"));
  CHECK(has("has max below min"));
  CHECK(has("unknown section 'scan'"));

  // run.replicates would be ignored by a sweep (one replicate per run file): refused in the sweep
  // file, told as a note when the base experiment sets it.
  {
    const auto set_rep = errors_of(dir, "[set]\nrun.replicates = 3\n");
    CHECK(std::any_of(set_rep.begin(), set_rep.end(), [](const std::string& e) {
      return e.find("test-sweep.toml:4:18: run.replicates does not apply to a sweep") != std::string::npos;
    }));
    const auto vary_rep = errors_of(dir, "[factorial]\nrun.replicates = [1, 2]\n");
    CHECK(std::any_of(vary_rep.begin(), vary_rep.end(), [](const std::string& e) {
      return e.find("run.replicates does not apply to a sweep") != std::string::npos;
    }));
    std::ofstream(dir.file("base-rep.toml")) << "[run]\nreplicates = 3\n";
    // In the base experiment (written for `placesim run`) it is allowed, with a note.
    const SweepSpec sp = parse_sweep("[sweep]\nbase = \"base-rep.toml\"\n", "z.toml", dir.path.string());
    REQUIRE(sp.notes.size() == 1);
    CHECK_THAT(sp.notes[0], Contains("the base experiment sets run.replicates"));
    CHECK_THAT(sp.notes[0], Contains("base-rep.toml:2:14"));
  }

  const auto no_base = errors_of(dir, "");  // base is given by sweep_from; check a missing one
  CHECK(no_base.empty());
  try {
    parse_sweep("[sweep]\nreplicates = 2\n", "x.toml", dir.path.string());
    FAIL("a sweep without a base was accepted");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Contains("x.toml:1:1: [sweep] base is required"));
  }
  try {
    parse_sweep("[sweep]\nbase = \"no-such-preset\"\n", "y.toml", dir.path.string());
    FAIL("an unknown preset was accepted");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Contains("y.toml:2:8: base 'no-such-preset' is not a preset"));
  }
}

TEST_CASE("sweep file mistakes are listed in file order and name the key written", "[sweep]") {
  TempDir dir("order");
  const auto errors = errors_of(dir, R"(replicates = 0
[lhs]
samples = 2
place.name = { min = 1, max = 2 }
[factorial]
life.cause_push = [0.5]
[set]
place.citizen = 5
)");
  for (const auto& e : errors) UNSCOPED_INFO(e);
  REQUIRE(errors.size() == 5);
  CHECK_THAT(errors[0], Contains("test-sweep.toml:3:14: [sweep] replicates"));
  CHECK_THAT(errors[1], Contains("test-sweep.toml:4:1: [lhs] names no parameter to sample"));
  // The unknown key is place.name, not place.name.min and place.name.max.
  CHECK_THAT(errors[2], Contains("test-sweep.toml:6:14: unknown key 'place.name' (did you mean"));
  CHECK_THAT(errors[3], Contains("test-sweep.toml:8:20: key 'life.cause_push' value 0.5"));
  CHECK_THAT(errors[4], Contains("test-sweep.toml:10:17: unknown key 'place.citizen'"));
  try {
    parse_sweep("seed = 3\n[sweep]\nbase = \"silo-vs-relational\"\n", "z.toml", ".");
    FAIL("a key outside any section was accepted");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Contains("z.toml:1:8: key 'seed' is outside any section"));
  }
}

TEST_CASE("the config hash keys a run by its resolved configs, whatever the thread count",
          "[sweep]") {
  TempDir dir("hash");
  const SweepPlan plan =
      plan_sweep(sweep_from(dir, "[factorial]\nlife.cause_push = [0.01, 0.02]\n"));
  REQUIRE(plan.runs.size() == 2);
  CHECK(plan.runs[0].config_hash != plan.runs[1].config_hash);
  CHECK(plan.runs[0].config_hash.size() == 16);
  auto tomls = [](std::vector<PreparedArm> arms, std::int64_t threads) {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& a : arms) {
      a.cfg.run.threads = threads;
      out.emplace_back(a.name, to_toml(a.cfg));
    }
    return out;
  };
  CHECK(config_hash(tomls(plan.runs[0].arms, 1)) == plan.runs[0].config_hash);
  CHECK(config_hash(tomls(plan.runs[0].arms, 7)) == plan.runs[0].config_hash);
  // The same sweep planned again gives the same hashes: a restart recognises its runs.
  CHECK(plan_sweep(plan.spec).design_hash == plan.design_hash);
}

TEST_CASE("the manifest reads back to the same design", "[sweep]") {
  TempDir dir("manifest");
  const SweepPlan plan = plan_sweep(sweep_from(dir, R"(
name = "quote \" and \\ backslash"
[factorial]
life.cause_push = { start = 0.001, stop = 0.003, count = 3 }
place.neighbourhoods = [2, 3]
[lhs]
samples = 3
demand.trust_initial = { min = 0.1, max = 0.9 }
)"));
  const Manifest m = make_manifest(plan);
  const Manifest back = manifest_from_toml(manifest_to_toml(m), "manifest.toml");
  CHECK(back.name == m.name);
  CHECK(back.sweep_toml == m.sweep_toml);
  CHECK(back.design_hash == m.design_hash);
  REQUIRE(back.runs.size() == m.runs.size());
  for (std::size_t i = 0; i < m.runs.size(); ++i) {
    CHECK(back.runs[i].id == m.runs[i].id);
    CHECK(back.runs[i].seed == m.runs[i].seed);
    CHECK(back.runs[i].config_hash == m.runs[i].config_hash);
    CHECK(back.runs[i].values == m.runs[i].values);  // doubles exactly
  }
}

TEST_CASE("the manifest is TOML that toml++ writes, control characters included", "[sweep]") {
  Manifest m;
  m.name = "tab\there, bell\x07, quote \" and backslash \\";
  m.sweep_toml = "[sweep]\nbase = \"x\"\n";
  m.base = "base.toml";
  m.design_hash = "0123456789abcdef";
  m.columns = {{"life.cause_push", ParamKind::Real}, {"place.neighbourhoods", ParamKind::Integer}};
  m.runs.push_back({"p000-r00", 0, 0, 7, "00000000000000aa", {0.1 + 0.2, std::int64_t{3}}});
  const std::string text = manifest_to_toml(m);
  CHECK_NOTHROW(toml::parse(text));
  const Manifest back = manifest_from_toml(text, "manifest.toml");
  CHECK(back.name == m.name);
  CHECK(back.sweep_toml == m.sweep_toml);
  REQUIRE(back.runs.size() == 1);
  CHECK(back.runs[0].values == m.runs[0].values);
  CHECK_THAT(text, Contains("[[runs]]"));
}

TEST_CASE("a manifest written by the hand-made writer of earlier versions still reads", "[sweep]") {
  const std::string old =
      R"(# placesim sweep manifest: the resolved design of the sweep in this directory.
# Written before any run; a restart must resolve to the same runs. Do not edit.
format = 1
name = "old \"one\"\ttab"
base = "base.toml"
design_hash = "0123456789abcdef"
sweep_toml = "[sweep]\nbase = \"base.toml\"\n[factorial]\nlife.cause_push = [0.001, 0.002]\n"
columns = ["life.cause_push", "place.neighbourhoods"]

[[runs]]
id = "p000-r00"
point = 0
replicate = 0
seed = 40
config_hash = "00000000000000aa"
values = [0.001, 2]

[[runs]]
id = "p001-r00"
point = 1
replicate = 0
seed = 40
config_hash = "00000000000000bb"
values = [0.0030000000000000001, 3]
)";
  const Manifest m = manifest_from_toml(old, "manifest.toml");
  CHECK(m.name == "old \"one\"\ttab");
  CHECK(m.design_hash == "0123456789abcdef");
  CHECK_THAT(m.sweep_toml, Contains("life.cause_push = [0.001, 0.002]\n"));
  REQUIRE(m.columns.size() == 2);
  CHECK(m.columns[1].kind == ParamKind::Integer);
  REQUIRE(m.runs.size() == 2);
  CHECK(m.runs[1].id == "p001-r00");
  CHECK(m.runs[1].config_hash == "00000000000000bb");
  CHECK(m.runs[1].values == std::vector<ParamValue>{0.003, std::int64_t{3}});
  // Written again by this version, it reads back to the same manifest.
  const Manifest again = manifest_from_toml(manifest_to_toml(m), "manifest.toml");
  CHECK(again.name == m.name);
  CHECK(again.sweep_toml == m.sweep_toml);
  REQUIRE(again.runs.size() == 2);
  CHECK(again.runs[1].values == m.runs[1].values);
}

TEST_CASE("shards partition the runs", "[sweep]") {
  for (std::int64_t n : {1, 2, 3, 7}) {
    std::vector<int> owners(20, 0);
    for (std::int64_t i = 0; i < n; ++i)
      for (std::int64_t r = 0; r < 20; ++r)
        owners[static_cast<std::size_t>(r)] += Shard{i, n}.owns(r);
    CHECK(std::all_of(owners.begin(), owners.end(), [](int o) { return o == 1; }));
  }
  CHECK(parse_shard("2/5").index == 2);
  CHECK_THROWS_AS(parse_shard("5/5"), SweepError);
  CHECK_THROWS_AS(parse_shard("1-4"), SweepError);
  CHECK_THROWS_AS(parse_shard("-1/4"), SweepError);
}

TEST_CASE("a directory that holds another sweep's results is refused", "[sweep]") {
  TempDir dir("refuse");
  const SweepPlan a = plan_sweep(sweep_from(dir, "[factorial]\nlife.cause_push = [0.01, 0.02]\n"));
  const SweepPlan b = plan_sweep(sweep_from(dir, "[factorial]\nlife.cause_push = [0.01, 0.025]\n"));
  const std::string out = dir.file("out");
  fs::create_directories(out);
  ensure_manifest(out, make_manifest(a));
  CHECK_NOTHROW(ensure_manifest(out, make_manifest(a)));
  try {
    ensure_manifest(out, make_manifest(b));
    FAIL("a changed sweep was accepted");
  } catch (const SweepError& e) {
    CHECK_THAT(e.what(), Contains("holds results of a different sweep"));
    CHECK_THAT(e.what(), Contains("run p001-r00"));
    CHECK_THAT(e.what(), Contains("1 of 2 runs differ"));
  }
}

TEST_CASE("a failing combination is recorded and the other runs finish", "[sweep]") {
  TempDir dir("failing");
  // crisis_rearm must stay below crisis_level (0.85 by default): 0.9 fails validation.
  const SweepPlan plan =
      plan_sweep(sweep_from(dir, "[factorial]\nlife.crisis_rearm = [0.5, 0.9, 0.6]\n"));
  REQUIRE(plan.runs.size() == 3);
  CHECK(plan.runs[1].error.find("crisis_rearm") != std::string::npos);
  const std::string out = dir.file("out");
  SweepOptions opt;
  opt.threads = 2;
  const SweepReport rep = run_sweep(plan, out, opt);
  CHECK(rep.ran == 3);
  CHECK(rep.failed == 1);
  CHECK(fs::exists(run_output_path(out, "p000-r00")));
  CHECK(fs::exists(run_output_path(out, "p002-r00")));
  CHECK(fs::exists(run_failure_path(out, "p001-r00")));
  const auto rows = collect_rows(out, read_manifest(out), {0, 1, 2});
  CHECK(rows[0].status == "ok");
  CHECK(rows[1].status == "failed");
  CHECK_THAT(rows[1].error, Contains("life.crisis_rearm must be below life.crisis_level"));
  CHECK(rows[2].status == "ok");
  CHECK(!rows[0].outcomes.empty());

  // Started again: the finished runs are kept, the failed one is tried again.
  const SweepReport again = run_sweep(plan, out, opt);
  CHECK(again.skipped == 2);
  CHECK(again.ran == 1);
  CHECK(again.failed == 1);
}

TEST_CASE("outcomes of a run in memory equal those read back from its file",
          "[sweep][run_summary]") {
  TempDir dir("summary");
  std::ofstream(dir.file("base.toml")) << kBase;
  RunRequest req{load_experiment_file(dir.file("base.toml")), {}, {}};
  const auto arms = prepare_arms(req);
  const ExperimentResult res = run_arms(arms);
  const auto mem = summarize_run(res);
  std::vector<ArmResult> results;
  for (std::size_t a = 0; a < res.arms.size(); ++a)
    results.push_back({res.arms[a].name, to_toml(res.arms[a].cfg), res.sims[a].get()});
  Provenance prov;
  write_output(dir.file("run.h5"), true, prov, results);
  const auto file = summarize_run_file(dir.file("run.h5"));
  REQUIRE(mem.size() == file.size());
  std::set<std::string> names;
  for (std::size_t i = 0; i < mem.size(); ++i) {
    CHECK(mem[i].name == file[i].name);
    CHECK(mem[i].unit == file[i].unit);
    CHECK(mem[i].value == file[i].value);
    names.insert(mem[i].name);
  }
  for (const char* arm : {"low", "high"})
    for (const char* o :
         {"wellbeing_mean_final", "in_crisis_mean", "crisis_cost_total", "new_crises_total"})
      CHECK(names.count(std::string(arm) + "/" + o) == 1);
  // A total is the sum of the daily series; the unit loses its "per day".
  const auto& cost = res.sims[0]->recorder().series("crisis_cost");
  double total = 0;
  for (double x : cost) total += x;
  for (const auto& o : mem)
    if (o.name == "low/crisis_cost_total") {
      CHECK(o.value == total);
      CHECK(o.unit == "GBP");
    }
}
