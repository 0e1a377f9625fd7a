// The sweep directory protocol: run file paths, shards, preparing a directory for a sweep
// (overwrite, leftovers of killed runs, which runs are done) and reading its results back.
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <set>

#include "experiments/sweep.hpp"
#include "experiments/sweep_files.hpp"
#include "experiments/sweep_summary.hpp"

namespace placesim {
namespace fs = std::filesystem;
namespace {

void remove_leftovers(const fs::path& runs, const std::set<std::string>& ids) {
  std::error_code ec;
  if (!fs::exists(runs)) return;
  for (const auto& e : fs::directory_iterator(runs, ec)) {
    const std::string n = e.path().filename().string();
    for (const char* marker : {".h5.partial-", ".failed.tmp-"}) {
      const auto pos = n.find(marker);
      if (pos != std::string::npos && ids.count(n.substr(0, pos))) fs::remove(e.path(), ec);
    }
  }
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// --overwrite: delete what a sweep writes and nothing else, since a directory may also hold
// the user's own files (notes, job logs, a file that happens to end in .h5).
void remove_sweep_files(const fs::path& root, const std::set<std::string>& ids) {
  std::error_code ec;
  const std::string dir = root.string();
  for (const auto& id : ids) {
    fs::remove(run_output_path(dir, id), ec);
    fs::remove(run_failure_path(dir, id), ec);
  }
  remove_leftovers(root / "runs", ids);
  for (const auto& e : fs::directory_iterator(root, ec)) {
    const std::string n = e.path().filename().string();
    if (n == "manifest.toml" || n == "summary.h5" || starts_with(n, "manifest.toml.tmp-") ||
        starts_with(n, "summary.h5.partial-"))
      fs::remove(e.path(), ec);
  }
  const fs::path shards = root / "shards";
  if (fs::is_directory(shards, ec)) {
    for (const auto& e : fs::directory_iterator(shards, ec))
      if (is_shard_table_name(e.path().filename().string(), true)) fs::remove(e.path(), ec);
    fs::remove(shards, ec);  // only if nothing else is left in it
  }
}

// A run file that is unfinished (no `complete` attribute) or damaged cannot be trusted and
// cannot be a result; removed, its run is done again.
bool drop_unfinished(const std::string& path) {
  std::error_code ec;
  fs::remove(path, ec);
  if (ec) return false;
  std::fprintf(stderr,
               "placesim sweep: %s is unfinished or unreadable (killed, or a failed write); "
               "removed, the run is done again\n",
               path.c_str());
  return true;
}

}  // namespace

std::string run_output_path(const std::string& dir, const std::string& id) {
  return (fs::path(dir) / "runs" / (id + ".h5")).string();
}
std::string run_failure_path(const std::string& dir, const std::string& id) {
  return (fs::path(dir) / "runs" / (id + ".failed")).string();
}

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  Shard s;
  try {
    if (slash == std::string::npos) throw std::invalid_argument("no slash");
    std::size_t a = 0, b = 0;
    s.index = std::stoll(text.substr(0, slash), &a);
    s.count = std::stoll(text.substr(slash + 1), &b);
    if (a != slash || b != text.size() - slash - 1) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    throw SweepError("--shard '" + text + "': expected I/N, e.g. 0/4");
  }
  if (s.count < 1 || s.index < 0 || s.index >= s.count)
    throw SweepError("--shard '" + text + "': need 0 <= I < N (shards are numbered from 0)");
  return s;
}

std::vector<std::int64_t> prepare_sweep_dir(const std::string& dir, const SweepPlan& plan,
                                            const Shard& shard, bool overwrite) {
  const fs::path root(dir), runs = root / "runs";
  std::error_code ec;
  fs::create_directories(runs, ec);
  if (ec) throw SweepError(dir + ": cannot create the sweep directory: " + ec.message());
  std::set<std::string> ids;
  for (const auto& r : plan.runs) ids.insert(r.id);
  if (overwrite) {
    if (fs::exists(root / "manifest.toml")) {
      try {
        for (const auto& r : read_manifest(dir).runs) ids.insert(r.id);
      } catch (const SweepError&) {
        // An unreadable manifest names no runs; those of this sweep are still removed.
      }
    }
    remove_sweep_files(root, ids);
  }
  ensure_manifest(dir, make_manifest(plan));

  std::set<std::string> mine;
  for (const auto& r : plan.runs)
    if (shard.owns(r.index)) mine.insert(r.id);
  remove_leftovers(runs, mine);
  if (shard.count == 1) {
    // A summary being written when the sweep was killed (a sharded sweep leaves them alone:
    // another shard or a merge may be writing right now).
    for (const auto& e : fs::directory_iterator(root, ec))
      if (e.path().filename().string().rfind("summary.h5.partial-", 0) == 0)
        fs::remove(e.path(), ec);
  }

  std::vector<std::int64_t> todo;
  for (const auto& r : plan.runs) {
    if (!shard.owns(r.index)) continue;
    const std::string out = run_output_path(dir, r.id);
    if (fs::exists(out)) {
      // Opening a FIFO would block; a directory or device is nothing a sweep wrote.
      if (!fs::is_regular_file(out))
        throw SweepError(out + ": not a regular file; remove it or use another --out");
      const std::string h = stored_config_hash(out);
      if (h == r.config_hash) continue;
      if (!h.empty())
        throw SweepError(out + ": holds a run with config " + h + ", not the " + r.config_hash +
                         " of this sweep; remove it or use --overwrite");
      if (!drop_unfinished(out))
        throw SweepError(out + ": unfinished or unreadable, and cannot be removed");
    }
    todo.push_back(r.index);
  }
  return todo;
}

std::vector<SummaryRow> collect_rows(const std::string& dir, const Manifest& m,
                                     const std::vector<std::int64_t>& indices) {
  std::vector<SummaryRow> rows;
  for (auto i : indices) {
    const ManifestRun& r = m.runs.at(static_cast<std::size_t>(i));
    SummaryRow row{&r, "missing", "", {}};
    const std::string out = run_output_path(dir, r.id), fail = run_failure_path(dir, r.id);
    if (fs::exists(out)) {
      try {
        std::lock_guard<std::mutex> lock(hdf5_mutex());
        row.outcomes = summarize_run_file(out);
        row.status = "ok";
      } catch (const std::exception& e) {
        row.status = "failed";
        row.error = e.what();
      }
    } else if (fs::exists(fail)) {
      row.status = "failed";
      row.error = read_failure(fail);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace placesim
