// sweep-merge: the summary of a sharded sweep from its shard tables and run files.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "experiments/sweep.hpp"
#include "experiments/sweep_files.hpp"
#include "experiments/sweep_summary.hpp"

namespace placesim {
namespace fs = std::filesystem;

MergeReport merge_sweep(const std::string& dir) {
  const Manifest m = read_manifest(dir);
  MergeReport rep;
  rep.runs = static_cast<std::int64_t>(m.runs.size());
  std::map<std::string, std::vector<std::string>> claims;
  const fs::path shards = fs::path(dir) / "shards";
  std::error_code ec;
  if (fs::exists(shards)) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(shards, ec))
      if (is_shard_table_name(e.path().filename().string(), false)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      for (const auto& id : read_run_ids(f.string())) claims[id].push_back(f.filename().string());
  }
  std::set<std::string> known;
  for (const auto& r : m.runs) known.insert(r.id);
  for (const auto& [id, who] : claims) {
    if (!known.count(id)) {
      rep.duplicated.push_back(id + " (in " + who.front() + " but not in the manifest)");
      continue;
    }
    if (who.size() > 1) {
      std::string list;
      for (const auto& w : who) list += (list.empty() ? "" : ", ") + w;
      rep.duplicated.push_back(id + " (claimed by " + list + ")");
    }
  }
  std::vector<std::int64_t> all;
  for (std::size_t i = 0; i < m.runs.size(); ++i) all.push_back(static_cast<std::int64_t>(i));
  const auto rows = collect_rows(dir, m, all);
  for (const auto& r : rows) {
    if (r.status == "missing") rep.missing.push_back(r.run->id);
    rep.ok += r.status == "ok";
    rep.failed += r.status == "failed";
  }
  if (rep.missing.empty() && rep.duplicated.empty())
    write_table((fs::path(dir) / "summary.h5").string(), m, rows, nullptr);
  return rep;
}

}  // namespace placesim
