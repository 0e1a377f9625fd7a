#include "sim/change_observer.hpp"

namespace placesim {

ChangeObserver::ChangeObserver(Recorder& r) {
  visits_ = r.declare("outreach_visits", "visit per day",
                      "Proactive outreach visits to people who had not asked for help.");
  helped_ = r.declare("outreach_helped", "visit per day",
                      "Outreach visits that did preventive work (largest need at least "
                      "commissioning.outreach_floor, no open case).");
  hours_ = r.declare("outreach_hours", "hour per day", "Outreach staff hours, travel included.");
  cost_ = r.declare("outreach_cost", "GBP per day", "Outreach hours x hourly cost.");
  embedding_ = r.declare("embedding", "index 0-1",
                         "How far the team's way of working has taken hold in a transition or hub "
                         "(0 when no change is under way).");
  support_ = r.declare("change_support", "index 0-1",
                       "Mean of protection, team morale and early results: what embedding moves towards.");
  wrapped_ = r.declare("wrapped", "0/1", "1 once procedure has been re-imposed on the team.");
  progress_ = r.declare("rollout_progress", "share 0-1", "Share of the planned roll-out done.");
  outreach_funding_ = r.declare("outreach_funding", "x configured",
                                "Outreach funding after the commissioner's budget cuts.");
  group_funding_ = r.declare("group_funding_cut", "x configured",
                             "Voluntary-group funding after the commissioner's budget cuts.");
}

void ChangeObserver::observe(const ServiceSystem& s, Recorder& r) const {
  const PreventionDay& p = s.prevention_today();
  const ChangeState& c = s.change();
  r.push(visits_, p.visits);
  r.push(helped_, p.helped);
  r.push(hours_, p.hours);
  r.push(cost_, p.cost);
  r.push(embedding_, c.active ? c.embedding : 0.0);
  r.push(support_, c.active ? c.support : 0.0);
  r.push(wrapped_, c.wrapped ? 1.0 : 0.0);
  r.push(progress_, c.progress);
  r.push(outreach_funding_, c.outreach_funding);
  r.push(group_funding_, c.group_funding);
}

}  // namespace placesim
