#pragma once
// Observation of prevention, the commissioner and change as a process: outreach hours, visits
// and cost, the team's embedding and whether it was wrapped in procedure, and the
// commissioner's funding multipliers. Reads the service system; never changes it.
#include <cstddef>

#include "agents/service_system.hpp"
#include "sim/recorder.hpp"

namespace placesim {

class ChangeObserver {
 public:
  explicit ChangeObserver(Recorder& rec);
  void observe(const ServiceSystem& s, Recorder& rec) const;

 private:
  std::size_t visits_, helped_, hours_, cost_, embedding_, support_, wrapped_, progress_,
      outreach_funding_, group_funding_;
};

}  // namespace placesim
