#include "sim/docking_queue.hpp"

#include <algorithm>

#include "core/rng.hpp"

namespace placesim {

DockingQueue::DockingQueue(const Config& cfg, Recorder& rec)
    : seed_(static_cast<std::uint64_t>(cfg.run.seed)),
      lambda_(cfg.docking.arrival_rate),
      mu_(cfg.docking.service_rate),
      p_(cfg.docking.return_prob),
      free_at_(static_cast<std::size_t>(cfg.docking.servers), 0.0),
      job_start_(static_cast<std::size_t>(cfg.docking.servers), 0.0) {
  // Fresh arrivals have their own stream (agent 0xFFFFFFFF), keyed by the arrival count.
  next_poisson_ = lambda_ > 0 ? Stream(seed_, 0xFFFFFFFFu, 0, Purpose::Arrival).exponential(lambda_) : 1e300;
  s_arrivals_ = rec.declare("docking_arrivals", "arrival per day", "Arrivals today (fresh and returning).");
  s_returning_ = rec.declare("docking_returning", "arrival per day",
                             "Arrivals today that were served people coming back (failure demand).");
  s_waited_ = rec.declare("docking_waited", "arrival per day", "Arrivals today who had to wait.");
  s_wait_sum_ = rec.declare("docking_wait_sum", "day", "Sum of the waits of today's arrivals.");
  s_queue_ = rec.declare("docking_queue_end", "person", "People waiting at the end of the day.");
  s_system_ = rec.declare("docking_system_end", "person",
                          "People waiting or being served at the end of the day.");
}

void DockingQueue::arrive(double t, bool returning) {
  const std::uint64_t n = customers_++;
  Stream s(seed_, static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(n >> 32), Purpose::Service);
  // First come first served on c servers: the customer takes the server that frees first
  // (the Kiefer-Wolfowitz recursion), which is exact for FCFS M/M/c.
  const auto k = static_cast<std::size_t>(std::min_element(free_at_.begin(), free_at_.end()) - free_at_.begin());
  const double start = std::max(t, free_at_[k]);
  const double service = s.exponential(mu_);
  free_at_[k] = start + service;
  job_start_[k] = start;
  starts_.push_back(start);
  arrivals_ += 1;
  returning_ += returning;
  waited_ += start > t;
  wait_sum_ += start - t;
  if (p_ > 0 && s.bernoulli(p_)) returns_.push(start + service);
}

void DockingQueue::day(std::uint32_t tick, Recorder& rec) {
  arrivals_ = returning_ = waited_ = wait_sum_ = 0;
  const double end = tick + 1.0;
  for (;;) {
    const double r = returns_.empty() ? 1e300 : returns_.top();
    const double t = std::min(next_poisson_, r);
    if (t >= end) break;
    if (r < next_poisson_) {
      returns_.pop();
      arrive(r, true);
    } else {
      arrive(next_poisson_, false);
      // Inter-arrival gaps are keyed by the arrival count, independent of the thread count.
      next_poisson_ += Stream(seed_, 0xFFFFFFFFu, static_cast<std::uint32_t>(customers_), Purpose::Arrival)
                           .exponential(lambda_);
    }
  }
  // Snapshot at the end of the day: waiting = arrived but not yet started.
  while (!starts_.empty() && starts_.front() <= end) starts_.pop_front();
  double busy = 0;
  for (std::size_t k = 0; k < free_at_.size(); ++k) busy += free_at_[k] > end && job_start_[k] <= end;
  rec.push(s_arrivals_, arrivals_);
  rec.push(s_returning_, returning_);
  rec.push(s_waited_, waited_);
  rec.push(s_wait_sum_, wait_sum_);
  rec.push(s_queue_, static_cast<double>(starts_.size()));
  rec.push(s_system_, static_cast<double>(starts_.size()) + busy);
}

}  // namespace placesim
