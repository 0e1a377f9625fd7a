#include "sim/memory_estimate.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "agents/citizens.hpp"
#include "agents/service_state.hpp"
#include "agents/units.hpp"

namespace placesim {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;

// Vectors that grow by push_back reserve up to twice their contents, but pages of a large
// buffer count only once written, and the series are copied to larger buffers one at a time:
// measured, the series of a run take 1.2 times their contents at the peak.
constexpr double kGrowth = 1.25;

// Peak RSS of a 200-citizen run (/usr/bin/time -v, 29.6 MiB since the file is built in memory):
// the binary, its libraries, the TBB pool and HDF5's buffers.
constexpr double kFixedBytes = 32 * kMiB;

double per_citizen_state_bytes() {
  Citizens one;
  one.resize(1);
  return static_cast<double>(one.bytes()) + 1.0  // SimState::new_crisis
         + 2.0 * sizeof(std::uint32_t);          // Place::household_of, nbhd_of
}

// Directed ties per person before duplicates are removed: k on each side of the ring, both
// directions, plus the household clique. Household sizes are 1 + Poisson(m - 1); a person's
// household has on average E[s(s-1)] / E[s] = L(2 + L) / (1 + L) others, with L = m - 1.
double directed_ties_per_person(const Config& c) {
  const double lambda = c.place.mean_household_size - 1.0;
  return 2.0 * static_cast<double>(c.network.ring_neighbours) +
         lambda * (2.0 + lambda) / (1.0 + lambda);
}

struct ArmBytes {
  double people;    // held from the arm's start until the file is written
  double series;    // grows during the arm's run, then held
  double building;  // extra while the arm's network is built, before its people exist
  double writing;   // extra while the arm is written (sim/output_file.cpp)
  double image;     // the arm's share of the file image, held in memory until written
};

// Bytes per citizen of /arms/ARM/citizens before compression (sim/output_file.cpp): need and
// cause per domain (16 floats), household and neighbourhood (2 x 4), resilience, trust,
// wellbeing, support (4 floats), crises (4), five 16-bit counters, cost, staff hours and crisis
// cost (3 doubles), services met and memberships (2 x 1), and the group's citizen coordinate
// (int32, docs/output.md netCDF-4 conventions).
constexpr double kWrittenBytesPerCitizen = 16 * 4 + 2 * 4 + 4 * 4 + 4 + 5 * 2 + 3 * 8 + 2 + 4;

// The contacts and pulls tables: rows kept in memory (agents/service_system.hpp ContactRow,
// PullRow: 8 bytes each) and written as five columns of 4 + 4 + 1 + 1 + 1 bytes at most (the
// row-number dimension stores nothing: sim/netcdf_dims.hpp write_dimension).
constexpr double kEventRowBytes = 8;
constexpr double kEventWrittenBytes = 11;

double event_rows(const Config& c) {
  if (!c.services.enabled || !c.people.event_tables) return 0;
  const double n = static_cast<double>(c.place.citizens);
  return std::min(c.people.event_rows_per_citizen * n,
                  kEventRowsPerCitizenDay * n * static_cast<double>(c.run.days));
}

ArmBytes arm_bytes(const Config& c) {
  const double n = static_cast<double>(c.place.citizens);
  const double nb = static_cast<double>(c.place.neighbourhoods);
  const double days = static_cast<double>(c.run.days);
  const double ties = n * directed_ties_per_person(c);
  const double place = n * 2.0 * sizeof(std::uint32_t) + n / c.place.mean_household_size * 4.0;
  ArmBytes b{};
  // Household starts (one per household), CSR row starts and one column entry per directed tie.
  b.people = n * per_citizen_state_bytes() + place + (n + 1) * 4.0 + ties * 4.0;
  const double per_day =
      static_cast<double>(kPlaceSeries + kNbhdSeries * nb + kUnitSeries * kUnits) * 8.0;
  const double sampled = static_cast<double>(std::min(c.run.sample_citizens, c.place.citizens));
  const double sample_rows = std::ceil(days / static_cast<double>(c.run.sample_every));
  const double journeys = kClosedCasesPerCitizenDay * n * days;
  const double events = event_rows(c);
  b.series = kGrowth * (days * per_day + sample_rows * sampled * 2.0 * sizeof(float) +
                        journeys * sizeof(ClosedCase) + events * kEventRowBytes);
  // The generator reserves (2k + 4) pairs per person, then copies them to fit
  // (networks/social_network.cpp): both buffers are live for a moment.
  const double reserved = n * (2.0 * static_cast<double>(c.network.ring_neighbours) + 4.0);
  b.building = place + 8.0 * (std::max(reserved, ties) + ties);
  // Two byte columns per citizen and one column per field of each closed case.
  b.writing = 2.0 * n + std::max(journeys * 19.0, events * kEventWrittenBytes);
  // The file is built in memory (HDF5's core driver) and written in one piece, so its whole
  // image is held at the end; uncompressed sizes make this an upper bound.
  b.image = n * kWrittenBytesPerCitizen + days * per_day +
            sample_rows * sampled * 2.0 * sizeof(float) + journeys * 19.0 +
            events * kEventWrittenBytes;
  return b;
}

std::uint64_t to_bytes(double x) {
  return x >= 1.8e19 ? UINT64_MAX : static_cast<std::uint64_t>(x);
}

// First whitespace-separated number in a file, or -1.
double read_number(const std::string& path) {
  std::ifstream in(path);
  std::string word;
  if (!(in >> word) || word == "max") return -1;
  try {
    return std::stod(word);
  } catch (const std::exception&) {
    return -1;
  }
}

// A "Key:  N kB" line of /proc/meminfo or /proc/self/status, in bytes, or -1.
double proc_kb(const std::string& path, const std::string& key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) != 0) continue;
    std::istringstream ls(line.substr(key.size() + 1));
    double kb = -1;
    ls >> kb;
    return kb < 0 ? -1 : kb * 1024.0;
  }
  return -1;
}

// The cgroup v2 path of this process ("0::/some/path" in /proc/self/cgroup).
std::string cgroup2_path() {
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("0::", 0) == 0) return line.substr(3);
  return {};
}

void lower(MemoryAvailable& a, double bytes, const char* source) {
  if (bytes < 0 || bytes >= static_cast<double>(a.bytes)) return;
  a.bytes = to_bytes(bytes);
  a.source = source;
}

}  // namespace

MemoryEstimate estimate_memory(const std::vector<PreparedArm>& arms) {
  // Arms run one after another and stay in memory, so the peak is either while the last
  // arms are built on top of the earlier ones, or while the file is written with all held.
  double people = 0, series = 0, peak = 0, writing = 0, image = 0;
  for (const auto& a : arms) {
    const ArmBytes b = arm_bytes(a.cfg);
    peak = std::max(peak, people + series + b.building);
    people += b.people;
    series += b.series;
    writing = std::max(writing, b.writing);
    image += b.image;
  }
  peak = std::max(peak, people + series + writing + image);
  MemoryEstimate e;
  e.people = to_bytes(people);
  e.series = to_bytes(series);
  e.total = to_bytes(peak + kFixedBytes);
  return e;
}

MemoryAvailable available_memory() {
  MemoryAvailable a;
  lower(a, proc_kb("/proc/meminfo", "MemAvailable"), "MemAvailable in /proc/meminfo");
  const std::string cg = cgroup2_path();
  if (!cg.empty() && cg != "/")
    lower(a, read_number("/sys/fs/cgroup" + cg + "/memory.max"), "the cgroup's memory.max");
  lower(a, read_number("/sys/fs/cgroup/memory.max"), "the cgroup's memory.max");
  // cgroup v1 writes "no limit" as a number near 2^63.
  const double v1 = read_number("/sys/fs/cgroup/memory/memory.limit_in_bytes");
  if (v1 < 1e18) lower(a, v1, "the cgroup's memory.limit_in_bytes");
  struct rlimit rl {};
  if (::getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
    const double used = std::max(0.0, proc_kb("/proc/self/status", "VmSize"));
    lower(a, std::max(0.0, static_cast<double>(rl.rlim_cur) - used), "RLIMIT_AS (ulimit -v)");
  }
  return a;
}

std::string memory_refusal(const MemoryEstimate& need, const MemoryAvailable& have,
                           std::size_t arms) {
  if (need.total <= have.bytes) return {};
  return "this run needs an estimated " + format_bytes(need.total) + " of memory (" +
         std::to_string(arms) + (arms == 1 ? " arm" : " arms") +
         " held until the file is written; docs/performance.md) but " + format_bytes(have.bytes) +
         " is available (" + have.source +
         "); use fewer citizens, neighbourhoods or days, or pass --force to try anyway";
}

std::string format_bytes(std::uint64_t bytes) {
  const double b = static_cast<double>(bytes);
  char buf[32];
  if (b < 1024.0 * kMiB)
    std::snprintf(buf, sizeof buf, "%.0f MiB", std::ceil(b / kMiB));
  else
    std::snprintf(buf, sizeof buf, "%.1f GiB", b / (1024.0 * kMiB));
  return buf;
}

}  // namespace placesim
