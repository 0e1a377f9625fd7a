#include "sim/simulation.hpp"

#include <algorithm>
#include <stdexcept>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include "agents/demand_step.hpp"
#include "sim/chunks.hpp"
#include "sim/staffing_plan.hpp"

namespace placesim {

int Simulation::threads() const {
  const auto limit =
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
  return static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(arena_->max_concurrency()),
                                                std::max<std::size_t>(limit, 1)));
}

Simulation::Simulation(const Config& cfg, const std::vector<ConfigStage>& later,
                       const StaffingPlan* plan)
    : model_(build_model(cfg, later)), observer_(model_, recorder_) {
  const int threads =
      cfg.run.threads > 0 ? static_cast<int>(cfg.run.threads) : tbb::task_arena::automatic;
  arena_ = std::make_unique<tbb::task_arena>(threads);
  state_.citizens.resize(model_.place.citizens());
  state_.new_crisis.assign(model_.place.citizens(), 0);
  arena_->execute([&] {
    for_each_chunk(model_, [&](const Chunk& ch) {
      init_citizens(model_.stages.front().cfg, model_.place, state_.citizens, ch.begin, ch.end);
    });
    for_each_chunk(model_, [&](const Chunk& ch) {
      support_step(model_.life, model_.net, state_.citizens, ch.begin, ch.end);
    });
  });
  if (cfg.docking.enabled) {
    docking_ = std::make_unique<DockingQueue>(model_.cfg, recorder_);
  } else if (cfg.services.enabled) {
    const Config& day0 = model_.stages.front().cfg;
    std::optional<StaffingPlan> own;
    if (!plan && wants_plan(day0)) plan = &own.emplace(plan_staffing(day0));
    services_ = std::make_unique<ServiceSystem>(day0, model_.place, plan);
    service_observer_ = std::make_unique<ServiceObserver>(model_, recorder_);
    change_observer_ = std::make_unique<ChangeObserver>(recorder_);
    chunk_contacts_.resize(model_.chunks.size());
  }
  // A seeded, evenly spread sample of people whose cost curves are kept.
  const auto n = static_cast<std::uint32_t>(model_.place.citizens());
  const auto k = static_cast<std::uint32_t>(std::min<std::int64_t>(cfg.run.sample_citizens, n));
  for (std::uint32_t s = 0; s < k; ++s)
    recorder_.sample_ids.push_back(
        static_cast<std::uint32_t>((static_cast<std::uint64_t>(s) * n) / k));
}

Simulation::~Simulation() = default;

void Simulation::step() {
  // The rules in force today ([[schedule]] entries change them on their day).
  const ModelStage& stage = model_.stage_at(state_.tick);
  arena_->execute([&] {
    for_each_chunk(model_, [&](const Chunk& ch) {
      life_step(stage.life, model_.place, state_.citizens, state_.new_crisis, state_.tick, ch.begin,
                ch.end);
    });
    for_each_chunk(model_, [&](const Chunk& ch) {
      support_step(stage.life, model_.net, state_.citizens, ch.begin, ch.end);
    });
    if (services_) {
      const auto seed = static_cast<std::uint64_t>(model_.cfg.run.seed);
      tbb::parallel_for(std::size_t{0}, model_.chunks.size(), [&](std::size_t k) {
        chunk_contacts_[k].clear();
        demand_step(stage.cfg, seed, state_.citizens, state_.tick, model_.chunks[k].begin,
                    model_.chunks[k].end, chunk_contacts_[k]);
      });
      // Contacts are concatenated in chunk order, i.e. citizen order, whatever the threads did.
      contacts_.clear();
      for (const auto& v : chunk_contacts_) contacts_.insert(contacts_.end(), v.begin(), v.end());
      services_->day(stage.cfg, model_.place, state_.citizens, state_.tick, contacts_);
    }
    observer_.observe(model_, state_, recorder_);
    if (docking_) docking_->day(state_.tick, recorder_);
    if (services_) service_observer_->observe(model_, state_.citizens, *services_, recorder_);
    if (services_) change_observer_->observe(*services_, recorder_);
  });
  if (state_.tick % static_cast<std::uint32_t>(model_.cfg.run.sample_every) == 0) record_sample();
  ++state_.tick;
}

void Simulation::record_sample() {
  recorder_.sample_ticks.push_back(static_cast<std::int32_t>(state_.tick));
  for (auto id : recorder_.sample_ids) {
    recorder_.sample_cost.push_back(static_cast<float>(state_.citizens.cost[id]));
    recorder_.sample_wellbeing.push_back(state_.citizens.wellbeing[id]);
  }
}

void Simulation::run(const std::function<void(std::int64_t, std::int64_t)>& progress) {
  const std::int64_t days = model_.cfg.run.days;
  while (static_cast<std::int64_t>(state_.tick) < days) {
    step();
    if (progress) progress(state_.tick, days);
  }
  if (!network_summary_)
    network_summary_ = summarise(model_.net, kNetworkSummarySamples, kNetworkSummarySources,
                                 static_cast<std::uint64_t>(model_.cfg.run.seed));
}

void Simulation::reschedule(std::int64_t from_day, const std::vector<ConfigStage>& later) {
  if (from_day < 1 || from_day < static_cast<std::int64_t>(state_.tick))
    throw std::invalid_argument("a schedule change must start on a day not yet simulated (day " +
                                std::to_string(from_day) + ", next day " +
                                std::to_string(state_.tick) + ")");
  auto& st = model_.stages;
  while (st.size() > 1 && st.back().day >= from_day) st.pop_back();
  for (const auto& s : later) {
    if (s.day < from_day) continue;
    if (st.back().day == s.day) st.back() = {s.day, s.cfg, make_life_constants(s.cfg, model_.place)};
    else st.push_back({s.day, s.cfg, make_life_constants(s.cfg, model_.place)});
  }
}

void Simulation::end_here() {
  if (!network_summary_)
    network_summary_ = summarise(model_.net, kNetworkSummarySamples, kNetworkSummarySources,
                                 static_cast<std::uint64_t>(model_.cfg.run.seed));
}

}  // namespace placesim
