#include "sim/runner.hpp"

#include <algorithm>

#include "core/printable.hpp"
#include "sim/staffing_plan.hpp"

namespace placesim {

std::vector<PreparedArm> prepare_arms(const RunRequest& req) {
  std::vector<PreparedArm> out;
  std::vector<std::string> errors;
  // --arm NAME:key=value must name an arm of the experiment: an unknown name would otherwise
  // change nothing, silently.
  for (const auto& o : req.arm_overrides) {
    const bool known = std::any_of(req.doc.arms.begin(), req.doc.arms.end(),
                                   [&](const Arm& a) { return a.name == o.arm; });
    if (known) continue;
    std::string names;
    for (const auto& a : req.doc.arms) names += (names.empty() ? "" : ", ") + printable(a.name);
    errors.push_back(o.assignment.source + ": no arm named '" + printable(o.arm) + "' " +
                     (names.empty() ? std::string("(this experiment has one arm: use --set)")
                                    : "(arms: " + names + ")"));
  }
  if (!errors.empty()) throw ConfigError(std::move(errors));
  // The staffing plan comes from the base configuration, before any arm's overrides, so every
  // arm gets the same posts (the same budget).
  Config plan_base;
  try {
    plan_base = build_config({&req.doc.base, &req.overrides});
  } catch (const ConfigError&) {
    // Reported below, with the arm that carries the error.
  }
  auto build = [&](const std::string& name, const Arm* arm) {
    std::vector<Assignment> mine;
    for (const auto& o : req.arm_overrides)
      if (arm && o.arm == name) mine.push_back(o.assignment);
    // Schedule entries in day order; the base schedule's come before the arm's on a tie.
    std::vector<const ScheduleEntry*> schedule;
    for (const auto& e : req.doc.schedule) schedule.push_back(&e);
    if (arm)
      for (const auto& e : arm->schedule) schedule.push_back(&e);
    std::stable_sort(
        schedule.begin(), schedule.end(),
        [](const ScheduleEntry* a, const ScheduleEntry* b) { return a->day < b->day; });
    std::vector<const std::vector<Assignment>*> layers{&req.doc.base};
    if (arm) layers.push_back(&arm->assignments);
    try {
      auto with_overrides = [&](std::vector<const std::vector<Assignment>*> l) {
        l.push_back(&req.overrides);  // --set wins at every stage
        l.push_back(&mine);           // and --arm wins over --set for its arm
        return build_config(l);
      };
      PreparedArm p{name, with_overrides(layers), {}, plan_base};
      for (const ScheduleEntry* e : schedule) {
        layers.push_back(&e->assignments);
        if (e->day >= p.cfg.run.days) continue;  // after the end: never in force
        Config c = with_overrides(layers);
        if (!p.stages.empty() && p.stages.back().day == e->day)
          p.stages.back().cfg = c;
        else
          p.stages.push_back({e->day, c});
      }
      out.push_back(std::move(p));
    } catch (const ConfigError& e) {
      for (const auto& m : e.messages())
        errors.push_back(arm ? "arm '" + printable(name) + "': " + m : m);
    }
  };
  if (req.doc.arms.empty()) build("main", nullptr);
  for (const auto& a : req.doc.arms) build(a.name, &a);
  if (!errors.empty()) throw ConfigError(std::move(errors));
  return out;
}

ExperimentResult run_arms(const std::vector<PreparedArm>& arms,
                          const std::function<void(std::int64_t, std::int64_t)>& progress) {
  ExperimentResult r;
  r.arms = arms;
  std::int64_t total = 0;
  for (const auto& a : arms) total += a.cfg.run.days;
  // One plan for the experiment, from the base config, handed to every arm that staffs from it.
  for (const auto& a : arms)
    if (wants_plan(a.cfg)) {
      r.plan = plan_staffing(a.plan_base);
      break;
    }
  std::int64_t before = 0;
  for (const auto& a : arms) {
    auto sim = std::make_unique<Simulation>(a.cfg, a.stages, r.plan ? &*r.plan : nullptr);
    sim->run([&](std::int64_t done, std::int64_t) {
      if (progress) progress(before + done, total);
    });
    before += a.cfg.run.days;
    r.sims.push_back(std::move(sim));
  }
  return r;
}

namespace {

PreparedArm with_seed(const PreparedArm& a, std::int64_t seed) {
  PreparedArm p = a;
  p.cfg.run.seed = seed;
  for (auto& st : p.stages) st.cfg.run.seed = seed;
  return p;
}

}  // namespace

ExperimentResult run_replicated(const std::vector<PreparedArm>& arms,
                                const std::function<void(std::int64_t, std::int64_t)>& progress) {
  const std::int64_t R = arms.empty() ? 1 : arms.front().cfg.run.replicates;
  const std::int64_t seed = arms.empty() ? 0 : arms.front().cfg.run.seed;
  check_replicate_seeds(seed, R);
  std::int64_t days = 0;
  for (const auto& a : arms) days += a.cfg.run.days;
  const std::int64_t total = days * R;
  auto report = [&](std::int64_t before) {
    return [&progress, before, total](std::int64_t done, std::int64_t) {
      if (progress) progress(before + done, total);
    };
  };
  ExperimentResult r = run_arms(arms, report(0));
  for (std::size_t a = 0; a < arms.size(); ++a) {
    r.replicates.push_back({{capture_replicate(*r.sims[a], seed)}, arms[a].cfg.experiment.check});
  }
  std::int64_t before = days;
  for (std::int64_t k = 1; k < R; ++k)
    for (std::size_t a = 0; a < arms.size(); ++a) {
      const PreparedArm p = with_seed(arms[a], replicate_seed(seed, k));
      Simulation sim(p.cfg, p.stages, r.plan ? &*r.plan : nullptr);
      sim.run(report(before));
      before += p.cfg.run.days;
      r.replicates[a].runs.push_back(capture_replicate(sim, p.cfg.run.seed));
    }
  return r;
}

}  // namespace placesim
