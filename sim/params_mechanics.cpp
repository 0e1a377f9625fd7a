// Configuration keys of the worker mechanics every design shares (mechanics.*); the
// functions are in agents/worker_mechanics.hpp and documented in docs/model.md.
#include "sim/param_registry.hpp"

namespace placesim {

void register_mechanics_params(ParamBuilder& b) {
  using M = MechanicsParams;
  auto m = [&b](double M::*f, const char* n, double lo, double hi, const char* u, const char* desc) {
    b.real(std::string("mechanics.") + n, [f](Config& c) -> double& { return c.mechanics.*f; }, lo, hi, u, desc);
  };
  m(&M::uncover_rate, "uncover_rate", 0, 10, "per hour",
    "Rate per face-to-face hour at which a hidden cause is understood: "
    "p = 1 - exp(-u h (1 + experience)(1 + continuity_gain c + info_gain i)).");
  m(&M::continuity_gain, "continuity_gain", 0, 10, "",
    "Uncovering rate x (1 + this) when the same worker sees the person again in the case.");
  m(&M::info_gain, "info_gain", 0, 10, "",
    "Uncovering rate x (1 + this) when the person's information travelled with the case.");
  m(&M::info_assessment_saving, "info_assessment_saving", 0, 1, "share",
    "Share of the first meeting spared when information travelled with the case.");
  m(&M::action_rate, "action_rate", 0, 10, "per hour",
    "Effect of an hour of matched work: share removed e = 1 - exp(-a h match productivity (1 + g co)).");
  m(&M::generalist_match, "generalist_match", 0, 1, "share",
    "Effect of a generalist's hour on a need outside their skill, relative to an expert's.");
  m(&M::coproduction_gain, "coproduction_gain", 0, 10, "",
    "Action rate x (1 + this) when the decision was taken with the person.");
  m(&M::uptake_signpost, "uptake_signpost", 0, 1, "per unit trust",
    "Group uptake per unit of trust after signposting: p = trust (s0 + (s1 - s0) introduction).");
  m(&M::uptake_warm, "uptake_warm", 0, 1, "per unit trust", "Group uptake per unit of trust after a warm introduction.");
  m(&M::handoff_loss, "handoff_loss", 0, 1, "probability",
    "Chance a hand-off is lost on a tie of trust 0.5 (never used); x 2 (1 - tie trust).");
  m(&M::pull_answer, "pull_answer", 0, 1, "probability",
    "Chance a pull is answered the day it is asked, on a tie of trust 0.5; x 2 tie trust (capped at 1).");
  m(&M::task_start_share, "task_start_share", 0.01, 1, "share",
    "A worker starts a task when at least this share of it fits in what is left of their day; the rest "
    "is worked the next day (tasks run over days, so a unit can run near its target utilisation).");
  m(&M::contact_hours, "contact_hours", 0, 24, "hour",
    "Staff time taking one chasing or crisis contact about a case open at the unit.");
}

}  // namespace placesim
