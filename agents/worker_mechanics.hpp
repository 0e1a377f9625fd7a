#pragma once
// One set of worker mechanics (issue 10, item 2; MODEL.md section 5, "Everything else is
// shared"). Every worker in every unit (front door, department, team, an expert pulled in)
// uses these functions; the designs differ only in the rules (DesignRules) that decide how
// many hours go where, which domains are in scope and who acts. Pure functions of their
// arguments, so they can be tested on their own and cannot read a design label.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/config.hpp"

namespace placesim {

// A cause weaker than this no longer drives anything, and cannot be found.
inline constexpr float kCauseSeen = 0.05f;

// Chance that one hidden cause is understood in `hours` face to face:
//   p = 1 - exp(-u h (1 + experience) (1 + c_cont continuity + c_info info)).
// continuity: the same worker saw the person before in this case; info: the person's
// information travelled with the case. Both are 0 or 1 in the model.
double uncover_prob(const MechanicsParams& m, double hours, double experience, bool continuity,
                    bool info);

// Share of a need (or of an understood cause) removed by `hours` of work:
//   e = 1 - exp(-a h match productivity (1 + g_co coproduced)),
// match = 1 when the worker has the skill for the domain, else mechanics.generalist_match.
// Always in [0, 1): no action makes a need worse (Rule 2).
double action_effect(const MechanicsParams& m, double hours, bool skilled, double productivity,
                     bool coproduced);

// Chance that a decision is taken WITH the person: the design's invitation (a rule) times the
// person's trust in services. Never 1 by definition.
inline double coproduction_prob(double invitation, double trust) {
  return std::clamp(invitation * trust, 0.0, 1.0);
}

// Chance the person joins a group they were told about, one function for every design:
//   p = trust (s0 + (s1 - s0) introduction), introduction 0 = signposting, 1 = warm.
double uptake_prob(const MechanicsParams& m, double trust, double introduction);

// Tie trust T (0-1) on the organisational tie between two units moves three chances; each
// equals its parameter at T = 0.5 (a tie never used):
//   hand-off lost      = handoff_loss x 2 (1 - T)
//   information travels = info_sharing x 2 T
//   pull answered today = pull_answer x 2 T         (all clamped to [0, 1])
double handoff_loss_prob(const MechanicsParams& m, double tie_trust);
double info_travel_prob(double info_sharing, double tie_trust);
double pull_answer_prob(const MechanicsParams& m, double tie_trust);

// Hours one open case needs per week under a rule set, for a person whose largest need is
// `need`: a visit (face to face, recording, travel) every visit_interval / max(0.25, need)
// days, the schedule visits follow. A worker takes a new case only while the sum over their
// open cases fits in their week: caseload follows from hours, not from a fixed cap.
double weekly_case_hours(const DesignRules& r, double need);

}  // namespace placesim
