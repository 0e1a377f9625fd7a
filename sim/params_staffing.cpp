// Configuration keys of staffing from demand and the staffing policy (staffing.*).
#include "sim/param_registry.hpp"

namespace placesim {

void register_staffing_params(ParamBuilder& b) {
  (void)b;
}

}  // namespace placesim
