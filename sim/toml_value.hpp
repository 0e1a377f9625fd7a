#pragma once
// One TOML leaf as a value of a parameter's kind: the single conversion used by experiment
// files, --set overrides and sweep files, so all three accept exactly the same spellings.
#include <toml++/toml.h>

#include "sim/param_registry.hpp"

namespace placesim {

// False when the leaf is not of the kind. An integer is a fine real; a float is an integer only
// when it is whole and exactly representable (below 9e15), so 3.0 means 3 and 3.5 is refused.
bool toml_to_param(ParamKind kind, const toml::node& node, ParamValue& out);

}  // namespace placesim
