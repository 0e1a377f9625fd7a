#pragma once
// What `placesim presets` prints about an experiment. Titles, stories and arm names come from
// experiment files, so every string goes through printable(): an ESC in a title is shown as
// `\x1B`, never sent to the terminal.
#include <string>
#include <vector>

#include "sim/runner.hpp"

namespace placesim::cli {

// One line of the listing: the name and the title.
std::string experiment_line(const std::string& name, const std::vector<PreparedArm>& arms);

// The whole description: story, what to look at, question, expected result, arms, and the
// experiment file itself.
std::string experiment_description(const std::string& name, const std::vector<PreparedArm>& arms,
                                   const std::string& toml);

}  // namespace placesim::cli
