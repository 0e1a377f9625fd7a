// `placesim sweep` and `placesim sweep-merge`: parameter sweeps on a workstation and, sharded,
// on a cluster (docs/sweeps.md).
#include <cxxopts.hpp>

#include <cstdio>

#include "cli/cli.hpp"
#include "cli/sweep_memory.hpp"
#include "core/printable.hpp"
#include "experiments/sweep.hpp"
#include "sim/progress_bar.hpp"

namespace placesim::cli {
namespace {

// Names, levels and errors come from the sweep file, so they are printed escaped.
void print_design(const SweepPlan& plan, const Shard& shard) {
  std::printf("# sweep '%s': %zu runs, base %s, design %s\n", printable(plan.spec.name).c_str(),
              plan.runs.size(), printable(plan.spec.doc.source_name).c_str(),
              plan.design_hash.c_str());
  std::printf("run_id\tseed\tconfig_hash");
  for (const auto& c : plan.columns) std::printf("\t%s", printable(c.key).c_str());
  std::printf("\tnote\n");
  for (const auto& r : plan.runs) {
    if (!shard.owns(r.index)) continue;
    std::printf("%s\t%lld\t%s", r.id.c_str(), static_cast<long long>(r.seed),
                r.config_hash.c_str());
    for (const auto& v : r.values) std::printf("\t%s", printable(format_value(v)).c_str());
    std::printf("\t%s\n", r.error.empty() ? "" : printable("will fail: " + r.error).c_str());
  }
}

}  // namespace

int cmd_sweep(int argc, char** argv) {
  cxxopts::Options opts(
      "placesim sweep",
      "Run a parameter sweep: one HDF5 file per run and a summary table.\n"
      "  placesim sweep --config sweep.toml --out results/\n"
      "  placesim sweep --config sweep.toml --out results/ --shard 3/16   (one of 16 "
      "cluster jobs; then placesim sweep-merge results/)\n"
      "Started again with the same command, a killed sweep redoes only the runs that "
      "had not finished. The sweep file format is in docs/sweeps.md.");
  // clang-format off
  opts.add_options()
    ("config", "sweep file (TOML)", cxxopts::value<std::string>())
    ("out", "output directory", cxxopts::value<std::string>())
    ("threads", "total worker threads for all runs together, 0 = all hardware threads",
     cxxopts::value<std::string>()->default_value("0"))
    ("shard", "run only shard I of N (I from 0): runs whose index mod N is I", cxxopts::value<std::string>())
    ("overwrite", "discard the results already in the output directory")
    ("force", "run even if a run's memory estimate exceeds the memory available")
    ("dry-run", "print the runs of the design and exit")
    ("quiet", "no progress bar or summary line")
    ("help", "show this help");
  // clang-format on
  cxxopts::ParseResult args;
  if (auto stop = parse_command(opts, argc, argv, args)) return *stop;
  if (!args.count("config")) {
    std::fprintf(stderr, "placesim sweep: --config SWEEP.toml is required\n");
    return kBadInput;
  }
  const bool dry = args.count("dry-run") > 0;
  if (!dry && !args.count("out")) {
    std::fprintf(stderr, "placesim sweep: --out DIR is required\n");
    return kBadInput;
  }
  // An empty --out once meant the current directory, silently (and, with --overwrite, its
  // sweep files deleted); `--out .` says so.
  if (!dry && args["out"].as<std::string>().empty()) {
    std::fprintf(stderr, "placesim sweep: --out: no directory given (use --out . for this one)\n");
    return kBadInput;
  }
  SweepOptions opt;
  // The threads of all runs together are bounded as one run's are.
  opt.threads = static_cast<int>(whole_number(args, "threads", key_range("run.threads")));
  opt.overwrite = args.count("overwrite") > 0;
  opt.command_line = joined_command_line(argc, argv);
  const bool quiet = args.count("quiet") > 0;
  opt.progress = !quiet && ProgressBar::stderr_is_terminal();
  if (opt.overwrite && args.count("shard")) {
    // One shard would delete the results of the others sharing the directory.
    std::fprintf(stderr,
                 "placesim sweep: --overwrite cannot be combined with --shard; remove the old "
                 "directory or use a new --out\n");
    return kBadInput;
  }
  SweepPlan plan;
  try {
    if (args.count("shard")) opt.shard = parse_shard(args["shard"].as<std::string>());
    plan = plan_sweep(load_sweep_file(args["config"].as<std::string>()));
    for (const auto& n : plan.spec.notes) std::fprintf(stderr, "placesim sweep: %s\n", printable(n).c_str());
  } catch (const ConfigError& e) {
    for (const auto& m : e.messages())
      std::fprintf(stderr, "placesim sweep: %s\n", printable(m).c_str());
    return kBadInput;
  } catch (const SweepError& e) {
    std::fprintf(stderr, "placesim sweep: %s\n", printable(e.what()).c_str());
    return kBadInput;
  }
  if (dry) {
    print_design(plan, opt.shard);
    return kOk;
  }
  if (!args.count("force")) {
    const std::string no_room = sweep_memory_refusal(plan, opt.shard);
    if (!no_room.empty()) {
      std::fprintf(stderr, "placesim sweep: %s\n", no_room.c_str());
      return kBadInput;
    }
  }
  SweepReport rep;
  try {
    rep = run_sweep(plan, args["out"].as<std::string>(), opt);
  } catch (const SweepError& e) {
    std::fprintf(stderr, "placesim sweep: %s\n", printable(e.what()).c_str());
    return kBadInput;
  }
  if (!quiet)
    std::fprintf(
        stderr,
        "placesim sweep: %lld run%s (%lld already done, %lld run now), %lld failed; wrote %s\n",
        static_cast<long long>(rep.runs), rep.runs == 1 ? "" : "s",
        static_cast<long long>(rep.skipped), static_cast<long long>(rep.ran),
        static_cast<long long>(rep.failed), printable(rep.summary_path).c_str());
  if (rep.failed > 0) {
    std::fprintf(stderr,
                 "placesim sweep: %lld run%s failed; see the status and error columns of %s\n",
                 static_cast<long long>(rep.failed), rep.failed == 1 ? "" : "s",
                 printable(rep.summary_path).c_str());
    return kFailed;
  }
  return kOk;
}

int cmd_sweep_merge(int argc, char** argv) {
  cxxopts::Options opts(
      "placesim sweep-merge",
      "Build DIR/summary.h5 from the results of every shard of a sweep, checking that "
      "no run is missing or duplicated.\n  placesim sweep-merge results/");
  opts.add_options()("dir", "sweep output directory", cxxopts::value<std::string>())(
      "help", "show this help");
  opts.parse_positional({"dir"});
  opts.positional_help("DIR");
  cxxopts::ParseResult args;
  if (auto stop = parse_command(opts, argc, argv, args)) return *stop;
  if (!args.count("dir")) {
    std::fprintf(stderr, "placesim sweep-merge: give the sweep directory\n");
    return kBadInput;
  }
  const std::string dir = args["dir"].as<std::string>();
  MergeReport rep;
  try {
    rep = merge_sweep(dir);
  } catch (const SweepError& e) {
    std::fprintf(stderr, "placesim sweep-merge: %s\n", printable(e.what()).c_str());
    return kBadInput;
  }
  auto list = [](const std::vector<std::string>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < 20; ++i) s += "\n  " + v[i];
    if (v.size() > 20) s += "\n  ... and " + std::to_string(v.size() - 20) + " more";
    return s;
  };
  if (!rep.duplicated.empty())
    std::fprintf(
        stderr,
        "placesim sweep-merge: %zu run(s) claimed by more than one shard (were shards run with "
        "different N?):%s\n",
        rep.duplicated.size(), list(rep.duplicated).c_str());
  if (!rep.missing.empty())
    std::fprintf(
        stderr,
        "placesim sweep-merge: %zu of %lld runs have no result yet (run their shards again):%s\n",
        rep.missing.size(), static_cast<long long>(rep.runs), list(rep.missing).c_str());
  if (!rep.missing.empty() || !rep.duplicated.empty()) {
    std::fprintf(stderr, "placesim sweep-merge: no summary written\n");
    return kFailed;
  }
  std::fprintf(
      stderr, "placesim sweep-merge: %lld run%s (%lld ok, %lld failed); wrote %s/summary.h5\n",
      static_cast<long long>(rep.runs), rep.runs == 1 ? "" : "s", static_cast<long long>(rep.ok),
      static_cast<long long>(rep.failed), printable(dir).c_str());
  return rep.failed > 0 ? kFailed : kOk;
}

}  // namespace placesim::cli
