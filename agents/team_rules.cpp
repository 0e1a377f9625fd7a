// The relational locality team: the one rule-driven unit day (agents/design_day.cpp) under
// the relational rules. One worker owns each case from the first conversation to letting go:
// Understand (an understanding conversation over the whole life) -> Context (causes
// understood with a chance that grows with time face to face, continuity, information and
// experience) -> Explore (the action with the greatest impact, causes first, decided with the
// person with a chance that follows their trust) -> Ownership (act, pull an expert in without
// a new assessment, introduce warmly to a community group) until the person is back in
// balance. All of these are rule values (cfg.relational), not code of its own.
#include "agents/service_context.hpp"

namespace placesim {

void team_day(UnitContext& cx, UnitState& us) { design_day(cx, us, kTeam, cx.cfg.relational); }

}  // namespace placesim
