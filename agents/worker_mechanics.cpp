// One set of worker mechanics shared by every worker (docs/model.md, "Worker mechanics").
#include "agents/worker_mechanics.hpp"


namespace placesim {

double uncover_prob(const MechanicsParams& m, double hours, double experience, bool continuity,
                    bool info) {
  const double boost = 1.0 + m.continuity_gain * (continuity ? 1.0 : 0.0) + m.info_gain * (info ? 1.0 : 0.0);
  const double rate = m.uncover_rate * std::max(0.0, hours) * (1.0 + experience) * boost;
  return 1.0 - std::exp(-rate);
}

double action_effect(const MechanicsParams& m, double hours, bool skilled, double productivity,
                     bool coproduced) {
  const double match = skilled ? 1.0 : m.generalist_match;
  const double co = 1.0 + m.coproduction_gain * (coproduced ? 1.0 : 0.0);
  const double x = m.action_rate * std::max(0.0, hours) * match * std::max(0.0, productivity) * co;
  return 1.0 - std::exp(-x);
}

double uptake_prob(const MechanicsParams& m, double trust, double introduction) {
  const double i = std::clamp(introduction, 0.0, 1.0);
  return std::clamp(trust * (m.uptake_signpost + (m.uptake_warm - m.uptake_signpost) * i), 0.0, 1.0);
}

double handoff_loss_prob(const MechanicsParams& m, double tie_trust) {
  return std::clamp(m.handoff_loss * 2.0 * (1.0 - tie_trust), 0.0, 1.0);
}

double info_travel_prob(double info_sharing, double tie_trust) {
  return std::clamp(info_sharing * 2.0 * tie_trust, 0.0, 1.0);
}

double pull_answer_prob(const MechanicsParams& m, double tie_trust) {
  return std::clamp(m.pull_answer * 2.0 * tie_trust, 0.0, 1.0);
}

double weekly_case_hours(const DesignRules& r, double need) {
  const double visit = r.visit_hours * (1.0 + r.recording_share) + r.travel_hours;
  return visit * 7.0 * std::clamp(need, 0.25, 1.0) / std::max(1.0, r.visit_interval);
}

}  // namespace placesim
