// Atomic text files of a sweep directory and the .failed records of runs.
#include "experiments/sweep_files.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "experiments/sweep_summary.hpp"

namespace placesim {
namespace fs = std::filesystem;

std::string shard_table_path(const std::string& dir, std::int64_t index, std::int64_t count) {
  return (fs::path(dir) / "shards" /
          ("shard-" + std::to_string(index) + "-of-" + std::to_string(count) + ".h5"))
      .string();
}

bool is_shard_table_name(const std::string& name, bool with_partials) {
  static const std::regex table(R"(shard-[0-9]+-of-[0-9]+\.h5)");
  static const std::regex partial(R"(shard-[0-9]+-of-[0-9]+\.h5\.partial-[0-9]+)");
  return std::regex_match(name, table) || (with_partials && std::regex_match(name, partial));
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_atomically(const fs::path& p, const std::string& text) {
  char host[256] = "host";
  ::gethostname(host, sizeof host - 1);
  const fs::path tmp =
      p.string() + ".tmp-" + host + "-" + std::to_string(::getpid()) + "-" +
      std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()) % 100000);
  std::error_code ec;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();  // a full disk often shows only when the buffer is written out
    if (!out) {
      const std::string why = errno ? std::strerror(errno) : "write error";
      fs::remove(tmp, ec);
      throw SweepWriteError(tmp.string() + ": cannot write: " + why);
    }
  }
  fs::rename(tmp, p, ec);
  if (ec) {
    const std::string why = ec.message();
    fs::remove(tmp, ec);
    throw SweepWriteError(p.string() + ": cannot rename into place: " + why);
  }
}

void write_table(const std::string& path, const Manifest& m, const std::vector<SummaryRow>& rows,
                 const Shard* shard) {
  try {
    write_summary_table(path, m, rows, shard);
  } catch (const SweepError& e) {
    throw SweepWriteError(e.what());
  }
}

void write_failure(const std::string& dir, const PlannedRun& run, const std::string& error) {
  write_atomically(run_failure_path(dir, run.id),
                   "config_hash " + run.config_hash + "\n" + error + "\n");
}

std::string read_failure(const std::string& path) {
  std::string t = read_text(path);
  const auto nl = t.find('\n');
  t = nl == std::string::npos ? "" : t.substr(nl + 1);
  while (!t.empty() && t.back() == '\n') t.pop_back();
  return t;
}

}  // namespace placesim
