#pragma once
// One run of the model: a frozen Model, the mutable SimState, and the tick as an ordered list
// of named phases (life, social support, demand, services, observation). Each phase is a parallel
// loop over fixed chunks calling a kernel that touches only its own agents, so the serial driver
// (threads = 1) and the parallel one give the same bits.
#include <functional>
#include <memory>
#include <optional>

#include "agents/service_system.hpp"
#include "networks/network_stats.hpp"
#include "sim/change_observer.hpp"
#include "sim/docking_queue.hpp"
#include "sim/model.hpp"
#include "sim/observer.hpp"
#include "sim/recorder.hpp"
#include "sim/service_observer.hpp"
#include "sim/state.hpp"

#include <oneapi/tbb/task_arena.h>

namespace placesim {

// Sampling of Simulation::network_summary(): exact enough for a summary, and seconds rather
// than hours on a large place.
inline constexpr std::uint32_t kNetworkSummarySamples = 2000;
inline constexpr std::uint32_t kNetworkSummarySources = 4;

class Simulation {
 public:
  // `plan`: the posts from staffing.mode = "from_demand" (sim/staffing_plan), computed once per
  // experiment and shared by its arms; when null and the mode asks for one, the simulation
  // runs the pilot itself from its own day-0 config.
  explicit Simulation(const Config& cfg, const std::vector<ConfigStage>& later = {},
                      const StaffingPlan* plan = nullptr);
  ~Simulation();

  // Advance one day.
  void step();
  // Run the configured number of days; `progress(done, total)` is called after each day.
  void run(const std::function<void(std::int64_t, std::int64_t)>& progress = {});

  // Live runs (`placesim serve`, serve/live_session): a lever moved while the model runs is a
  // schedule entry from a day not yet simulated. Replaces every stage from `from_day` on with
  // `later` (stages with an earlier day are ignored), exactly as if the run had been built with
  // them, so the days still to come follow the same rules a [[schedule]] table would give.
  // `from_day` must be at least 1 (day 0 set up the people and services) and at least the
  // next day to simulate; throws std::invalid_argument otherwise.
  void reschedule(std::int64_t from_day, const std::vector<ConfigStage>& later);
  // Ends the run at today's tick without simulating the remaining days: computes what run()
  // computes when it ends, so a live run paused early can be written as an output file.
  void end_here();

  const Model& model() const { return model_; }
  const SimState& state() const { return state_; }
  const Recorder& recorder() const { return recorder_; }
  // Null when services.enabled is false.
  const ServiceSystem* services() const { return services_.get(); }
  // Structure of the social network, computed when run() ends (null before): the output
  // records it, and computing it belongs to the model's owner, not to the writer.
  const NetworkSummary* network_summary() const {
    return network_summary_ ? &*network_summary_ : nullptr;
  }
  // Worker threads this simulation actually uses: run.threads = 0 resolved to the machine's,
  // and never more than TBB's global limit (the machine's concurrency unless a
  // tbb::global_control lowers it), since an arena asking for more gets no extra workers.
  int threads() const;

 private:
  void record_sample();

  Model model_;  // stages change only through reschedule()
  SimState state_;
  Recorder recorder_;
  Observer observer_;
  std::unique_ptr<ServiceSystem> services_;
  std::unique_ptr<DockingQueue> docking_;  // only in the docking configuration
  std::unique_ptr<ServiceObserver> service_observer_;
  std::unique_ptr<ChangeObserver> change_observer_;
  std::vector<std::vector<Contact>> chunk_contacts_;
  std::vector<Contact> contacts_;
  std::unique_ptr<tbb::task_arena> arena_;
  std::optional<NetworkSummary> network_summary_;
};

}  // namespace placesim
