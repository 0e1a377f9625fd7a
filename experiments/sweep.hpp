#pragma once
// Running a sweep into a directory, resuming it, and summarising it.
//
//   DIR/manifest.toml        the resolved design: every run's id, point, replicate, seed,
//                            parameter values and config hash (written before any run)
//   DIR/runs/<id>.h5         one output file per finished run (written atomically)
//   DIR/runs/<id>.failed     the error of a run that failed (written atomically)
//   DIR/shards/shard-I-of-N.h5  the summary table of one shard (--shard I/N)
//   DIR/summary.h5           one row per run (schema in docs/sweeps.md)
//
// A run counts as done when its output file exists and holds the manifest's config hash, so
// a sweep killed at any point and started again redoes only the runs that had not finished.
//
// The implementation is split by concern: sweep_manifest.cpp, sweep_dir.cpp (directory
// protocol), sweep_run.cpp, sweep_merge.cpp, sweep_summary.cpp (all HDF5 code) and
// sweep_files.cpp (atomic writes, .failed records).
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "experiments/run_summary.hpp"
#include "experiments/sweep_design.hpp"

namespace placesim {

// A sweep that cannot go ahead (changed design, inconsistent directory): exit code 2.
class SweepError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A file of the sweep directory could not be written (full disk, no permission): the work
// failed, exit code 1.
class SweepWriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ManifestRun {
  std::string id;
  std::int64_t point = 0, replicate = 0, seed = 0;
  std::string config_hash;
  std::vector<ParamValue> values;
};

struct Manifest {
  std::string name;
  std::string sweep_toml;  // the sweep file's text
  std::string base;
  std::string design_hash;
  std::vector<DesignColumn> columns;
  std::vector<ManifestRun> runs;
};

Manifest make_manifest(const SweepPlan& plan);
std::string manifest_to_toml(const Manifest& m);
Manifest manifest_from_toml(const std::string& text,
                            const std::string& source);  // throws SweepError

// Write DIR/manifest.toml, or check that the one there describes the same runs. Throws
// SweepError with a message naming what differs when it does not.
void ensure_manifest(const std::string& dir, const Manifest& m);
Manifest read_manifest(const std::string& dir);

struct Shard {
  std::int64_t index = 0, count = 1;  // this process runs the runs with index % count == index
  bool owns(std::int64_t run_index) const { return run_index % count == index; }
};
Shard parse_shard(const std::string& text);  // "I/N", 0 <= I < N; throws SweepError

struct SweepOptions {
  int threads = 0;  // total thread budget; 0 = all hardware threads
  Shard shard;
  bool overwrite = false;  // discard the results already in the directory
  bool progress = false;   // progress bar on stderr
  std::string command_line;
};

struct SweepReport {
  std::int64_t runs = 0;     // in this shard
  std::int64_t skipped = 0;  // already done
  std::int64_t ran = 0;
  std::int64_t failed = 0;   // in this shard, after the sweep
  std::string summary_path;  // summary.h5, or the shard table
};

// Prepare DIR (manifest check, leftovers of killed runs removed) and return the indices of the
// runs of this shard still to do. Throws SweepError.
std::vector<std::int64_t> prepare_sweep_dir(const std::string& dir, const SweepPlan& plan,
                                            const Shard& shard, bool overwrite);

// Run one planned run and leave DIR/runs/<id>.h5 or DIR/runs/<id>.failed. Never throws: a run
// that fails, or whose file cannot be written, leaves no DIR/runs/<id>.h5 and a .failed record
// when one can be written (else a line on stderr), and is done again on a restart. `threads` is the
// run's own per-tick parallelism. HDF5 calls are serialised internally, so runs may execute
// concurrently.
bool execute_run(const std::string& dir, const SweepPlan& plan, std::int64_t index, int threads,
                 const std::string& command_line);

// The whole sweep (or one shard): runs in parallel under one thread budget, then writes the
// summary (or the shard table). Throws SweepError for a refused directory.
SweepReport run_sweep(const SweepPlan& plan, const std::string& dir, const SweepOptions& opt);

// The summary table of the given runs of a manifest, from the files in DIR/runs.
struct SummaryRow {
  const ManifestRun* run;
  std::string status;  // ok, failed, missing
  std::string error;
  std::vector<RunOutcome> outcomes;
};
std::vector<SummaryRow> collect_rows(const std::string& dir, const Manifest& m,
                                     const std::vector<std::int64_t>& indices);
void write_summary(const std::string& path, const Manifest& m, const std::vector<SummaryRow>& rows);

struct MergeReport {
  std::int64_t runs = 0, ok = 0, failed = 0;
  std::vector<std::string> missing, duplicated;
};
// Build DIR/summary.h5 from the shards' results. Writes nothing and reports when a run is
// missing or claimed by more than one shard.
MergeReport merge_sweep(const std::string& dir);

// Path helpers.
std::string run_output_path(const std::string& dir, const std::string& id);
std::string run_failure_path(const std::string& dir, const std::string& id);

}  // namespace placesim
