#pragma once
// The degenerate configuration used to dock the model against queueing theory (MODEL.md
// section 8): one department, Poisson arrivals at rate lambda, c workers with exponential
// service at rate mu, first come first served, no thresholds, referrals or abandonment;
// optionally a served person comes straight back with probability p (returning demand as
// feedback). Enabled by docking.enabled = true, when it replaces demand and the service
// system. Event times are continuous within each day, so results compare with Erlang C
// exactly, with no error from the daily time step.
#include <cstdint>
#include <deque>
#include <queue>
#include <vector>

#include "core/config.hpp"
#include "sim/recorder.hpp"

namespace placesim {

class DockingQueue {
 public:
  DockingQueue(const Config& cfg, Recorder& rec);
  // Simulate the interval [tick, tick + 1) and append the day's series to `rec`.
  void day(std::uint32_t tick, Recorder& rec);

 private:
  void arrive(double t, bool returning);

  std::uint64_t seed_;
  double lambda_, mu_, p_;
  std::uint64_t customers_ = 0;      // index of the next customer, keys their random draws
  double next_poisson_ = 0;          // time of the next fresh arrival
  std::priority_queue<double, std::vector<double>, std::greater<>> returns_;  // pending returns
  std::vector<double> free_at_;      // when each worker is next free
  std::vector<double> job_start_;    // start of each worker's current job
  std::deque<double> starts_;        // start times of arrived customers, non-decreasing (FCFS)
  // Today's tallies.
  double arrivals_ = 0, returning_ = 0, waited_ = 0, wait_sum_ = 0;
  std::size_t s_arrivals_, s_returning_, s_waited_, s_wait_sum_, s_queue_, s_system_;
};

}  // namespace placesim
