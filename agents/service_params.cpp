// Configuration keys of the service system: demand, units, rules and groups.
#include "sim/param_registry.hpp"

namespace placesim {

void register_service_params(ParamBuilder& b) {
  b.real("demand.trust_initial", [](Config& c) -> double& { return c.demand.trust_initial; }, 0, 1,
         "trust 0-1", "Mean initial trust of citizens in services (sd 0.15).");
  b.real("demand.help_threshold_mean",
         [](Config& c) -> double& { return c.demand.help_threshold_mean; }, 0.05, 0.99, "need",
         "Mean need level at which a person asks for help.");
  b.real("demand.help_threshold_sd", [](Config& c) -> double& { return c.demand.help_threshold_sd; },
         0, 1, "need", "Spread of the help-seeking threshold between people.");
  b.real("groups.membership_weight",
         [](Config& c) -> double& { return c.groups.membership_weight; }, 0, 10, "",
         "Extra recovery (resilience units) per voluntary-group membership.");
}

void validate_services(const Config&, std::vector<std::string>&) {}

}  // namespace placesim
