// A department: expert requests (pulls) first, then the one rule-driven unit day
// (agents/design_day.cpp) under the silo rules with this department's exceptions. Nothing
// here is specific to the silo design except which rule values it reads: a department given
// the relational rules works the relational way (tests/agents/test_rule_swap.cpp).
#include "agents/service_context.hpp"

namespace placesim {
namespace {

// The silo rules as they apply in one department: the shared values with that department's
// exceptions (units.<name>.*) laid over them.
SiloRules rules_for(const Config& cfg, int unit) {
  SiloRules r = cfg.silo;
  const UnitRules& u = cfg.units[unit];
  if (u.threshold >= 0) r.threshold = u.threshold;
  if (u.assessment_hours >= 0) r.assessment_hours = u.assessment_hours;
  if (u.visit_hours >= 0) r.visit_hours = u.visit_hours;
  if (u.recording_share >= 0) r.recording_share = u.recording_share;
  if (u.escalation_prob >= 0) r.escalation_prob = u.escalation_prob;
  return r;
}

}  // namespace

void department_day(UnitContext& cx, UnitState& us, int unit) {
  const SiloRules S = rules_for(cx.cfg, unit);
  serve_pulls(cx, us, unit);
  design_day(cx, us, unit, S);
}

}  // namespace placesim
