#include "sim/observer.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <bit>
#include <cmath>

namespace placesim {
namespace {

constexpr int kBins = 1000;

struct Partial {
  std::uint64_t people = 0;
  double wellbeing = 0;
  std::uint64_t in_crisis = 0;
  std::uint64_t new_crises = 0;
  double crisis_cost = 0;
  std::uint64_t with_cause = 0;
  double support = 0;
  double trust = 0;
  double need[kDomains] = {};
  double crisis_cost_domain[kDomains] = {};
  std::vector<std::uint64_t> hist;

  void add(const Partial& o) {
    people += o.people;
    wellbeing += o.wellbeing;
    in_crisis += o.in_crisis;
    new_crises += o.new_crises;
    crisis_cost += o.crisis_cost;
    with_cause += o.with_cause;
    support += o.support;
    trust += o.trust;
    for (int d = 0; d < kDomains; ++d) {
      need[d] += o.need[d];
      crisis_cost_domain[d] += o.crisis_cost_domain[d];
    }
    if (hist.empty()) hist.assign(kBins, 0);
    for (int b = 0; b < kBins; ++b) hist[b] += o.hist[b];
  }
};

void reduce_chunk(const Model& m, const SimState& s, const Chunk& ch, Partial& p) {
  const Citizens& c = s.citizens;
  const LifeConstants& life = m.stage_at(s.tick).life;
  p = Partial{};
  p.hist.assign(kBins, 0);
  p.people = ch.end - ch.begin;
  for (std::uint32_t i = ch.begin; i < ch.end; ++i) {
    p.wellbeing += c.wellbeing[i];
    p.in_crisis += c.in_crisis[i] != 0;
    const std::uint8_t fresh = s.new_crisis[i];
    if (fresh) {
      p.new_crises += static_cast<std::uint64_t>(std::popcount(fresh));
      for (int d = 0; d < kDomains; ++d)
        if (fresh & (1u << d)) {
          p.crisis_cost += life.crisis_cost[d];
          p.crisis_cost_domain[d] += life.crisis_cost[d];
        }
    }
    bool cause = false;
    for (int d = 0; d < kDomains; ++d) {
      p.need[d] += c.need[d][i];
      cause |= c.cause[d][i] > 0.05f;
    }
    p.with_cause += cause;
    p.support += c.support[i];
    p.trust += c.trust[i];
    const int bin = std::min(kBins - 1, std::max(0, static_cast<int>(c.wellbeing[i] * kBins)));
    ++p.hist[bin];
  }
}

}  // namespace

double histogram_quantile(const std::vector<std::uint64_t>& hist, std::uint64_t total, double q) {
  if (total == 0) return 0;
  const double target = q * static_cast<double>(total);
  double cum = 0;
  const double width = 1.0 / static_cast<double>(hist.size());
  for (std::size_t b = 0; b < hist.size(); ++b) {
    const double next = cum + static_cast<double>(hist[b]);
    if (next >= target && hist[b] > 0) return (b + (target - cum) / hist[b]) * width;
    cum = next;
  }
  return 1.0;
}

Observer::Observer(const Model& m, Recorder& rec) {
  rec.set_neighbourhoods(m.place.neighbourhoods());
  wellbeing_mean_ = rec.declare("wellbeing_mean", "index 0-1",
                                "Mean wellbeing, 1 - RMS of the eight needs (1 = all fine).");
  wellbeing_p10_ = rec.declare("wellbeing_p10", "index 0-1",
                               "10th percentile of wellbeing (within 0.001).");
  wellbeing_p50_ = rec.declare("wellbeing_p50", "index 0-1", "Median wellbeing (within 0.001).");
  wellbeing_p90_ = rec.declare("wellbeing_p90", "index 0-1",
                               "90th percentile of wellbeing (within 0.001).");
  in_crisis_ = rec.declare("in_crisis", "person", "People with at least one need in crisis.");
  new_crises_ = rec.declare("new_crises", "crisis per day", "Crises that began this day.");
  crisis_cost_ = rec.declare("crisis_cost", "GBP per day",
                             "Reactive cost of crises that began this day (emergency admission, "
                             "emergency housing, police call-out, ...).");
  with_cause_ = rec.declare("people_with_cause", "person",
                            "People with at least one latent cause (intensity > 0.05).");
  support_mean_ = rec.declare("support_mean", "index 0-1",
                              "Mean social support from contacts' wellbeing.");
  trust_mean_ = rec.declare("trust_mean", "index 0-1", "Mean trust of citizens in services.");
  for (int d = 0; d < kDomains; ++d)
    need_mean_[d] = rec.declare("need_mean_" + std::string(kDomainNames[d]), "need 0-1",
                                "Mean need in the " + std::string(kDomainNames[d]) + " domain.");
  // Reactive costs land in other budgets (acute hospital, emergency housing, police): the
  // split by domain is where cost shifting shows.
  for (int d = 0; d < kDomains; ++d)
    crisis_cost_domain_[d] = rec.declare("crisis_cost_" + std::string(kDomainNames[d]), "GBP per day",
                                         "Reactive cost of crises that began this day in the " +
                                             std::string(kDomainNames[d]) + " domain.");
  nb_wellbeing_ = rec.declare_nbhd("wellbeing_mean", "index 0-1", "Mean wellbeing per neighbourhood.");
  nb_in_crisis_ = rec.declare_nbhd("in_crisis", "person",
                                   "People in crisis per neighbourhood.");
  nb_crisis_cost_ = rec.declare_nbhd("crisis_cost", "GBP per day",
                                     "Reactive crisis cost per neighbourhood.");
  nb_need_mean_ = rec.declare_nbhd("need_mean", "need 0-1",
                                   "Mean need over all domains per neighbourhood.");
}

void Observer::observe(const Model& m, const SimState& s, Recorder& rec) const {
  std::vector<Partial> parts(m.chunks.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, m.chunks.size()),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t k = r.begin(); k < r.end(); ++k)
                        reduce_chunk(m, s, m.chunks[k], parts[k]);
                    });
  const std::size_t nb = m.place.neighbourhoods();
  std::vector<double> nb_wb(nb), nb_cr(nb), nb_cost(nb), nb_need(nb);
  Partial total;
  total.hist.assign(kBins, 0);
  for (std::size_t j = 0; j < nb; ++j) {
    Partial pj;
    pj.hist.assign(kBins, 0);
    for (auto k = m.nbhd_first_chunk[j]; k < m.nbhd_first_chunk[j + 1]; ++k) pj.add(parts[k]);
    const double n = std::max<double>(1.0, static_cast<double>(pj.people));
    nb_wb[j] = pj.wellbeing / n;
    nb_cr[j] = static_cast<double>(pj.in_crisis);
    nb_cost[j] = pj.crisis_cost;
    double need = 0;
    for (int d = 0; d < kDomains; ++d) need += pj.need[d];
    nb_need[j] = need / (n * kDomains);
    total.add(pj);
  }
  const double n = std::max<double>(1.0, static_cast<double>(total.people));
  rec.push(wellbeing_mean_, total.wellbeing / n);
  rec.push(wellbeing_p10_, histogram_quantile(total.hist, total.people, 0.1));
  rec.push(wellbeing_p50_, histogram_quantile(total.hist, total.people, 0.5));
  rec.push(wellbeing_p90_, histogram_quantile(total.hist, total.people, 0.9));
  rec.push(in_crisis_, static_cast<double>(total.in_crisis));
  rec.push(new_crises_, static_cast<double>(total.new_crises));
  rec.push(crisis_cost_, total.crisis_cost);
  rec.push(with_cause_, static_cast<double>(total.with_cause));
  rec.push(support_mean_, total.support / n);
  rec.push(trust_mean_, total.trust / n);
  for (int d = 0; d < kDomains; ++d) rec.push(need_mean_[d], total.need[d] / n);
  for (int d = 0; d < kDomains; ++d) rec.push(crisis_cost_domain_[d], total.crisis_cost_domain[d]);
  rec.push_nbhd(nb_wellbeing_, nb_wb);
  rec.push_nbhd(nb_in_crisis_, nb_cr);
  rec.push_nbhd(nb_crisis_cost_, nb_cost);
  rec.push_nbhd(nb_need_mean_, nb_need);
  rec.ticks.push_back(static_cast<std::int32_t>(s.tick));
}

}  // namespace placesim
