// Configuration: every kind of bad input is rejected with a message naming the key and where it
// came from; good input round-trips through the resolved TOML stored in every output.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/config_loader.hpp"
#include "sim/param_registry.hpp"

using namespace placesim;
using Catch::Matchers::Contains;

namespace {

// The messages of the ConfigError thrown by f, or a failed check if none is thrown.
template <class F>
std::vector<std::string> errors_of(F&& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.messages();
  }
  FAIL("expected a ConfigError");
  return {};
}

Config config_from(const std::string& toml, const std::vector<std::string>& sets = {}) {
  const ExperimentDocument doc = parse_experiment(toml, "test.toml");
  const auto over = parse_overrides(sets);
  return build_config({&doc.base, &over});
}

}  // namespace

TEST_CASE("an unknown key names file, line and the nearest valid key", "[config]") {
  const auto m = errors_of([] { parse_experiment("[run]\ndays = 10\n\n[life]\nrecovery_rat = 0.02\n", "exp.toml"); });
  REQUIRE(m.size() == 1);
  CHECK_THAT(m[0], Contains("exp.toml:5:"));
  CHECK_THAT(m[0], Contains("life.recovery_rat"));
  CHECK_THAT(m[0], Contains("did you mean 'life.recovery_rate'"));

  const auto top = errors_of([] { parse_experiment("dayz = 3\n", "exp.toml"); });
  REQUIRE(top.size() == 1);
  CHECK_THAT(top[0], Contains("exp.toml:1:"));
  CHECK_THAT(top[0], Contains("unknown key 'dayz'"));

  const auto table = errors_of([] { parse_experiment("[plase]\ncitizens = 3\n", "exp.toml"); });
  REQUIRE(table.size() == 1);
  CHECK_THAT(table[0], Contains("exp.toml:2:"));
  CHECK_THAT(table[0], Contains("did you mean 'place.citizens'"));
}

TEST_CASE("a known key outside its table is explained", "[config]") {
  const auto m = errors_of([] { parse_experiment("run.days = 3\nseed = 4\n", "exp.toml"); });
  // Dotted keys are tables in TOML, so run.days is fine; bare `seed` is not a key.
  REQUIRE(m.size() == 1);
  CHECK_THAT(m[0], Contains("exp.toml:2:"));
  CHECK_THAT(m[0], Contains("'seed'"));
}

TEST_CASE("a value of the wrong type names the key and the expected type", "[config]") {
  const auto m = errors_of([] { parse_experiment("[place]\ncitizens = \"many\"\n", "exp.toml"); });
  REQUIRE(m.size() == 1);
  CHECK_THAT(m[0], Contains("exp.toml:2:"));
  CHECK_THAT(m[0], Contains("place.citizens"));
  CHECK_THAT(m[0], Contains("expected an integer"));

  CHECK_THAT(errors_of([] { parse_experiment("[place]\ncitizens = 12.5\n", "e.toml"); })[0],
             Contains("expected an integer"));
  CHECK_THAT(errors_of([] { parse_experiment("[life]\nrecovery_rate = true\n", "e.toml"); })[0],
             Contains("expected a number"));
  CHECK_THAT(errors_of([] { parse_experiment("[experiment]\nname = 3\n", "e.toml"); })[0],
             Contains("expected a string"));
  // A whole number written as a float is an integer; an integer is a fine real.
  CHECK(config_from("[place]\ncitizens = 300.0\n[life]\nrecovery_rate = 0\n").place.citizens == 300);
}

TEST_CASE("an out-of-range value names the key, the value, the range and the source", "[config]") {
  const auto m = errors_of([] { config_from("[life]\nrecovery_rate = 2.5\n"); });
  REQUIRE(m.size() == 1);
  CHECK_THAT(m[0], Contains("test.toml:2:"));
  CHECK_THAT(m[0], Contains("life.recovery_rate"));
  CHECK_THAT(m[0], Contains("2.5"));
  CHECK_THAT(m[0], Contains("out of range [0, 1]"));

  const auto neg = errors_of([] { config_from("[place]\ncitizens = -5\n"); });
  REQUIRE(neg.size() == 1);
  CHECK_THAT(neg[0], Contains("place.citizens"));
  CHECK_THAT(neg[0], Contains("out of range"));

  const auto nan = errors_of([] { config_from("[life]\nrecovery_rate = nan\n"); });
  REQUIRE(nan.size() == 1);
  CHECK_THAT(nan[0], Contains("life.recovery_rate"));
}

TEST_CASE("every problem in a file is reported at once", "[config]") {
  const auto m = errors_of([] {
    parse_experiment("[run]\ndayz = 3\n[place]\ncitizens = \"x\"\n[life]\ncoupling_onsett = 1\n",
                     "exp.toml");
  });
  REQUIRE(m.size() == 3);
  CHECK_THAT(m[0] + m[1] + m[2], Contains("run.dayz"));
  CHECK_THAT(m[0] + m[1] + m[2], Contains("place.citizens"));
  CHECK_THAT(m[0] + m[1] + m[2], Contains("life.coupling_onsett"));
}

TEST_CASE("a TOML syntax error names file and line", "[config]") {
  const auto m = errors_of([] { parse_experiment("[run]\ndays = 3\n[life\nrecovery_rate = 0.1\n", "bad.toml"); });
  REQUIRE(m.size() == 1);
  CHECK_THAT(m[0], Contains("bad.toml:3:"));
  CHECK_THAT(m[0], Contains("TOML syntax error"));
}

TEST_CASE("a missing or unreadable experiment file is named", "[config]") {
  const auto m = errors_of([] { load_experiment_file("/nonexistent/dir/exp.toml"); });
  REQUIRE(m.size() == 1);
  CHECK_THAT(m[0], Contains("/nonexistent/dir/exp.toml"));
  CHECK_THAT(m[0], Contains("cannot read"));
}

TEST_CASE("a directory given as the experiment file is an error", "[config]") {
  // Reading a directory "succeeds" with no bytes on Linux; it must not run the defaults.
  const auto dir = std::filesystem::temp_directory_path();
  const auto m = errors_of([&] { load_experiment_file(dir.string()); });
  REQUIRE(m.size() == 1);
  CHECK_THAT(m[0], Contains(dir.string()));
}

TEST_CASE("a file that exists is read, and its keys are located in it", "[config]") {
  const auto path = std::filesystem::temp_directory_path() /
                    ("placesim_test_cfg_" + std::to_string(::getpid()) + ".toml");
  {
    std::ofstream f(path);
    f << "# comment\n[run]\ndays = 12\n[place]\ncitizens = 999\n";
  }
  const ExperimentDocument doc = load_experiment_file(path.string());
  std::filesystem::remove(path);
  REQUIRE(doc.base.size() == 2);
  for (const auto& a : doc.base)
    CHECK_THAT(a.source, Contains(path.string() + (a.key == "run.days" ? ":3:" : ":5:")));
  const Config cfg = build_config({&doc.base});
  CHECK(cfg.run.days == 12);
  CHECK(cfg.place.citizens == 999);
}

TEST_CASE("bad --set overrides are named", "[config]") {
  SECTION("no '='") {
    const auto m = errors_of([] { parse_overrides({"life.recovery_rate"}); });
    REQUIRE(m.size() == 1);
    CHECK_THAT(m[0], Contains("life.recovery_rate"));
    CHECK_THAT(m[0], Contains("key=value"));
  }
  SECTION("empty key") {
    CHECK_THAT(errors_of([] { parse_overrides({"=3"}); })[0], Contains("key=value"));
  }
  SECTION("unknown key, with a suggestion") {
    const auto m = errors_of([] { parse_overrides({"place.citizen=5"}); });
    REQUIRE(m.size() == 1);
    CHECK_THAT(m[0], Contains("--set"));
    CHECK_THAT(m[0], Contains("did you mean 'place.citizens'"));
  }
  SECTION("unreadable value") {
    const auto m = errors_of([] { parse_overrides({"place.citizens=lots"}); });
    REQUIRE(m.size() == 1);
    CHECK_THAT(m[0], Contains("place.citizens"));
    CHECK_THAT(m[0], Contains("lots"));
  }
  SECTION("wrong type") {
    const auto m = errors_of([] { parse_overrides({"place.citizens=0.5"}); });
    REQUIRE(m.size() == 1);
    CHECK_THAT(m[0], Contains("expected an integer"));
  }
  SECTION("out of range, attributed to --set") {
    const auto m = errors_of([] { config_from("", {"life.recovery_rate=7"}); });
    REQUIRE(m.size() == 1);
    CHECK_THAT(m[0], Contains("--set life.recovery_rate"));
    CHECK_THAT(m[0], Contains("out of range"));
  }
  SECTION("several at once") {
    CHECK(errors_of([] { parse_overrides({"a=1", "place.citizens=x", "nokey"}); }).size() == 3);
  }
}

TEST_CASE("overrides apply after the file, in order", "[config]") {
  const Config cfg = config_from("[run]\ndays = 10\nseed = 3\n",
                                 {"run.days=20", "run.days=30", "experiment.name=plain text"});
  CHECK(cfg.run.days == 30);
  CHECK(cfg.run.seed == 3);
  CHECK(cfg.experiment.name == "plain text");
}

TEST_CASE("values that conflict with each other are rejected", "[config]") {
  const auto m = errors_of([] {
    config_from("[place]\ndeprivation_min = 0.8\ndeprivation_max = 0.2\n");
  });
  REQUIRE(m.size() == 1);
  CHECK_THAT(m[0], Contains("place.deprivation_min"));
  CHECK_THAT(errors_of([] { config_from("[life]\ncrisis_rearm = 0.9\ncrisis_level = 0.8\n"); })[0],
             Contains("life.crisis_rearm"));
  CHECK_THAT(errors_of([] { config_from("[place]\ncitizens = 10\nneighbourhoods = 20\n"); })[0],
             Contains("place.neighbourhoods"));
}

TEST_CASE("arms are kept in the order they are written", "[config]") {
  const ExperimentDocument doc = parse_experiment(
      "[run]\ndays = 5\n[arms.zebra]\nlife.recovery_rate = 0.02\n[arms.alpha]\nrun.seed = 9\n",
      "arms.toml");
  REQUIRE(doc.arms.size() == 2);
  CHECK(doc.arms[0].name == "zebra");
  CHECK(doc.arms[1].name == "alpha");
  REQUIRE(doc.arms[0].assignments.size() == 1);
  CHECK(doc.arms[0].assignments[0].key == "life.recovery_rate");
  CHECK_THAT(errors_of([] { parse_experiment("[arms.a]\nlife.recovery_rat = 1\n", "arms.toml"); })[0],
             Contains("did you mean 'life.recovery_rate'"));
}

TEST_CASE("every key has a meaning, and defaults are in range", "[config]") {
  const Config defaults;
  REQUIRE_FALSE(param_registry().empty());
  for (const auto& spec : param_registry()) {
    INFO(spec.key);
    CHECK_FALSE(spec.description.empty());
    CHECK(find_param(spec.key) == &spec);
    CHECK(nearest_param(spec.key) == spec.key);
    Config c = defaults;
    if (spec.kind == ParamKind::Integer) {
      CHECK(spec.integer(c) >= spec.min);
      CHECK(spec.integer(c) <= spec.max);
    } else if (spec.kind == ParamKind::Real) {
      CHECK(spec.real(c) >= spec.min);
      CHECK(spec.real(c) <= spec.max);
    }
  }
  CHECK(validate(defaults).empty());
}

TEST_CASE("the resolved TOML reads back to the same configuration", "[config]") {
  Config cfg = config_from("[experiment]\nname = \"quote \\\" and \\\\ back\\nslash\"\n"
                           "[life]\nrecovery_rate = 0.0123456789012345\ncoupling.money_to_mental = 0.003\n"
                           "[place]\ncitizens = 4321\n");
  const std::string text = to_toml(cfg);
  const ExperimentDocument doc = parse_experiment(text, "resolved.toml");
  CHECK(doc.base.size() == param_registry().size());
  const Config back = build_config({&doc.base});
  CHECK(to_toml(back) == text);
  CHECK(back.life.recovery_rate == cfg.life.recovery_rate);
  CHECK(back.life.coupling[Mental][Money] == 0.003);
  CHECK(back.experiment.name == cfg.experiment.name);
  CHECK(back.place.citizens == 4321);
}

TEST_CASE("text with control characters survives the resolved TOML", "[config]") {
  // TOML forbids raw control characters in strings; they must be written as \uXXXX escapes,
  // or the config stored in the output cannot be read back.
  const Config cfg = config_from("", {std::string("experiment.name=bell\x07 and del\x7f")});
  const ExperimentDocument doc = parse_experiment(to_toml(cfg), "resolved.toml");
  CHECK(build_config({&doc.base}).experiment.name == cfg.experiment.name);
}
