#pragma once
// Counter-based random streams: every draw is a pure function of
// (seed, agent, tick, purpose, index), so results do not depend on thread count or on the
// order in which agents are visited, and two designs can share the same life events
// (common random numbers). Variates are derived from the raw 32-bit outputs here, never
// through std:: distribution classes, whose algorithms differ between standard libraries.
#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstdint>

namespace placesim {

// Purposes are part of the key: a new use of randomness takes a new purpose, so adding a
// behaviour never shifts the draws of an existing one.
enum class Purpose : std::uint32_t {
  LifeShock = 1,
  HouseholdShock = 2,
  CauseOnset = 3,
  InitNeeds = 4,
  InitTraits = 5,
  HouseholdSize = 6,
  NetworkRewire = 7,
  Deprivation = 8,
  CauseResolve = 9,
  // Services (issue 4) draw from 100 upwards.
  HelpSeeking = 100,
  Sensing = 101,
  HandoffLoss = 102,
  Intervention = 103,
  Uncover = 104,
  Uptake = 105,
  Arrival = 106,
  Service = 107,
  Staffing = 108,
  Sampling = 109,
  Queueing = 110,
  Morale = 111,
  GroupLeave = 112,
  // Issue 10: each piece of work draws in its own range.
  // 120-139 worker mechanics and rules; 140-159 people and measures; 160-179 staffing;
  // 180-199 prevention, commissioner and change.
  UnitStart = 120,   // the first meeting of a case (uncovering, eligibility)
  UnitVisit = 121,   // a visit: noticing, escalation, co-production, uncovering, hand-offs, uptake
  PullServe = 122,   // an expert serving a pull (+ domain << 8: one stream per domain)
  OtherDoor = 140,  // a person whose case owner could take a new need goes to another door
  OutreachVisit = 180,  // who an outreach visit reaches and what it does (keyed by visit index)
  Wrapping = 181,       // whether procedure is re-imposed on the team today
  StaffingPilot = 160,  // the seed of the staffing plan's pilot run (sim/staffing_plan)
};

class Stream {
 public:
  using Philox = r123::Philox4x32;

  Stream(std::uint64_t seed, std::uint32_t agent, std::uint32_t tick, Purpose purpose)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}},
        ctr_{{agent, tick, static_cast<std::uint32_t>(purpose), 0u}} {}

  // Four fresh 32-bit words; each call advances the fourth counter word.
  std::array<std::uint32_t, 4> next4() {
    Philox::ctr_type out = Philox()(ctr_, key_);
    ++ctr_.v[3];
    return {out.v[0], out.v[1], out.v[2], out.v[3]};
  }

  std::uint32_t next_u32() {
    if (pos_ == 4) {
      buf_ = next4();
      pos_ = 0;
    }
    return buf_[pos_++];
  }

  // Uniform on the open interval (0, 1) with 32-bit resolution: never exactly 0 or 1, so
  // log(u) and log(1-u) are always finite.
  double uniform() { return to_open01(next_u32()); }

  bool bernoulli(double p) { return uniform() < p; }

  // Exponential with the given rate (mean 1/rate), by inversion.
  double exponential(double rate) { return -std::log(uniform()) / rate; }

  // Standard normal by Box-Muller; uses two uniforms and discards the second variate so
  // each call consumes a fixed number of words.
  double normal() {
    const double u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

  // Uniform integer in [0, n) by multiply-shift (Lemire); bias below 2^-32 * n.
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(next_u32()) * n) >> 32);
  }

  // Poisson by inversion of the CDF; intended for small means (< 30) as used here.
  std::uint32_t poisson(double mean) {
    const double u = uniform();
    double p = std::exp(-mean);
    double cdf = p;
    std::uint32_t k = 0;
    while (u > cdf && k < 1000) {
      ++k;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }

  static double to_open01(std::uint32_t x) {
    return (static_cast<double>(x) + 0.5) * (1.0 / 4294967296.0);
  }

 private:
  Philox::key_type key_;
  Philox::ctr_type ctr_;
  std::array<std::uint32_t, 4> buf_{};
  int pos_ = 4;
};

}  // namespace placesim
