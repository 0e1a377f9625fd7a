#include "experiments/preset_registry.hpp"

namespace placesim {

const EmbeddedPreset* find_preset(const std::string& name) {
  for (const auto& p : embedded_presets())
    if (name == p.name) return &p;
  return nullptr;
}

ExperimentDocument load_preset(const std::string& name) {
  const EmbeddedPreset* p = find_preset(name);
  if (!p) {
    std::string names;
    for (const auto& q : embedded_presets()) names += std::string(names.empty() ? "" : ", ") + q.name;
    throw ConfigError({"unknown preset '" + name + "' (known: " + names + ")"});
  }
  return parse_experiment(p->toml, std::string("preset:") + p->name);
}

}  // namespace placesim
