// Configuration keys of the worker mechanics every design shares (mechanics.*).
#include "sim/param_registry.hpp"

namespace placesim {

void register_mechanics_params(ParamBuilder& b) {
  (void)b;
}

}  // namespace placesim
