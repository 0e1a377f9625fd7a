#pragma once
// Preset experiments: TOML files in experiments/presets/, embedded in the binary at build time.
#include <string>
#include <vector>

#include "sim/config_loader.hpp"

namespace placesim {

struct EmbeddedPreset {
  const char* name;
  const char* toml;
};

const std::vector<EmbeddedPreset>& embedded_presets();  // generated

// The preset run when none is named.
inline constexpr const char* kDefaultPreset = "silo-vs-relational";

const EmbeddedPreset* find_preset(const std::string& name);
ExperimentDocument load_preset(const std::string& name);  // throws ConfigError if unknown

}  // namespace placesim
