#pragma once
// Change that can fail (issue 10, item 6) and the rules in force today (item 4). A transition
// or a hub is a process, not a schedule: the team's way of working takes hold (embedding E)
// with protection, morale and early results; the roll-out advances only while it does; and a
// target-driven commissioner who sees cost rise may wrap the team back in procedure. The
// commissioning style and a wrap act ONLY through the rules the units apply, through
// effective_config(), the same for every unit.
#include <cstdint>
#include <string>

#include "core/config.hpp"

namespace placesim {

enum class CommissioningStyle : std::uint8_t { None, Targets, Learning };

// "none", "targets" or "learning"; false for anything else (the registry validates the key).
bool parse_style(const std::string& text, CommissioningStyle& out);
inline CommissioningStyle style_of(const Config& cfg) {
  CommissioningStyle s = CommissioningStyle::None;
  parse_style(cfg.commissioning.style, s);
  return s;
}

// A closure target that is never reached: "no target" for the rules of any unit. A large
// finite number rather than 0 or infinity, so that it means "none" both for a rule that
// compares the case's age with it and for one that reads <= 0 as none after a cast to days.
inline constexpr double kNoTarget = 1e6;

struct ChangeState {
  bool active = false;        // a change is under way (transition.start_day >= 0)
  double embedding = 0;       // E in [0, 1]: how far the team's way of working has taken hold
  double support = 0;         // S in [0, 1]: what E relaxes towards today
  double progress = 0;        // share of the roll-out done, 0-1
  bool wrapped = false;       // procedure re-imposed on the team (absorbing)
  std::int32_t wrapped_on = -1;
  double outreach_funding = 1;  // the commissioner's multipliers after budget cuts
  double group_funding = 1;
};

// What the process reads of the service system each day (yesterday's results).
struct ChangeInputs {
  double team_morale = 0;     // mean morale of the team's staff in post
  double team_resolved = 0.5; // team's recent share of closures that left the person better
  double dept_resolved = 0.5; // the departments' mean of the same
  double unit_cost_rise = 0;  // commissioner's last review: relative rise in spend per case closed
};

// Support for the new way of working: the mean of protection, the team's morale and its
// early results (team resolved share / (team + departments), 0.5 at parity).
double change_support(const TransitionParams& T, const ChangeInputs& in);

// Daily chance that procedure is re-imposed: only under a target-driven commissioner, and
// wrap_rate x (1 - protection) x (1 - E) x cost pressure, cost pressure =
// clamp(unit_cost_rise / wrap_cost_rise, 0, 1).
double wrap_probability(const Config& cfg, const ChangeState& s, const ChangeInputs& in);

// One day of the process (called before the units work, from yesterday's results): starts it,
// moves E towards S, advances the roll-out while E >= rollout_embedding and the team is not
// wrapped, and draws the wrap (Stream keyed by seed, tick, Purpose::Wrapping).
void change_day(const Config& cfg, ChangeState& s, const ChangeInputs& in, std::uint64_t seed,
                std::uint32_t tick);

// Team coverage today: relational.coverage + (final - coverage) x progress.
double change_coverage(const Config& cfg, const ChangeState& s);

// The rules units apply today: the configured rules with the commissioning style laid over
// every unit, the commissioner's cuts applied to prevention funding, and, once wrapped, the
// team's threshold, recording, target and escalation set back to the silo's.
Config effective_config(const Config& cfg, const ChangeState& s);

// The closure target of a rule set, or kNoTarget when that rule set has no target field.
// Written against any struct with (or without) target_days, so the same code serves the silo
// rules and the team's rules whether or not the team's rules carry a target.
template <class Rules>
double target_of(const Rules& r) {
  if constexpr (requires { r.target_days; })
    return r.target_days > 0 ? r.target_days : kNoTarget;  // <= 0: the rules set no target
  else
    return kNoTarget;
}

template <class Rules>
void set_target(Rules& r, double days) {
  if constexpr (requires { r.target_days; }) r.target_days = days;
}

// True when a unit's rules (silo or relational) carry a closure target.
template <class Rules>
bool has_target(const Rules& r) {
  const double t = target_of(r);
  return t > 0 && t < kNoTarget;
}

// True when the rule set has a target_days field at all.
template <class Rules>
constexpr bool has_target_field() {
  return requires(const Rules& r) { r.target_days; };
}

}  // namespace placesim
