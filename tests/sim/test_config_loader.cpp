// Configuration: every kind of bad input is rejected with a message naming the key and where it
// came from; good input round-trips through the resolved TOML stored in every output.
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/config_loader.hpp"
#include "sim/param_registry.hpp"
#include "sim/runner.hpp"

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
  const auto m = errors_of(
      [] { parse_experiment("[run]\ndays = 10\n\n[life]\nrecovery_rat = 0.02\n", "exp.toml"); });
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
  CHECK(config_from("[place]\ncitizens = 300.0\n[life]\nrecovery_rate = 0\n").place.citizens ==
        300);
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
  const auto m = errors_of(
      [] { parse_experiment("[run]\ndays = 3\n[life\nrecovery_rate = 0.1\n", "bad.toml"); });
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
  const auto m =
      errors_of([] { config_from("[place]\ndeprivation_min = 0.8\ndeprivation_max = 0.2\n"); });
  REQUIRE(m.size() == 1);
  CHECK_THAT(m[0], Contains("place.deprivation_min"));
  CHECK_THAT(errors_of([] { config_from("[life]\ncrisis_rearm = 0.9\ncrisis_level = 0.8\n"); })[0],
             Contains("life.crisis_rearm"));
  CHECK_THAT(errors_of([] { config_from("[place]\ncitizens = 10\nneighbourhoods = 20\n"); })[0],
             Contains("place.neighbourhoods"));
}

TEST_CASE("arms are kept in the order they are written", "[config]") {
  const ExperimentDocument doc = parse_experiment(
      "[run]\ndays = 5\n[arms.zebra]\nlife.recovery_rate = 0.02\n[arms.alpha]\nsilo.threshold = "
      "0.5\n",
      "arms.toml");
  REQUIRE(doc.arms.size() == 2);
  CHECK(doc.arms[0].name == "zebra");
  CHECK(doc.arms[1].name == "alpha");
  REQUIRE(doc.arms[0].assignments.size() == 1);
  CHECK(doc.arms[0].assignments[0].key == "life.recovery_rate");
  CHECK_THAT(
      errors_of([] { parse_experiment("[arms.a]\nlife.recovery_rat = 1\n", "arms.toml"); })[0],
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
  Config cfg = config_from(
      "[experiment]\nname = \"quote \\\" and \\\\ back\\nslash\"\n"
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

TEST_CASE("an arm may not set what every arm shares", "[config]") {
  // Arms share the tick axis, the root seed, the neighbourhoods and the experiment's name in
  // the output file; an arm changing them made a file that disagreed with itself.
  for (const char* key : {"run.days = 9", "run.seed = 9", "run.sample_every = 2", "run.threads = 2",
                          "place.citizens = 300", "place.neighbourhoods = 3",
                          "place.deprivation_max = 0.5", "experiment.name = \"x\""}) {
    INFO(key);
    const auto m = errors_of([&] {
      parse_experiment(std::string("[run]\ndays = 5\n\n[arms.longer]\n") + key + "\n", "arms.toml");
    });
    REQUIRE(m.size() == 1);
    CHECK_THAT(m[0], Contains("arms.toml:5:"));
    CHECK_THAT(m[0], Contains("arm 'longer'"));
    CHECK_THAT(m[0], Contains(std::string(key).substr(0, std::string(key).find(' '))));
    CHECK_THAT(m[0], Contains("cannot be set in an arm"));
    CHECK_THAT(m[0], Contains("set it at the top level"));
  }
  CHECK_THAT(errors_of([] { parse_experiment("[arms.a]\nrun.days = 9\n", "arms.toml"); })[0],
             Contains("every arm shares the days, seed and place"));
  // The network is per arm in the output: an arm may compare a denser community.
  const ExperimentDocument doc =
      parse_experiment("[arms.dense]\nnetwork.ring_neighbours = 6\n", "arms.toml");
  REQUIRE(doc.arms.size() == 1);
  CHECK(doc.arms[0].assignments.at(0).key == "network.ring_neighbours");
}

TEST_CASE("a schedule may not change what is fixed for the run", "[config]") {
  const auto base =
      errors_of([] { parse_experiment("[[schedule]]\nday = 4\nrun.days = 9\n", "sched.toml"); });
  REQUIRE(base.size() == 1);
  CHECK_THAT(base[0], Contains("sched.toml:3:"));
  CHECK_THAT(base[0], Contains("[[schedule]] day 4: key 'run.days' cannot change during a run"));
  CHECK_THAT(base[0], Contains("set it at the top level"));
  const auto arm = errors_of([] {
    parse_experiment(
        "[arms.a]\nsilo.threshold = 0.5\n[[arms.a.schedule]]\nday = 2\nplace.citizens = 50\n",
        "sched.toml");
  });
  REQUIRE(arm.size() == 1);
  CHECK_THAT(arm[0], Contains("sched.toml:5:"));
  CHECK_THAT(arm[0], Contains("arm 'a': [[schedule]] day 2: key 'place.citizens'"));
  const auto net = errors_of(
      [] { parse_experiment("[[schedule]]\nday = 4\nnetwork.rewire_prob = 0.5\n", "sched.toml"); });
  REQUIRE(net.size() == 1);
  CHECK_THAT(net[0], Contains("the social network is built once"));
}

TEST_CASE("arm names that cannot be HDF5 group names are rejected with file and line", "[config]") {
  const std::string long_name(kMaxArmNameBytes + 1, 'a');
  for (const std::string& quoted :
       {std::string("\"\""), std::string("\".\""), std::string("\"..\""), std::string("\"a/b\""),
        std::string("\"a,b\""), std::string("\"bell\\u0007\""), std::string("\" lead\""),
        std::string("\"trail \""), "\"" + long_name + "\""}) {
    INFO(quoted);
    const auto m = errors_of([&] {
      parse_experiment("[run]\ndays = 5\n[arms." + quoted + "]\nsilo.threshold = 0.5\n",
                       "names.toml");
    });
    REQUIRE(m.size() == 1);
    CHECK_THAT(m[0], Contains("names.toml:3:"));
    CHECK_THAT(m[0], Contains("the name "));
  }
  CHECK_THAT(errors_of([] { parse_experiment("[arms.\"a/b\"]\n", "n.toml"); })[0],
             Contains("arm 'a/b': the name contains '/'"));
  CHECK_THAT(errors_of([] { parse_experiment("[arms.\"bell\\u0007\"]\n", "n.toml"); })[0],
             Contains("arm 'bell\\x07'"));
  // Letters beyond ASCII, dashes and inner spaces are fine, up to the bound.
  const std::string ok(kMaxArmNameBytes, 'b');
  const ExperimentDocument doc = parse_experiment(
      "[arms.\"hub-kept\"]\n[arms.\"syst\u00e8me de sant\u00e9\"]\n[arms." + ok + "]\n", "n.toml");
  CHECK(doc.arms.size() == 3);
  // TOML itself refuses a second table of the same name.
  CHECK_THAT(errors_of([] { parse_experiment("[arms.a]\n[arms.a]\n", "dup.toml"); })[0],
             Contains("dup.toml:2:"));
}

TEST_CASE("a NUL or control character in a key is shown, not cut off", "[config]") {
  // printf("%s") of a message with a raw NUL stopped at the NUL, hiding the rest.
  const auto m =
      errors_of([] { parse_experiment("[life]\n\"recovery\\u0000rate\" = 0.1\n", "nul.toml"); });
  REQUIRE(m.size() == 1);
  CHECK(m[0].find('\0') == std::string::npos);
  CHECK_THAT(m[0], Contains("unknown key 'life.recovery\\x00rate'"));
  const auto esc =
      errors_of([] { parse_experiment("[life]\n\"a\\u001b[31m\" = 1\n", "esc.toml"); });
  CHECK(esc[0].find('\x1b') == std::string::npos);
  const auto set = errors_of([] { parse_overrides({std::string("life.x\x1b[2J") + "=1"}); });
  CHECK(set[0].find('\x1b') == std::string::npos);
  CHECK_THAT(set[0], Contains("life.x\\x1B[2J"));
}

TEST_CASE("text that is not UTF-8 is rejected before it reaches the stored config", "[config]") {
  // The TOML parser checks a file's strings; --set text arrives raw.
  const auto file =
      errors_of([] { parse_experiment("[experiment]\nname = \"bad \xff byte\"\n", "utf8.toml"); });
  REQUIRE(file.size() == 1);
  CHECK_THAT(file[0], Contains("utf8.toml:2:"));
  CHECK_THAT(file[0], Contains("invalid utf-8"));
  const auto set = errors_of([] { parse_overrides({"experiment.name=bad \xff\xfe"}); });
  REQUIRE(set.size() == 1);
  CHECK_THAT(set[0], Contains("--set experiment.name"));
  CHECK_THAT(set[0], Contains("'bad \\xFF\\xFE' is not valid UTF-8"));
  // Other routes into the config meet the same check.
  const std::vector<Assignment> raw{
      {"experiment.title", std::string("\xc3\x28"), "sweep.toml:4:1"}};
  CHECK_THAT(errors_of([&] { build_config({&raw}); })[0],
             Contains("sweep.toml:4:1: key 'experiment.title'"));
  CHECK(config_from("", {"experiment.name=caf\xc3\xa9"}).experiment.name == "caf\xc3\xa9");
}

TEST_CASE("a NUL in text is rejected, not cut short in the output", "[config]") {
  // HDF5 keeps text attributes as C strings: "a\0b" was stored as the experiment "a".
  const auto file = errors_of([] { config_from("[experiment]\nname = \"a\\u0000b\"\n"); });
  REQUIRE(file.size() == 1);
  CHECK_THAT(file[0], Contains("test.toml:2:") && Contains("key 'experiment.name'") &&
                          Contains("'a\\x00b' contains a NUL character"));
  const auto set = errors_of([] { config_from("", {"experiment.title=\"a\\u0000b\""}); });
  REQUIRE(set.size() == 1);
  CHECK_THAT(set[0], Contains("--set experiment.title") && Contains("NUL"));
}

TEST_CASE("bad text given with set is reported once, not once per arm", "[config]") {
  const ExperimentDocument doc = parse_experiment(
      "[arms.a]\nsilo.threshold = 0.3\n[arms.b]\nsilo.threshold = 0.4\n", "two_arms.toml");
  REQUIRE(doc.arms.size() == 2);
  for (const char* set : {"experiment.title=\"a\\u0000b\"", "experiment.title=a\xff"}) {
    const auto m = errors_of([&] { prepare_arms({doc, parse_overrides({set}), {}}); });
    CHECK(m.size() == 1);
  }
}

TEST_CASE("an experiment file must be a small regular file", "[config]") {
  CHECK_THAT(errors_of([] { load_experiment_file("/dev/zero"); })[0],
             Contains("/dev/zero: is a character device, not a regular file"));
  const auto dir = std::filesystem::temp_directory_path();
  CHECK_THAT(errors_of([&] { load_experiment_file(dir.string()); })[0],
             Contains("is a directory, not a regular file"));
}

TEST_CASE("every role exception names a registered key, and each role is used", "[registry]") {
  // A renamed key would silently fall back to its section's role: the exception list must
  // follow the registry.
  for (auto key : placesim::role_exceptions())
    CHECK(placesim::find_param(std::string(key)) != nullptr);
  int levers = 0, uncertain = 0, settings = 0;
  for (const auto& s : placesim::param_registry()) {
    levers += s.role == placesim::ParamRole::Lever;
    uncertain += s.role == placesim::ParamRole::Uncertainty;
    settings += s.role == placesim::ParamRole::Setting;
  }
  CHECK(levers > 10);
  CHECK(uncertain > 10);
  CHECK(settings > 5);
  CHECK(placesim::find_param("groups.funding")->role == placesim::ParamRole::Lever);
  CHECK(placesim::find_param("life.recovery_rate")->role == placesim::ParamRole::Uncertainty);
}
