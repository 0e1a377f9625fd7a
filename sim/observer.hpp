#pragma once
// Observation (MODEL.md section 3, step 5): per-tick metrics reduced in parallel over fixed
// chunks and combined in chunk order, appended to the Recorder.
#include <cstdint>
#include <vector>

#include "sim/model.hpp"
#include "sim/recorder.hpp"
#include "sim/state.hpp"

namespace placesim {

class Observer {
 public:
  Observer(const Model& m, Recorder& rec);
  void observe(const Model& m, const SimState& s, Recorder& rec) const;

 private:
  std::size_t wellbeing_mean_, wellbeing_p10_, wellbeing_p50_, wellbeing_p90_;
  std::size_t in_crisis_, new_crises_, crisis_cost_, with_cause_, support_mean_, trust_mean_;
  std::size_t need_mean_[kDomains];
  std::size_t crisis_cost_domain_[kDomains];
  std::size_t nb_wellbeing_, nb_in_crisis_, nb_crisis_cost_, nb_need_mean_;
};

// Quantile q of values binned into `bins` equal bins over [0, 1], by linear interpolation
// inside the bin. Exact to within one bin width (1/bins).
double histogram_quantile(const std::vector<std::uint64_t>& hist, std::uint64_t total, double q);

}  // namespace placesim
