#include "sim/runner.hpp"

namespace placesim {

std::vector<PreparedArm> prepare_arms(const RunRequest& req) {
  std::vector<PreparedArm> out;
  std::vector<std::string> errors;
  auto build = [&](const std::string& name, const std::vector<Assignment>* arm) {
    std::vector<const std::vector<Assignment>*> layers{&req.doc.base};
    if (arm) layers.push_back(arm);
    layers.push_back(&req.overrides);
    try {
      out.push_back({name, build_config(layers)});
    } catch (const ConfigError& e) {
      for (const auto& m : e.messages())
        errors.push_back(arm ? "arm '" + name + "': " + m : m);
    }
  };
  if (req.doc.arms.empty()) build("main", nullptr);
  for (const auto& a : req.doc.arms) build(a.name, &a.assignments);
  if (!errors.empty()) throw ConfigError(std::move(errors));
  return out;
}

ExperimentResult run_arms(const std::vector<PreparedArm>& arms,
                          const std::function<void(std::int64_t, std::int64_t)>& progress) {
  ExperimentResult r;
  r.arms = arms;
  std::int64_t total = 0;
  for (const auto& a : arms) total += a.cfg.run.days;
  std::int64_t before = 0;
  for (const auto& a : arms) {
    auto sim = std::make_unique<Simulation>(a.cfg);
    sim->run([&](std::int64_t done, std::int64_t) {
      if (progress) progress(before + done, total);
    });
    before += a.cfg.run.days;
    r.sims.push_back(std::move(sim));
  }
  return r;
}

}  // namespace placesim
