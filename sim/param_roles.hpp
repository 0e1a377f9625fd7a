#pragma once
// What a configuration key is to the people who use the model (issue 11): a lever (a decision a
// manager or commissioner holds: a rule of a design, staffing, funding), an uncertainty (a fact
// about people, places or services that nobody decides and the model can only estimate), or a
// setting of the run itself (size, days, seed, output). Sweeps, `placesim params` and the
// report use the role; a key's role follows from its section unless it is listed as an
// exception in sim/param_roles.cpp.
#include <string>
#include <string_view>
#include <vector>

namespace placesim {

enum class ParamRole { Lever, Uncertainty, Setting };

const char* role_name(ParamRole r);

// The role of a registered key.
ParamRole role_of(std::string_view key);

// The exceptions listed by name (for a test that each still names a registered key).
const std::vector<std::string_view>& role_exceptions();

}  // namespace placesim
