#pragma once
// MODEL.md section 3, steps 2-4: route today's contacts, let every unit work its queue in
// parallel, apply the messages they produced in a fixed order, then update staff morale,
// retention and the organisational network. Owns all mutable service state.
#include <array>
#include <cstdint>
#include <vector>

#include "agents/change_process.hpp"
#include "agents/citizens.hpp"
#include "agents/commissioner.hpp"
#include "agents/place.hpp"
#include "agents/prevention.hpp"
#include "agents/service_state.hpp"
#include "agents/staffing.hpp"
#include "networks/org_network.hpp"
#include "core/config.hpp"

namespace placesim {

// Today's tallies of the routing and apply phases (units keep their own in UnitState::day).
struct ServiceDay {
  std::uint64_t contacts_value = 0, contacts_failure = 0, chases = 0, repeat = 0;
  std::uint64_t cases_opened = 0, group_joins = 0, group_full = 0, staff_left = 0;
  std::uint64_t referrals_dropped = 0;
  std::array<std::uint64_t, kUnits> opened_at{};  // cases opened per unit
};

// One row of the contacts table (sim/event_tables.cpp): a contact as routed. kind: 0 value,
// 1 repeat, 2 chase; bit 2 (kCrisisBit) set when made in crisis.
struct ContactRow {
  std::uint32_t citizen;
  std::uint16_t day;
  std::uint8_t unit;
  std::uint8_t kind;
  static constexpr std::uint8_t kValue = 0, kRepeat = 1, kChase = 2, kCrisisBit = 4;
};

// One row of the pulls table: a team's request for expert time, when it was made.
struct PullRow {
  std::uint32_t citizen;
  std::uint16_t day;
  std::uint8_t unit;    // the department asked
  std::uint8_t domain;  // the need the expert is pulled in for
};

class ServiceSystem {
 public:
  // `plan`: posts per unit from the staffing pilot (staffing.mode = "from_demand"); without a
  // valid plan the posts come from workers.staff_per_10k (the "fixed_ratio" mode).
  ServiceSystem(const Config& cfg, const Place& place, const StaffingPlan* plan = nullptr);

  // One day of services, after life and demand. `contacts` are in citizen order.
  void day(const Config& cfg, const Place& place, Citizens& c, std::uint32_t tick,
           const std::vector<Contact>& contacts);

  double coverage() const { return coverage_; }
  const std::vector<std::uint8_t>& covered() const { return covered_; }
  const std::array<UnitState, kUnits>& units() const { return units_; }
  const Workers& workers() const { return workers_; }
  const Cases& cases() const { return cases_; }
  const Groups& groups() const { return groups_; }
  const OrgNetwork& org() const { return org_; }
  const ServiceDay& today() const { return today_; }
  const std::vector<ClosedCase>& journeys() const { return journeys_; }
  std::size_t staff_in(int unit) const { return staff_[unit].size(); }
  // The contacts and pulls tables (people.event_tables), in routing / apply order.
  const std::vector<ContactRow>& contact_log() const { return contact_log_; }
  const std::vector<PullRow>& pull_log() const { return pull_log_; }
  // First day a row was not kept because the tables reached their size limit; -1 if none.
  std::int32_t event_tables_full_from() const { return event_full_from_; }
  // Change as a process, the commissioner and prevention (agents/change_process, commissioner,
  // prevention): today's state, for the observer.
  const ChangeState& change() const { return change_; }
  const CommissionerState& commissioner() const { return commissioner_; }
  const PreventionDay& prevention_today() const { return prevention_today_; }
  // Posts of the unit that are vacant today (being recruited).
  std::size_t vacancies_in(int unit) const;
  // The plan the posts came from (invalid under fixed_ratio).
  const StaffingPlan& plan() const { return plan_; }
  // Posts that exist today (filled or vacant), all units.
  std::int64_t posts() const;
  // Hours the team has spent coordinating itself since day 0: worked, but on no one person.
  double team_overhead_hours() const { return team_overhead_; }
  // Realised share of the unit's decisions escalated, a 20-day moving average (-1 before any).
  double escalated_share(int unit) const { return escalated_ema_[unit]; }

 private:
  void set_coverage(const Config& cfg, const Place& place, double coverage);
  void start_day(const Config& cfg, std::uint32_t tick);
  void route(const Config& cfg, const Place& place, Citizens& c, std::uint32_t tick,
             const std::vector<Contact>& contacts);
  void apply(const Config& cfg, const Place& place, Citizens& c, std::uint32_t tick);
  void staff_dynamics(const Config& cfg, std::uint32_t tick);
  void requeue_cases_of(std::int32_t worker);
  void rebuild_staff_lists();
  // follow_workload: the manager's review and carrying out its decisions (agents/staffing).
  void review_staffing(const Config& cfg, std::uint32_t tick);
  void carry_out(const Config& cfg, const std::array<std::int64_t, kUnits>& change, std::uint32_t tick);
  void coordinate_team(const Config& cfg);
  std::uint32_t open_case(Citizens& c, std::uint32_t citizen, int unit, int domain,
                          std::uint32_t tick, bool info);

  std::uint64_t seed_;
  Workers workers_;
  Cases cases_;
  std::array<UnitState, kUnits> units_;
  std::array<std::vector<std::uint32_t>, kUnits> staff_;
  Groups groups_;
  OrgNetwork org_;
  std::vector<std::uint8_t> covered_;  // per neighbourhood: 1 if the team is its front door
  double coverage_ = -1;
  ServiceDay today_;
  std::int32_t requeue_tick_ = 0;  // today: cases put back in a queue re-join it now
  std::vector<ClosedCase> journeys_;
  std::vector<ContactRow> contact_log_;
  std::vector<PullRow> pull_log_;
  std::int32_t event_full_from_ = -1;
  bool keep_event_row(const Config& cfg, std::size_t citizens, std::uint32_t tick);

  // Change, commissioner and prevention: the rules in force today come from these.
  const Config& rules_today(const Config& cfg, std::uint32_t tick);
  void prevent_and_review(const Config& cfg, const Place& place, Citizens& c, std::uint32_t tick);
  ChangeState change_;
  CommissionerState commissioner_;
  PreventionDay prevention_today_;
  double outreach_carry_ = 0;
  Config rules_;  // effective_config() of today
  // Staffing (agents/staffing.hpp). Closed posts are slots kept for hiring under
  // follow_workload (so the organisational network's worker vertices never change); they are
  // in no unit's staff list and never filled.
  StaffingPlan plan_;
  std::int64_t plan_total_ = 0;                 // posts at day 0: the budget's base
  std::array<double, kUnits> base_weight_{};    // how posts outside the team are shared
  std::vector<std::uint8_t> closed_;
  std::array<double, kUnits> escalated_ema_{};  // -1 until the unit's first decision
  std::array<double, kUnits> rev_worked_{}, rev_avail_{}, rev_post_days_{}, rev_started_{},
      rev_queue_start_{};
  std::uint32_t rev_days_ = 0;
  double team_overhead_ = 0;
  struct PendingChange {
    std::uint32_t day;
    std::array<std::int64_t, kUnits> change;
  };
  std::vector<PendingChange> pending_;
};

}  // namespace placesim
