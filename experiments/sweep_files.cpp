// Atomic text files of a sweep directory and the .failed records of runs.
#include "experiments/sweep_files.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "experiments/sweep.hpp"

namespace placesim {
namespace fs = std::filesystem;

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
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw SweepError(tmp.string() + ": cannot write");
  }
  std::error_code ec;
  fs::rename(tmp, p, ec);
  if (ec) throw SweepError(p.string() + ": cannot rename into place: " + ec.message());
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
