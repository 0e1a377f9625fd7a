// Configuration keys of how people contact services and what is measured (people.*).
// Reasons and sources for the defaults are in docs/model.md ("People behave the same under
// both designs").
#include "sim/param_registry.hpp"

namespace placesim {

void register_people_params(ParamBuilder& b) {
  b.real("people.other_door_prob", [](Config& c) -> double& { return c.people.other_door_prob; },
         0, 1, "probability",
         "Chance that a person whose open case's owner could take a new need (the team owns the "
         "whole journey) takes it to another door (the front door) instead of telling the owner. "
         "Acts in every design; in a silo system no owner's remit covers another domain, so a "
         "new need always goes to the front door.");
  b.real("people.balance_after_days",
         [](Config& c) -> double& { return c.people.balance_after_days; }, 1, 3650, "day",
         "'Helped back to balance' is judged this many days after a person's last contact with "
         "services: no contact since, no open case, every need below their help threshold.");
  b.boolean("people.event_tables", [](Config& c) -> bool& { return c.people.event_tables; },
            "Keep the contacts and pulls tables (one row per contact and per expert pull) for "
            "the output file.");
  b.real("people.event_rows_per_citizen",
         [](Config& c) -> double& { return c.people.event_rows_per_citizen; }, 0, 1000,
         "row per citizen",
         "The contacts and pulls tables stop growing at this many rows per citizen (a hard "
         "bound on their memory); the file records the day they stopped (full_from_day).");
}

}  // namespace placesim
