#include "agents/change_process.hpp"

#include <algorithm>

#include "core/rng.hpp"

namespace placesim {

bool parse_style(const std::string& text, CommissioningStyle& out) {
  if (text == "none") out = CommissioningStyle::None;
  else if (text == "targets") out = CommissioningStyle::Targets;
  else if (text == "learning") out = CommissioningStyle::Learning;
  else return false;
  return true;
}

double change_support(const TransitionParams& T, const ChangeInputs& in) {
  // Early results as the team's resolved share against the departments': 0.5 when the team
  // does as well as the departments around it, towards 1 when it does much better.
  const double sum = in.team_resolved + in.dept_resolved;
  const double results = sum > 0 ? in.team_resolved / sum : 0.5;
  return std::clamp((T.protection + in.team_morale + results) / 3.0, 0.0, 1.0);
}

double wrap_probability(const Config& cfg, const ChangeState& s, const ChangeInputs& in) {
  if (!s.active || s.wrapped || style_of(cfg) != CommissioningStyle::Targets) return 0.0;
  const TransitionParams& T = cfg.transition;
  const double cost = std::clamp(in.unit_cost_rise / std::max(1e-9, T.wrap_cost_rise), 0.0, 1.0);
  return std::clamp(T.wrap_rate * (1.0 - T.protection) * (1.0 - s.embedding) * cost, 0.0, 1.0);
}

void change_day(const Config& cfg, ChangeState& s, const ChangeInputs& in, std::uint64_t seed,
                std::uint32_t tick) {
  const TransitionParams& T = cfg.transition;
  if (T.start_day < 0) return;
  if (!s.active) {
    // A prototype that exists from day 0 is already learning; a hub starts on its day.
    if (!(cfg.relational.coverage > 0 || tick >= T.start_day)) return;
    s.active = true;
    s.embedding = T.embedding_initial;
  }
  s.support = change_support(T, in);
  s.embedding = std::clamp(s.embedding + T.embed_rate * (s.support - s.embedding), 0.0, 1.0);
  if (!s.wrapped && tick > T.start_day && s.embedding >= T.rollout_embedding)
    s.progress = std::min(1.0, s.progress + 1.0 / T.ramp_days);
  const double p = wrap_probability(cfg, s, in);
  if (p > 0) {
    Stream r(seed, 0, tick, Purpose::Wrapping);
    if (r.bernoulli(p)) {
      s.wrapped = true;
      s.wrapped_on = static_cast<std::int32_t>(tick);
    }
  }
}

double change_coverage(const Config& cfg, const ChangeState& s) {
  const double c0 = cfg.relational.coverage;
  if (cfg.transition.start_day < 0) return c0;
  return c0 + (cfg.transition.final_coverage - c0) * s.progress;
}

Config effective_config(const Config& cfg, const ChangeState& s) {
  Config e = cfg;
  const CommissioningParams& K = cfg.commissioning;
  switch (style_of(cfg)) {
    case CommissioningStyle::Targets:
      // A closure target on every unit (payment by output: the commissioner's target, or the
      // unit's own if that is sooner), and activity recorded for contract monitoring.
      set_target(e.silo, std::min(target_of(e.silo), K.target_days));
      set_target(e.relational, std::min(target_of(e.relational), K.target_days));
      e.silo.recording_share *= K.targets_recording;
      e.relational.recording_share *= K.targets_recording;
      for (auto& u : e.units)
        if (u.recording_share >= 0) u.recording_share *= K.targets_recording;
      break;
    case CommissioningStyle::Learning:
      // No closure target anywhere; money goes into relationships (voluntary groups).
      set_target(e.silo, kNoTarget);
      set_target(e.relational, kNoTarget);
      e.groups.funding *= K.learning_group_funding;
      break;
    case CommissioningStyle::None:
      break;
  }
  e.commissioning.outreach_hours_per_10k *= s.outreach_funding;
  e.groups.funding *= s.group_funding;
  if (s.wrapped) {
    // Procedure re-imposed: the team applies the silo's threshold, recording, target and
    // escalation (after the style, so a wrapped team also carries the commissioner's target).
    e.relational.threshold = e.silo.threshold;
    e.relational.recording_share = e.silo.recording_share;
    set_target(e.relational, target_of(e.silo));
    e.relational.escalation_prob = e.silo.escalation_prob;
  }
  return e;
}

}  // namespace placesim
