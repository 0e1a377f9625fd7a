#pragma once
// How much memory a run needs, estimated from its prepared arms before anything is allocated,
// and how much the machine offers, so that `placesim run` can refuse a run that cannot fit
// instead of dying with std::bad_alloc (or the OOM killer) hours in. The formula and its check
// against measured peak RSS are in docs/performance.md ("Memory").
#include <cstdint>
#include <string>
#include <vector>

#include "sim/runner.hpp"

namespace placesim {

// Series declared by the observers (sim/observer.cpp, sim/service_observer.cpp,
// sim/change_observer.cpp) with services enabled, the most a run records; a unit test holds
// these to a real run's recorder.
inline constexpr std::uint64_t kPlaceSeries = 81 + 10;  // one value per day (+ change observer)
inline constexpr std::uint64_t kNbhdSeries = 4;    // one value per neighbourhood per day
inline constexpr std::uint64_t kUnitSeries = 10;    // one value per service unit per day

// Closed cases kept for the journey output, per citizen per day: 2.5 times the highest rate of
// all but one preset arm (0.002); the silo arm of complex-needs-team closes 0.018
// (docs/performance.md).
inline constexpr double kClosedCasesPerCitizenDay = 0.005;

// Rows of the contacts and pulls tables per citizen per day, for the estimate when that is
// below the hard bound people.event_rows_per_citizen: 2.5 times the highest rate of all but
// one preset arm (0.0097, demand-surge hub-wrapped); the silo arm of complex-needs-team, a
// high-need population, makes 0.021 (docs/performance.md, "Event tables").
inline constexpr double kEventRowsPerCitizenDay = 0.025;

struct MemoryEstimate {
  std::uint64_t people = 0;  // citizens, place and social network of every arm
  std::uint64_t series = 0;  // time series, samples and case journeys of every arm
  std::uint64_t total = 0;   // peak: the above, short-lived buffers and the program itself
};

// Every arm's simulation is held until the output file is written (run_arms), so the peak
// adds up the arms, plus the largest short-lived buffer (building a network, writing).
MemoryEstimate estimate_memory(const std::vector<PreparedArm>& arms);

struct MemoryAvailable {
  std::uint64_t bytes = UINT64_MAX;  // UINT64_MAX when nothing could be read
  std::string source;                // what set the figure, for the message
};

// MemAvailable from /proc/meminfo, lowered by the cgroup memory limit (v2 memory.max or v1
// memory.limit_in_bytes) and by RLIMIT_AS less the address space already in use.
MemoryAvailable available_memory();

// The reason to refuse the run, or "" when the estimate fits in what is available.
std::string memory_refusal(const MemoryEstimate& need, const MemoryAvailable& have,
                           std::size_t arms);

// "512 MiB", "3.2 GiB".
std::string format_bytes(std::uint64_t bytes);

}  // namespace placesim
