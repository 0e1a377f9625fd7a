#pragma once
// A printable one-page worksheet for a preset experiment (issue 11, teaching): the story, a
// prediction to write down before running, how to run it, where to look, and questions to
// discuss. Everything comes from the preset file (experiment.* keys), so a worksheet never
// disagrees with the experiment it is about.
#include <string>
#include <vector>

#include "core/config.hpp"

namespace placesim::analysis {

// `arms` are the names of the experiment's arms; `cfg` its configuration (of any arm: the
// experiment.* keys are shared by every arm). Self-contained HTML, A4 print style.
std::string worksheet_html(const std::string& preset, const Config& cfg,
                           const std::vector<std::string>& arms);

}  // namespace placesim::analysis
