// Running the runs of a sweep under one thread budget, then writing its summary.
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

#include "experiments/sweep.hpp"
#include "experiments/sweep_files.hpp"
#include "experiments/sweep_summary.hpp"
#include "sim/output_file.hpp"
#include "sim/progress_bar.hpp"

namespace placesim {
namespace fs = std::filesystem;

namespace {

// A failure that cannot even be recorded (the disk that failed the run is still full) must not
// end the sweep: the run has no result file, so a restart does it again anyway.
void record_failure(const std::string& dir, const PlannedRun& run, const std::string& error) {
  try {
    write_failure(dir, run, error);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "placesim sweep: run %s failed (%s), and %s\n", run.id.c_str(),
                 error.c_str(), e.what());
  }
}

Provenance run_provenance(const SweepPlan& plan, const PlannedRun& run, const Config& cfg,
                          int threads, const std::string& command_line) {
  Provenance prov;
  prov.experiment = cfg.experiment.name;
  prov.source = plan.spec.doc.source_name + " (sweep " + plan.spec.name + ", run " + run.id + ")";
  prov.config_toml = to_toml(cfg);
  prov.command_line = command_line;
  prov.seed = run.seed;
  prov.threads = threads;
  return prov;
}

// Write the run's file (write_output removes its partial file when it fails) and check that
// it reads back as this run: a file at runs/<id>.h5 is what a restart takes for a result.
void write_run_file(const std::string& dir, const PlannedRun& run, const Provenance& prov,
                    const std::vector<ArmResult>& results) {
  const std::string out = run_output_path(dir, run.id);
  {
    std::lock_guard<std::mutex> lock(hdf5_mutex());
    write_output(out, true, prov, results);
  }
  if (stored_config_hash(out) != run.config_hash) {
    std::error_code ec;
    fs::remove(out, ec);
    throw SweepWriteError(out + ": the written file does not read back as this run; removed");
  }
}

}  // namespace

bool execute_run(const std::string& dir, const SweepPlan& plan, std::int64_t index, int threads,
                 const std::string& command_line) {
  const PlannedRun& run = plan.runs.at(static_cast<std::size_t>(index));
  if (!run.error.empty()) {
    record_failure(dir, run, run.error);
    return false;
  }
  try {
    std::vector<PreparedArm> arms = run.arms;
    for (auto& a : arms) a.cfg.run.threads = threads;
    Provenance prov = run_provenance(plan, run, arms.front().cfg, threads, command_line);
    prov.started_utc = utc_now();
    const auto t0 = std::chrono::steady_clock::now();
    ExperimentResult res = run_arms(arms);
    prov.finished_utc = utc_now();
    prov.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::vector<ArmResult> results;
    for (std::size_t a = 0; a < res.arms.size(); ++a)
      results.push_back({res.arms[a].name, to_toml(res.arms[a].cfg), res.sims[a].get()});
    write_run_file(dir, run, prov, results);
    std::error_code ec;
    fs::remove(run_failure_path(dir, run.id), ec);
    return true;
  } catch (const std::exception& e) {
    record_failure(dir, run, e.what());
    return false;
  }
}

SweepReport run_sweep(const SweepPlan& plan, const std::string& dir, const SweepOptions& opt) {
  SweepReport rep;
  const std::vector<std::int64_t> todo = prepare_sweep_dir(dir, plan, opt.shard, opt.overwrite);
  for (const auto& r : plan.runs) rep.runs += opt.shard.owns(r.index);
  rep.skipped = rep.runs - static_cast<std::int64_t>(todo.size());

  // One thread budget for everything: a global cap on TBB threads, one arena in which runs
  // are tasks, and each run's own arena sized so runs x per-run threads fits the budget. With
  // more runs than threads each run is serial (run.threads = 1), which scales best; a sweep of
  // fewer runs than threads gives the spare threads to the per-tick loops. Results do not
  // depend on the split.
  const int budget = opt.threads > 0
                         ? opt.threads
                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int concurrent =
      static_cast<int>(std::max<std::size_t>(1, std::min<std::size_t>(todo.size(), budget)));
  const int per_run = std::max(1, budget / concurrent);
  {
    tbb::global_control cap(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(budget));
    tbb::task_arena arena(budget);
    ProgressBar bar("placesim sweep", opt.progress);
    std::mutex progress_mutex;
    std::int64_t done = 0;
    bar.update(0, static_cast<std::int64_t>(todo.size()));
    arena.execute([&] {
      tbb::parallel_for(
          tbb::blocked_range<std::size_t>(0, todo.size(), 1),
          [&](const tbb::blocked_range<std::size_t>& range) {
            for (std::size_t k = range.begin(); k < range.end(); ++k) {
              execute_run(dir, plan, todo[k], per_run, opt.command_line);
              std::lock_guard<std::mutex> lock(progress_mutex);
              bar.update(++done, static_cast<std::int64_t>(todo.size()));
            }
          },
          tbb::simple_partitioner());
    });
    bar.finish();
  }
  rep.ran = static_cast<std::int64_t>(todo.size());

  const Manifest m = make_manifest(plan);
  std::vector<std::int64_t> mine;
  for (const auto& r : plan.runs)
    if (opt.shard.owns(r.index)) mine.push_back(r.index);
  const auto rows = collect_rows(dir, m, mine);
  for (const auto& r : rows) rep.failed += r.status != "ok";
  if (opt.shard.count == 1) {
    rep.summary_path = (fs::path(dir) / "summary.h5").string();
    write_table(rep.summary_path, m, rows, nullptr);
  } else {
    fs::create_directories(fs::path(dir) / "shards");
    rep.summary_path = shard_table_path(dir, opt.shard.index, opt.shard.count);
    write_table(rep.summary_path, m, rows, &opt.shard);
  }
  return rep;
}

}  // namespace placesim
