// Configuration keys of prevention, the commissioner and change as a process (commissioning.*).
#include "sim/param_registry.hpp"

namespace placesim {

void register_commissioning_params(ParamBuilder& b) {
  (void)b;
}

}  // namespace placesim
