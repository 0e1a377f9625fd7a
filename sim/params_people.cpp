// Configuration keys of how people contact services and what is measured (people.*).
#include "sim/param_registry.hpp"

namespace placesim {

void register_people_params(ParamBuilder& b) {
  (void)b;
}

}  // namespace placesim
