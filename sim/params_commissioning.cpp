// Configuration keys of prevention, the commissioner and change as a process (commissioning.*;
// the transition.* keys of the change process are in sim/service_params.cpp with the rest of
// the transition). Each is documented in docs/model.md, "Prevention, the commissioner and
// change that can fail".
#include "agents/change_process.hpp"
#include "sim/param_registry.hpp"

namespace placesim {

void register_commissioning_params(ParamBuilder& b) {
  b.text("commissioning.style", [](Config& c) -> std::string& { return c.commissioning.style; },
         "How services are commissioned, acting only through the rules of every unit: \"none\" "
         "(each design's own rules), \"targets\" (closure target, more activity recording, payment "
         "by output) or \"learning\" (no closure target, funding for relationships).");
  auto k = [&b](double CommissioningParams::*f, const char* n, double lo, double hi, const char* u,
                const char* desc) {
    b.real(std::string("commissioning.") + n,
           [f](Config& c) -> double& { return c.commissioning.*f; }, lo, hi, u, desc);
  };
  using K = CommissioningParams;
  k(&K::target_days, "target_days", 1, 3650, "day",
    "Under targets: every unit (departments and team) closes a case at this age, or at its own "
    "target if sooner (payment by output rewards closing).");
  k(&K::targets_recording, "targets_recording", 0, 10, "x",
    "Under targets: every unit's recording share is multiplied by this (activity returns).");
  k(&K::learning_group_funding, "learning_group_funding", 0, 10, "x",
    "Under learning: voluntary-group funding is multiplied by this (money into relationships).");
  k(&K::learning_tie_trust, "learning_tie_trust", 0, 1, "trust 0-1",
    "Under learning: trust on every tie between two services recovers towards this "
    "(joint time and shared learning are funded).");
  k(&K::learning_tie_rate, "learning_tie_rate", 0, 1, "per day",
    "Under learning: share of the gap to learning_tie_trust closed each day.");
  k(&K::review_days, "review_days", 1, 3650, "day",
    "The commissioner compares spend (staff + outreach + discretionary + crisis cost) over this "
    "period with the period before.");
  k(&K::outreach_hours_per_10k, "outreach_hours_per_10k", 0, 10000, "hour per day per 10,000 residents",
    "Proactive outreach to people who have not asked for help (prevention), in either design.");
  k(&K::outreach_visit_hours, "outreach_visit_hours", 0.01, 24, "hour",
    "Face-to-face hours of one outreach visit.");
  k(&K::outreach_travel_hours, "outreach_travel_hours", 0, 24, "hour", "Travel per outreach visit.");
  k(&K::outreach_floor, "outreach_floor", 0, 1, "need",
    "A visit does preventive work when the person's largest need is at least this.");
  k(&K::outreach_targeting, "outreach_targeting", 0, 1, "",
    "0: visits spread by population; 1: neighbourhoods weighted by deprivation / mean deprivation.");
  b.boolean("commissioning.cut_when_spend_rises",
            [](Config& c) -> bool& { return c.commissioning.cut_when_spend_rises; },
            "The budget rule: at a review where spend rose by more than cut_trigger, cut outreach "
            "and group funding by cut_share.");
  k(&K::cut_trigger, "cut_trigger", 0, 10, "share", "Rise in spend, review on review, that triggers a cut.");
  k(&K::cut_share, "cut_share", 0, 1, "share", "Share of outreach and group funding cut at such a review.");
}

void validate_commissioning(const Config& cfg, std::vector<std::string>& errors) {
  CommissioningStyle s;
  if (!parse_style(cfg.commissioning.style, s))
    errors.push_back("commissioning.style must be \"none\", \"targets\" or \"learning\", not \"" +
                     cfg.commissioning.style + "\"");
}

}  // namespace placesim
