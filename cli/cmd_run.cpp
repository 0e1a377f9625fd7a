// `placesim run`: resolve the experiment, validate every arm, run, write one HDF5 file.
#include <cxxopts.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

#include "cli/cli.hpp"
#include "core/printable.hpp"
#include "experiments/preset_registry.hpp"
#include "sim/memory_estimate.hpp"
#include "sim/output_file.hpp"
#include "sim/progress_bar.hpp"
#include "sim/runner.hpp"

namespace placesim::cli {
namespace {

struct RunOptions {
  cxxopts::ParseResult args;
  std::string out;
  bool overwrite = false;
  bool quiet = false;
  bool force = false;
};

// Parses the command line; the exit code when the command should stop here.
std::optional<int> parse_options(int argc, char** argv, RunOptions& o) {
  cxxopts::Options opts("placesim run",
                        "Run an experiment and write its HDF5 output.\n"
                        "  placesim run --preset silo-vs-relational --out results.h5\n"
                        "  placesim run --config my.toml --days 730 --set place.citizens=50000 "
                        "--out my.h5\n"
                        "  placesim run --preset austerity --arm cut:groups.funding=0.2 --out a.h5\n"
                        "  placesim run --preset one-life --replicates 10 --out one-life.h5\n"
                        "A comparison runs run.replicates replicates (default 5): replicate r runs "
                        "every arm on seed + r, and the report gives each difference a 95% "
                        "interval.\n"
                        "Without --config or --preset the default preset (" +
                            std::string(kDefaultPreset) + ") runs.");
  // clang-format off
  opts.add_options()
    ("config", "experiment file (TOML)", cxxopts::value<std::string>())
    ("preset", "preset experiment name (see `placesim presets`)", cxxopts::value<std::string>())
    ("days", "days to simulate (run.days)", cxxopts::value<std::string>())
    ("seed", "random seed (run.seed)", cxxopts::value<std::string>())
    ("replicates", "replicates of the comparison (run.replicates, default 5): replicate r runs "
     "every arm on seed + r", cxxopts::value<std::string>())
    ("threads", "worker threads, 0 = all (run.threads); never changes results",
     cxxopts::value<std::string>())
    ("set", "override a key in every arm: --set key=value (repeatable, each key once)",
     cxxopts::value<std::vector<std::string>>())
    ("arm", "override a key in one arm: --arm NAME:key=value (repeatable; wins over --set)",
     cxxopts::value<std::vector<std::string>>())
    ("out", "output HDF5 file", cxxopts::value<std::string>())
    ("overwrite", "replace the output file if it exists")
    ("force", "run even if the memory estimate exceeds the memory available")
    ("quiet", "no progress bar or summary")
    ("help", "show this help");
  // clang-format on
  if (auto stop = parse_command(opts, argc, argv, o.args)) return stop;
  if (o.args.count("config") && o.args.count("preset")) {
    std::fprintf(stderr, "placesim run: give --config or --preset, not both\n");
    return kBadInput;
  }
  if (!o.args.count("out")) {
    std::fprintf(stderr, "placesim run: --out FILE is required\n");
    return kBadInput;
  }
  o.out = o.args["out"].as<std::string>();
  o.overwrite = o.args.count("overwrite") > 0;
  o.quiet = o.args.count("quiet") > 0;
  o.force = o.args.count("force") > 0;
  return std::nullopt;
}

// A key given twice on the command line (--days and --set run.days, or two --set) is refused
// naming both, as a file with conflicting keys is: neither value silently wins.
void refuse_repeated_keys(const std::vector<Assignment>& overrides) {
  std::vector<std::string> errors;
  for (std::size_t i = 0; i < overrides.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (overrides[j].key == overrides[i].key) {
        errors.push_back(overrides[i].source + ": key '" + printable(overrides[i].key) +
                         "' is also set by " + overrides[j].source + "; give it once");
        break;
      }
  if (!errors.empty()) throw ConfigError(std::move(errors));
}

// The experiment with the command line's overrides. Throws ConfigError or UsageError.
RunRequest make_request(const cxxopts::ParseResult& args) {
  RunRequest req;
  if (args.count("config"))
    req.doc = load_experiment_file(args["config"].as<std::string>());
  else
    req.doc = load_preset(args.count("preset") ? args["preset"].as<std::string>() : kDefaultPreset);
  // The shortcut options are named as given, so a bad value is reported as `--days`, not
  // as the key it sets; they accept exactly what the key accepts.
  for (const auto& [opt, key] : {std::pair{"days", "run.days"}, std::pair{"seed", "run.seed"},
                                 std::pair{"threads", "run.threads"},
                                 std::pair{"replicates", "run.replicates"}})
    if (args.count(opt))
      req.overrides.push_back(
          {key, whole_number(args, opt, key_range(key)), std::string("--") + opt});
  if (args.count("set")) {
    auto sets = parse_overrides(args["set"].as<std::vector<std::string>>());
    req.overrides.insert(req.overrides.end(), sets.begin(), sets.end());
  }
  refuse_repeated_keys(req.overrides);
  if (args.count("arm")) {
    req.arm_overrides = parse_arm_overrides(args["arm"].as<std::vector<std::string>>());
    std::vector<std::string> errors;
    for (std::size_t i = 0; i < req.arm_overrides.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (req.arm_overrides[i].arm == req.arm_overrides[j].arm &&
            req.arm_overrides[i].assignment.key == req.arm_overrides[j].assignment.key)
          errors.push_back(req.arm_overrides[i].assignment.source + ": key '" +
                           printable(req.arm_overrides[i].assignment.key) + "' is also set by " +
                           req.arm_overrides[j].assignment.source + "; give it once");
    if (!errors.empty()) throw ConfigError(std::move(errors));
  }
  return req;
}

// --set on a comparison changes every arm alike: if an arm's difference was the key set, the
// difference is gone. Said once, so a teacher does not compare two identical arms unawares.
void note_set_on_every_arm(const RunOptions& o, const RunRequest& req,
                           const std::vector<PreparedArm>& arms) {
  if (o.quiet || arms.size() < 2) return;
  std::string names;
  for (const auto& a : arms) names += (names.empty() ? "" : ", ") + printable(a.name);
  for (const auto& set : req.overrides) {
    if (set.source.rfind("--set", 0) != 0) continue;
    // Keys every arm must share anyway (the place, the run) lose no difference.
    if (set.key.rfind("run.", 0) == 0 || set.key.rfind("place.", 0) == 0 ||
        set.key.rfind("experiment.", 0) == 0)
      continue;
    std::string replaced;
    int setters = 0;
    for (const auto& arm : req.doc.arms)
      for (const auto& a : arm.assignments)
        if (a.key == set.key) {
          replaced += (replaced.empty() ? "" : ", ") + printable(arm.name);
          ++setters;
        }
    std::fprintf(stderr, "placesim run: note: --set %s applied to every arm (%s)%s%s%s; to change "
                         "one arm use --arm NAME:key=value\n",
                 printable(set.key).c_str(), names.c_str(),
                 replaced.empty() ? "" : setters > 1 ? ", replacing the values set by arms "
                                                     : ", replacing the value set by arm ",
                 replaced.c_str(), replaced.empty() ? "" : " (their difference is gone)");
  }
}

// Resolves and validates every arm and claims the output file (removed unless committed).
std::optional<int> prepare(const RunOptions& o, RunRequest& req, std::vector<PreparedArm>& arms,
                           std::optional<OutputTarget>& target) {
  try {
    check_output_path(o.out, o.overwrite);
    req = make_request(o.args);
    arms = prepare_arms(req);
    check_replicate_seeds(arms.front().cfg.run.seed, arms.front().cfg.run.replicates);
    note_set_on_every_arm(o, req, arms);
    target.emplace(o.out, o.overwrite);
  } catch (const ConfigError& e) {
    for (const auto& m : e.messages())
      std::fprintf(stderr, "placesim run: %s\n", printable(m).c_str());
    return kBadInput;
  } catch (const OutputError& e) {
    std::fprintf(stderr, "placesim run: %s\n", printable(e.what()).c_str());
    return kBadInput;
  }
  return std::nullopt;
}

bool fits_in_memory(const std::vector<PreparedArm>& arms, bool force) {
  // Replicates after the first run one simulation at a time beside replicate 0's kept arms:
  // the peak holds one arm more (the largest).
  std::vector<PreparedArm> peak = arms;
  if (!arms.empty() && arms.front().cfg.run.replicates > 1)
    peak.push_back(*std::max_element(arms.begin(), arms.end(), [](const auto& a, const auto& b) {
      return a.cfg.place.citizens < b.cfg.place.citizens;
    }));
  const std::string no_room =
      memory_refusal(estimate_memory(peak), available_memory(), arms.size());
  if (no_room.empty() || force) return true;
  std::fprintf(stderr, "placesim run: %s\n", no_room.c_str());
  return false;
}

// Runs every arm, filling in the provenance of the run as it goes.
ExperimentResult simulate(const std::vector<PreparedArm>& arms, bool quiet, Provenance& prov) {
  prov.seed = arms.front().cfg.run.seed;
  prov.started_utc = utc_now();
  const auto t0 = std::chrono::steady_clock::now();
  ProgressBar bar("placesim run", !quiet && ProgressBar::stderr_is_terminal());
  ExperimentResult res =
      run_replicated(arms, [&](std::int64_t d, std::int64_t t) { bar.update(d, t); });
  bar.finish();
  prov.threads = res.sims.front()->threads();
  prov.finished_utc = utc_now();
  prov.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return res;
}

int write_file(const RunOptions& o, OutputTarget& target, const Provenance& prov,
               const ExperimentResult& res) {
  std::vector<ArmResult> results;
  for (std::size_t a = 0; a < res.arms.size(); ++a)
    results.push_back({res.arms[a].name, to_toml(res.arms[a].cfg), res.sims[a].get(),
                       a < res.replicates.size() ? &res.replicates[a] : nullptr});
  try {
    write_output(target, prov, results);
  } catch (const OutputError& e) {
    std::fprintf(stderr, "placesim run: %s\n", printable(e.what()).c_str());
    return kFailed;
  }
  if (!o.quiet) {
    const long long reps = static_cast<long long>(res.arms.front().cfg.run.replicates);
    std::fprintf(stderr, "placesim run: wrote %s (%zu arm%s, %lld replicate%s, %lld days, %.1f s)\n",
                 printable(o.out).c_str(), results.size(), results.size() == 1 ? "" : "s", reps,
                 reps == 1 ? "" : "s", static_cast<long long>(res.arms.front().cfg.run.days),
                 prov.wall_seconds);
  }
  return kOk;
}

}  // namespace

int cmd_run(int argc, char** argv) {
  RunOptions o;
  if (auto stop = parse_options(argc, argv, o)) return *stop;
  RunRequest req;
  std::vector<PreparedArm> arms;
  std::optional<OutputTarget> target;  // claimed before simulating; removed unless committed
  if (auto stop = prepare(o, req, arms, target)) return *stop;
  if (!fits_in_memory(arms, o.force)) return kBadInput;

  Provenance prov;
  prov.experiment = arms.front().cfg.experiment.name;
  prov.source = req.doc.source_name;
  prov.config_toml = to_toml(arms.front().cfg);
  prov.command_line = joined_command_line(argc, argv);
  const ExperimentResult res = simulate(arms, o.quiet, prov);
  return write_file(o, *target, prov, res);
}

}  // namespace placesim::cli
