#include "agents/service_system.hpp"

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "agents/demand_step.hpp"
#include "agents/service_context.hpp"
#include "core/rng.hpp"

namespace placesim {
namespace {

// vacant_until of a closed post: never filled, so every reader of Workers sees it as vacant.
constexpr std::int32_t kClosedPost = std::numeric_limits<std::int32_t>::max();

// Largest-remainder split of `total` posts over weights, so the counts are exact integers
// that sum to total and depend only on the inputs.
std::array<std::size_t, kUnits> apportion(std::size_t total, const std::array<double, kUnits>& wt) {
  std::array<std::size_t, kUnits> n{};
  std::array<double, kUnits> rem{};
  double sum = 0;
  for (double w : wt) sum += w;
  std::size_t given = 0;
  for (int u = 0; u < kUnits; ++u) {
    const double exact = sum > 0 ? total * wt[u] / sum : 0;
    n[u] = static_cast<std::size_t>(std::floor(exact));
    rem[u] = exact - static_cast<double>(n[u]);
    given += n[u];
  }
  while (given < total) {
    int best = 0;
    for (int u = 1; u < kUnits; ++u)
      if (rem[u] > rem[best]) best = u;
    ++n[best];
    rem[best] = -1;
    ++given;
  }
  return n;
}

// A domain acted on (or an expert pulled in for it) while a team case is open is part of that
// case: the person no longer takes it to a door.
void mark_worked(Citizens& c, std::uint32_t i, int domain) {
  if (c.open_units[i] & (1u << kTeam)) c.case_domains[i] |= static_cast<std::uint8_t>(1u << domain);
}

// The team's coverage follows the change process (agents/change_process): it rolls out only
// while the new way of working takes hold. Before any day has run (the constructor) the
// process has not started and coverage is relational.coverage.
double coverage_at(const Config& cfg, std::uint32_t /*tick*/, const ChangeState& s = {}) {
  return change_coverage(cfg, s);
}

}  // namespace

ServiceSystem::ServiceSystem(const Config& cfg, const Place& place, const StaffingPlan* plan)
    : seed_(static_cast<std::uint64_t>(cfg.run.seed)) {
  std::array<std::size_t, kUnits> start{};
  if (plan && plan->valid && cfg.staffing.mode == "from_demand") {
    // Posts from demand (sim/staffing_plan): the same plan, hence the same budget, in every arm.
    plan_ = *plan;
    // The plan's posts are at plan_factor 1; an arm that cuts (or adds to) them says so with
    // its own staffing.plan_factor, applied to the same measured hours.
    for (int u = 0; u < kUnits; ++u) {
      const std::int64_t posts =
          cfg.staffing.plan_factor == 1.0
              ? plan->posts[u]
              : posts_for(plan->hours_per_day[u], cfg.workers.hours_per_day, plan->availability[u],
                          plan->target, cfg.staffing.plan_factor, u != kTeam);
      start[u] = static_cast<std::size_t>(posts);
      base_weight_[u] = static_cast<double>(posts);
    }
  } else {
    const double n = static_cast<double>(place.citizens());
    const auto total = static_cast<std::size_t>(
        std::max<double>(kUnits - 1, std::round(cfg.workers.staff_per_10k * n / 10000.0)));
    start = apportion(total, kStaffWeight);
    base_weight_ = kStaffWeight;
  }
  // Everyone starts in a department or the front door; set_coverage then moves the team's
  // share in, so a team built at day 0 and one built by a transition are made the same way.
  for (auto x : start) plan_total_ += static_cast<std::int64_t>(x);
  // Slots for posts a manager may add within the budget (follow_workload), closed until then.
  std::size_t slots = 0;
  if (cfg.staffing.policy == "follow_workload")
    slots = static_cast<std::size_t>(std::max<double>(
        0, std::ceil(static_cast<double>(plan_total_) * cfg.staffing.budget_factor) -
               static_cast<double>(plan_total_)));
  auto add_worker = [&](int u, bool closed) {
    workers_.unit.push_back(static_cast<std::uint8_t>(u));
    workers_.skills.push_back(unit_kind(u) == UnitKind::Department
                                  ? static_cast<std::uint8_t>(1u << domain_of_dept(u))
                                  : 0);
    workers_.morale.push_back(static_cast<float>(cfg.workers.morale_initial));
    workers_.experience.push_back(0.0f);
    workers_.vacant_until.push_back(closed ? kClosedPost : -1);
    workers_.caseload.push_back(0);
    workers_.hours_left.push_back(0.0f);
    workers_.productivity.push_back(
        static_cast<float>(productivity_from(cfg.workers, cfg.workers.morale_initial)));
    closed_.push_back(closed ? 1 : 0);
  };
  for (int u = 0; u < kUnits; ++u)
    for (std::size_t k = 0; k < start[u]; ++k) add_worker(u, false);
  for (std::size_t k = 0; k < slots; ++k) add_worker(kFrontDoor, true);
  escalated_ema_.fill(-1.0);
  org_.build(kUnits, place.neighbourhoods(), kGroupKinds, workers_.unit);
  rebuild_staff_lists();

  groups_.members.assign(place.neighbourhoods(), {});
  groups_.capacity.resize(place.neighbourhoods());
  for (std::size_t j = 0; j < place.neighbourhoods(); ++j) {
    const double residents = place.nbhd_begin[j + 1] - place.nbhd_begin[j];
    const auto cap = static_cast<std::uint32_t>(
        std::floor(cfg.groups.capacity_per_1k * cfg.groups.funding * residents / 1000.0));
    groups_.capacity[j].fill(cap);
  }
  covered_.assign(place.neighbourhoods(), 0);
  set_coverage(cfg, place, coverage_at(cfg, 0));
}

void ServiceSystem::rebuild_staff_lists() {
  for (auto& s : staff_) s.clear();
  for (std::uint32_t w = 0; w < workers_.size(); ++w)
    if (!closed_[w]) staff_[workers_.unit[w]].push_back(w);
}

std::size_t ServiceSystem::vacancies_in(int unit) const {
  std::size_t n = 0;
  for (auto w : staff_[unit]) n += workers_.vacant_until[w] >= 0;
  return n;
}

std::int64_t ServiceSystem::posts() const {
  std::int64_t n = 0;
  for (const auto& s : staff_) n += static_cast<std::int64_t>(s.size());
  return n;
}

void ServiceSystem::requeue_cases_of(std::int32_t worker) {
  // The person is not dropped: their case goes back to the front of the queue and whoever
  // picks it up starts again (a new worker, a new conversation).
  for (int u = 0; u < kUnits; ++u) {
    UnitState& us = units_[u];
    std::vector<std::uint32_t> back;
    for (auto id : us.active)
      if (cases_.worker[id] == worker && cases_.stage[id] != Stage::Closed) back.push_back(id);
    if (back.empty()) continue;
    us.active.erase(std::remove_if(us.active.begin(), us.active.end(),
                                   [&](std::uint32_t id) { return cases_.worker[id] == worker; }),
                    us.active.end());
    for (auto it = back.rbegin(); it != back.rend(); ++it) {
      cases_.stage[*it] = Stage::Queued;
      cases_.worker[*it] = -1;
      cases_.queued[*it] = requeue_tick_;
      us.queue.push_front(*it);
      ++today_.opened_at[u];  // an arrival again, for the queue's accounting
    }
  }
  workers_.caseload[worker] = 0;
}

void ServiceSystem::set_coverage(const Config& cfg, const Place& place, double coverage) {
  if (coverage == coverage_) return;
  coverage_ = coverage;
  // The most deprived neighbourhoods (highest index) get the team first.
  const std::size_t nb = place.neighbourhoods();
  const auto k = static_cast<std::size_t>(std::round(coverage * static_cast<double>(nb)));
  for (std::size_t j = 0; j < nb; ++j) covered_[j] = j >= nb - k ? 1 : 0;

  const auto total = static_cast<std::size_t>(posts());
  // team_share is a share of the day-0 posts (the plan's under from_demand), so the team's
  // size does not drift with a manager's hires and releases.
  const auto team_target = std::min(total, static_cast<std::size_t>(std::round(
      static_cast<double>(plan_total_) * cfg.relational.team_share * coverage)));
  // The rest keep the day-0 shares; under follow_workload a manager has moved posts since, so
  // the rest keep today's shares instead (a transition does not undo the manager's moves).
  std::array<double, kUnits> wt = base_weight_;
  if (cfg.staffing.policy == "follow_workload")
    for (int u = 0; u < kUnits; ++u) wt[u] = static_cast<double>(staff_[u].size());
  wt[kTeam] = 0;
  auto target = apportion(total - team_target, wt);
  target[kTeam] = team_target;
  // A team with nobody in it cannot be anyone's front door.
  if (target[kTeam] == 0) std::fill(covered_.begin(), covered_.end(), 0);
  // Move workers one at a time from the unit furthest above its target, highest id first:
  // deterministic, and the team gets a mix of generalists and experts.
  for (;;) {
    std::array<std::ptrdiff_t, kUnits> excess{};
    for (int u = 0; u < kUnits; ++u)
      excess[u] = static_cast<std::ptrdiff_t>(staff_[u].size()) - static_cast<std::ptrdiff_t>(target[u]);
    int from = -1, to = -1;
    for (int u = 0; u < kUnits; ++u) {
      if (excess[u] > 0 && (from < 0 || excess[u] > excess[from])) from = u;
      if (excess[u] < 0 && (to < 0 || excess[u] < excess[to])) to = u;
    }
    if (from < 0 || to < 0) break;
    const std::uint32_t w = staff_[from].back();
    requeue_cases_of(static_cast<std::int32_t>(w));
    workers_.unit[w] = static_cast<std::uint8_t>(to);
    org_.move_worker(w, from, to);
    rebuild_staff_lists();
  }
}

std::uint32_t ServiceSystem::open_case(Citizens& c, std::uint32_t i, int unit, int domain,
                                       std::uint32_t tick, bool info) {
  const std::uint32_t id = cases_.add(i, unit, domain, static_cast<std::int32_t>(tick), info);
  units_[unit].queue.push_back(id);
  c.open_units[i] |= static_cast<std::uint16_t>(1u << unit);
  c.services_met[i] |= 1u << unit;
  if (c.waiting_since[i] < 0) c.waiting_since[i] = static_cast<std::int32_t>(tick);
  ++today_.cases_opened;
  ++today_.opened_at[unit];
  return id;
}

void ServiceSystem::start_day(const Config& cfg, std::uint32_t tick) {
  const double H = cfg.workers.hours_per_day;
  for (auto& us : units_) {
    us.day = UnitDay{};
    us.outbox.clear();
    us.closed_today.clear();
  }
  // Decisions of an earlier review whose lag has run out take effect this morning.
  for (std::size_t k = 0; k < pending_.size();) {
    if (pending_[k].day <= tick) {
      carry_out(cfg, pending_[k].change, tick);
      pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(k));
    } else {
      ++k;
    }
  }
  for (std::uint32_t w = 0; w < workers_.size(); ++w) {
    if (closed_[w]) {
      workers_.hours_left[w] = 0;
      continue;
    }
    if (workers_.vacant_until[w] >= 0 && workers_.vacant_until[w] <= static_cast<std::int32_t>(tick)) {
      workers_.vacant_until[w] = -1;
      workers_.morale[w] = static_cast<float>(cfg.workers.morale_initial);
      workers_.experience[w] = 0.0f;
    }
    if (workers_.vacant_until[w] >= 0) {
      workers_.hours_left[w] = 0;
      continue;
    }
    // Motivated staff lose fewer of their paid hours (sickness, disengagement).
    const double available = H * available_share(cfg.workers, workers_.morale[w]);
    // A task that ran over yesterday is finished first (agents/service_context.hpp fits_today).
    workers_.hours_left[w] = static_cast<float>(available) + std::min(0.0f, workers_.hours_left[w]);
    units_[workers_.unit[w]].day.hours[Absence] += H - available;
  }
  coordinate_team(cfg);
}

void ServiceSystem::coordinate_team(const Config& cfg) {
  // A self-managing team has no manager to coordinate it: each worker keeps in step with every
  // colleague of their (sub)team, so the overhead per worker grows with its size. Past
  // team_split_size the team splits (Buurtzorg: 12) and the overhead stays bounded. Only the
  // team pays it: departments are coordinated by their hierarchy, whose cost is already in
  // their rules (recording, escalation, hand-offs).
  const StaffingParams& S = cfg.staffing;
  if (S.coordination_hours_per_colleague <= 0) return;
  std::int64_t n = 0;
  for (auto w : staff_[kTeam]) n += workers_.vacant_until[w] < 0;
  std::int64_t rank = 0;
  for (auto w : staff_[kTeam]) {
    if (workers_.vacant_until[w] >= 0) continue;
    const double h = std::min<double>(
        coordination_hours(rank++, n, S.team_split_size, S.coordination_hours_per_colleague),
        std::max(0.0f, workers_.hours_left[w]));
    workers_.hours_left[w] -= static_cast<float>(h);
    units_[kTeam].day.hours[Coordination] += h;
    team_overhead_ += h;
  }
}

bool ServiceSystem::keep_event_row(const Config& cfg, std::size_t citizens, std::uint32_t tick) {
  if (!cfg.people.event_tables || event_full_from_ >= 0) return false;
  // A hard bound on the tables' memory: past it no row is kept, and the file says from when.
  const double cap = cfg.people.event_rows_per_citizen * static_cast<double>(citizens);
  if (static_cast<double>(contact_log_.size() + pull_log_.size()) < cap) return true;
  event_full_from_ = static_cast<std::int32_t>(tick);
  return false;
}

void ServiceSystem::route(const Config& cfg, const Place& place, Citizens& c, std::uint32_t tick,
                          const std::vector<Contact>& contacts) {
  const std::uint16_t today = day_stamp(tick);
  for (const Contact& ct : contacts) {
    const std::uint32_t i = ct.citizen;
    ++c.contacts[i];
    if (ct.failure || ct.chase) {
      ++today_.contacts_failure;
      ++c.failure_contacts[i];
    } else {
      ++today_.contacts_value;
    }
    if (ct.chase) ++today_.chases;
    const bool repeat = ct.failure && !ct.chase;
    if (repeat) {
      ++today_.repeat;
      c.last_repeat[i] = today;
    }
    // The person's own record of contact, for the windowed measures and for "kept waiting".
    c.recent_contacts[2][i] = c.recent_contacts[1][i];
    c.recent_contacts[1][i] = c.recent_contacts[0][i];
    c.recent_contacts[0][i] = today;
    c.last_seen[i] = today;

    const bool team = covered_[place.nbhd_of[i]] != 0;
    const int door = team ? kTeam : kFrontDoor;
    int to = door;
    const int holder = ct.crisis ? case_holder(c, i, ct.domain) : -1;
    if (holder >= 0) {
      // A crisis call from a person whose case is open goes to the unit holding it (the unit
      // rules spend triage time on it and bring the next visit forward).
      to = holder;
      units_[holder].contacts.push_back(ct);
    } else if (ct.chase) {
      units_[door].contacts.push_back(ct);
    } else {
      // Another door: a person whose case owner could take this need (the team owns the whole
      // journey) may still take it elsewhere, as people do who know the old doors.
      bool front = !team;
      if (team && (c.open_units[i] & (1u << kTeam)))
        front = Stream(seed_, i, tick, Purpose::OtherDoor).bernoulli(cfg.people.other_door_prob);
      if (!front) {
        if (!(c.open_units[i] & (1u << kTeam))) {
          open_case(c, i, kTeam, ct.domain, tick, true);
          c.case_domains[i] = 0;
        } else {
          units_[kTeam].contacts.push_back(ct);  // the person tells the team that owns the case
        }
        c.case_domains[i] |= static_cast<std::uint8_t>(1u << ct.domain);
      } else {
        to = kFrontDoor;
        // Reserve the department so the person does not call again while being routed.
        c.open_units[i] |= static_cast<std::uint16_t>(1u << dept_of(ct.domain));
        if (c.waiting_since[i] < 0) c.waiting_since[i] = static_cast<std::int32_t>(tick);
        units_[kFrontDoor].contacts.push_back(ct);
      }
    }
    c.services_met[i] |= 1u << to;
    if (keep_event_row(cfg, c.n, tick)) {
      std::uint8_t kind = ct.chase ? ContactRow::kChase : repeat ? ContactRow::kRepeat : ContactRow::kValue;
      if (ct.crisis) kind |= ContactRow::kCrisisBit;
      contact_log_.push_back({i, static_cast<std::uint16_t>(tick), static_cast<std::uint8_t>(to), kind});
    }
  }
}

void ServiceSystem::apply(const Config& cfg, const Place& place, Citizens& c, std::uint32_t tick) {
  const auto t = static_cast<std::int32_t>(tick);
  const std::uint16_t today = day_stamp(tick);
  for (int u = 0; u < kUnits; ++u) {
    for (const Msg& m : units_[u].outbox) {
      const std::uint32_t i = m.citizen;
      switch (m.kind) {
        case MsgKind::NeedScale:
          c.need[m.domain][i] *= m.value;
          mark_worked(c, i, m.domain);
          break;
        case MsgKind::CauseScale:
          c.cause[m.domain][i] *= m.value;
          mark_worked(c, i, m.domain);
          break;
        case MsgKind::Trust: c.trust[i] = std::clamp(c.trust[i] + m.value, 0.0f, 1.0f); break;
        case MsgKind::Assessed: ++c.assessments[i]; break;
        case MsgKind::MetWorker: ++c.workers_met[i]; break;
        case MsgKind::Hours:
          c.staff_hours[i] += m.value;
          c.cost[i] += static_cast<double>(m.value) * cfg.workers.hourly_cost;
          // Staff time spent with the person is a service met (a pulled expert included) and
          // contact with services (for chasing and for "back in balance").
          c.services_met[i] |= 1u << u;
          c.last_met[u][i] = today;
          c.last_seen[i] = today;
          break;
        case MsgKind::Spend: c.cost[i] += m.value; break;
        case MsgKind::JoinGroup: {
          const std::uint32_t j = place.nbhd_of[i];
          const int g = m.domain;
          if (c.groups[i] & (1u << g)) break;
          if (groups_.members[j][g] >= groups_.capacity[j][g]) {
            ++today_.group_full;
            break;
          }
          c.groups[i] |= static_cast<std::uint8_t>(1u << g);
          ++groups_.members[j][g];
          ++today_.group_joins;
          org_.collaborate_group(u, j, g, 0.02f);
          break;
        }
        case MsgKind::CaseClosed: {
          c.open_units[i] &= static_cast<std::uint16_t>(~(1u << m.unit));
          if (m.unit == kTeam) c.case_domains[i] = 0;
          // Coming back about the problem the case was about, or about any need the person
          // still had above their help-seeking threshold when the service let them go, is
          // failure demand: the service saw them and left it undone.
          auto bits = static_cast<std::uint8_t>(m.value);
          for (int d = 0; d < kDomains; ++d)
            if (c.need[d][i] >= c.help_threshold[i]) bits |= static_cast<std::uint8_t>(1u << d);
          for (int d = 0; d < kDomains; ++d)
            if (bits & (1u << d)) c.last_closed[d][i] = t;
          if (c.open_units[i] == 0) c.waiting_since[i] = -1;
          break;
        }
        case MsgKind::Referral: {
          const auto flags = static_cast<unsigned>(m.value);
          const bool reserved = flags & 2u;
          if (!reserved && (c.open_units[i] & (1u << m.unit))) {
            ++today_.referrals_dropped;  // already open there: nothing new to do
            break;
          }
          ++c.referrals[i];
          open_case(c, i, m.unit, m.domain, tick, flags & 1u);
          if (u != m.unit) org_.collaborate_units(u, m.unit, (flags & 1u) ? 0.01f : 0.0f);
          break;
        }
        case MsgKind::Unreserve:
          c.open_units[i] &= static_cast<std::uint16_t>(~(1u << m.unit));
          if (c.open_units[i] == 0) c.waiting_since[i] = -1;
          break;
        case MsgKind::Lost:
          ++c.referrals[i];
          c.trust[i] = std::clamp(c.trust[i] + m.value, 0.0f, 1.0f);
          c.last_closed[m.domain][i] = t;  // coming back after being lost is failure demand
          if (u != m.unit) org_.collaborate_units(u, m.unit, -0.05f);
          break;
        case MsgKind::Pull:
          // A pull is a request to another service, so it counts as a referral for the
          // person, but it needs no new assessment and no threshold.
          ++c.referrals[i];
          units_[m.unit].pulls.push_back({i, m.domain, t, m.value > 0.5f, static_cast<std::uint8_t>(u)});
          c.pull_pending[i] |= static_cast<std::uint8_t>(1u << m.domain);
          mark_worked(c, i, m.domain);
          if (keep_event_row(cfg, c.n, tick))
            pull_log_.push_back({i, static_cast<std::uint16_t>(tick), m.unit, m.domain});
          org_.collaborate_units(u, m.unit, 0.02f);
          break;
        case MsgKind::Started:
          c.waiting_since[i] = -1;
          break;
        case MsgKind::PullServed:
          c.pull_pending[i] &= static_cast<std::uint8_t>(~(1u << m.domain));
          break;
      }
    }
    for (const auto& cc : units_[u].closed_today) journeys_.push_back(cc);
  }
}

void ServiceSystem::staff_dynamics(const Config& cfg, std::uint32_t tick) {
  const WorkerParams& W = cfg.workers;
  // A unit's recent share of closures that left the person better, and of its decisions that
  // went up the hierarchy (20-day moving averages; the latter starts at its first value).
  for (int u = 0; u < kUnits; ++u) {
    UnitState& us = units_[u];
    if (us.day.closed > 0)
      us.resolved_ema += 0.05 * (static_cast<double>(us.day.resolved) / us.day.closed - us.resolved_ema);
    if (us.day.decisions > 0) {
      const double share = static_cast<double>(us.day.escalated) / us.day.decisions;
      escalated_ema_[u] = escalated_ema_[u] < 0 ? share : escalated_ema_[u] + 0.05 * (share - escalated_ema_[u]);
    }
  }
  for (std::uint32_t w = 0; w < workers_.size(); ++w) {
    if (workers_.vacant_until[w] >= 0) continue;
    const int u = workers_.unit[w];
    const UnitState& us = units_[u];
    const double staff = std::max<std::size_t>(1, staff_[u].size());
    const double overload = std::min(1.0, static_cast<double>(us.queue.size() + us.contacts.size()) / (5.0 * staff));
    // Autonomy is what the unit's workers experienced: the realised share of their decisions
    // escalated (none taken yet: nothing was taken away from them).
    const double autonomy = 1.0 - std::max(0.0, escalated_ema_[u]);
    // Morale follows the work: seeing people helped, deciding within the work, not drowning.
    const double setpoint = std::clamp(0.3 + 0.4 * us.resolved_ema + 0.3 * autonomy - 0.3 * overload, 0.0, 1.0);
    workers_.morale[w] += static_cast<float>(0.01 * (setpoint - workers_.morale[w]));
    workers_.productivity[w] = static_cast<float>(productivity_from(W, workers_.morale[w]));
    Stream s(seed_, w, tick, Purpose::Morale);
    const double p = W.attrition_rate / 365.0 * (1.5 - workers_.morale[w]);
    if (s.bernoulli(p)) {
      ++today_.staff_left;
      requeue_cases_of(static_cast<std::int32_t>(w));
      workers_.vacant_until[w] = static_cast<std::int32_t>(tick + std::max(1.0, W.hire_delay));
    }
  }
  review_staffing(cfg, tick);
}

void ServiceSystem::review_staffing(const Config& cfg, std::uint32_t tick) {
  const StaffingParams& S = cfg.staffing;
  if (S.policy != "follow_workload") return;
  // What the manager sees: hours worked and hours available (worked + idle) per post since the
  // last review.
  for (int u = 0; u < kUnits; ++u) {
    const UnitDay& d = units_[u].day;
    double worked = 0;
    for (int a = 0; a < kActivities; ++a)
      if (a != Idle && a != Absence) worked += d.hours[a];
    rev_worked_[u] += worked;
    rev_avail_[u] += worked + d.hours[Idle];
    // Hours available per post in post: a vacancy being filled is already one of the unit's
    // posts, so counting it here as a post with no hours would make every hire look short and
    // the manager would hire again before the first hire arrives (hire_delay > review_days).
    rev_post_days_[u] += static_cast<double>(staff_[u].size() - vacancies_in(u));
    rev_started_[u] += d.started;
    if (rev_days_ == 0) rev_queue_start_[u] = static_cast<double>(units_[u].queue.size());
  }
  ++rev_days_;
  const auto every = static_cast<std::uint32_t>(std::max(1.0, S.review_days));
  if ((tick + 1) % every != 0) return;
  std::array<std::int64_t, kUnits> posts{}, floor_posts{};
  std::array<double, kUnits> worked{}, available{};
  const bool team_serves = std::any_of(covered_.begin(), covered_.end(), [](auto x) { return x != 0; });
  for (int u = 0; u < kUnits; ++u) {
    posts[u] = static_cast<std::int64_t>(staff_[u].size());
    // The workload is the work done plus the work left waiting: hours worked, the queue's
    // growth, and the standing queue to be cleared by the next review, each case valued at
    // the hours a case took this period. A unit that cannot keep up shows it in its queue even
    // when its hours cannot be packed fuller (a task must fit in a worker's day).
    const double days = static_cast<double>(rev_days_);
    const double per_case = rev_started_[u] > 0 ? rev_worked_[u] / rev_started_[u] : 0.0;
    const double q_end = static_cast<double>(units_[u].queue.size());
    const double backlog = std::max(0.0, (q_end - rev_queue_start_[u]) / days + q_end / every);
    // Expert requests waiting are work too, valued at the hours the asking design gives a
    // pull: a department that serves mostly pulls starts few cases of its own, so per_case
    // alone would leave its queue of requests invisible to the manager.
    double pull_backlog = 0;  // hours of requests and calls waiting
    for (const Pull& p : units_[u].pulls) {
      const DesignRules& R = unit_kind(p.from) == UnitKind::Team ? static_cast<const DesignRules&>(cfg.relational)
                                                                 : static_cast<const DesignRules&>(cfg.silo);
      pull_backlog += R.pull_hours * (1 + R.recording_share);
    }
    // So are calls waiting to be taken (the front door's whole work, chasing at any unit).
    for (const Contact& ct : units_[u].contacts)
      pull_backlog += (u == kFrontDoor && !ct.chase) ? cfg.silo.triage_hours : cfg.mechanics.contact_hours;
    worked[u] = rev_worked_[u] / days + per_case * backlog + pull_backlog / every;
    available[u] = rev_post_days_[u] > 0 ? rev_avail_[u] / rev_post_days_[u] : 0.0;
    // Every service keeps one post; the team keeps one while it is anyone's front door.
    floor_posts[u] = u == kTeam ? (team_serves ? 1 : 0) : 1;
  }
  const auto budget = static_cast<std::int64_t>(std::floor(static_cast<double>(plan_total_) * S.budget_factor + 1e-9));
  const auto change = review_posts(posts, worked, available, floor_posts, S.target_utilisation,
                                   S.adjust_share, budget);
  pending_.push_back({tick + 1 + static_cast<std::uint32_t>(std::max(0.0, S.move_lag_days)), change});
  rev_worked_.fill(0);
  rev_avail_.fill(0);
  rev_post_days_.fill(0);
  rev_started_.fill(0);
  rev_days_ = 0;
}

void ServiceSystem::carry_out(const Config& cfg, const std::array<std::int64_t, kUnits>& change,
                              std::uint32_t tick) {
  std::array<std::int64_t, kUnits> give{}, take{};
  for (int u = 0; u < kUnits; ++u) {
    // Never below one post where one is kept (the unit may have shrunk since the review).
    const auto have = static_cast<std::int64_t>(staff_[u].size());
    if (change[u] < 0) give[u] = std::min(-change[u], std::max<std::int64_t>(0, have - 1));
    if (change[u] > 0) take[u] = change[u];
  }
  int to = 0;
  for (int u = 0; u < kUnits; ++u) {
    while (give[u] > 0) {
      // The post to give up: a vacant one first (nobody has to move), else the newest.
      std::uint32_t w = staff_[u].back();
      for (auto it = staff_[u].rbegin(); it != staff_[u].rend(); ++it)
        if (workers_.vacant_until[*it] >= 0) {
          w = *it;
          break;
        }
      --give[u];
      requeue_cases_of(static_cast<std::int32_t>(w));
      while (to < kUnits && take[to] == 0) ++to;
      if (to < kUnits) {
        // Moved to a busier unit: the person keeps their skills and experience.
        --take[to];
        workers_.unit[w] = static_cast<std::uint8_t>(to);
        org_.move_worker(w, u, to);
      } else {
        // Released: hours no unit needs (a closed post, kept as a slot for a later hire).
        closed_[w] = 1;
        workers_.vacant_until[w] = kClosedPost;
      }
      rebuild_staff_lists();
    }
  }
  // The rest are new posts within the budget: a vacancy to fill, hired for the unit's work.
  for (int u = 0; u < kUnits; ++u)
    for (; take[u] > 0; --take[u]) {
      std::uint32_t w = 0;
      while (w < workers_.size() && !closed_[w]) ++w;
      if (w == workers_.size()) break;  // no slot: the budget is spent
      closed_[w] = 0;
      org_.move_worker(w, workers_.unit[w], u);
      workers_.unit[w] = static_cast<std::uint8_t>(u);
      workers_.skills[w] = unit_kind(u) == UnitKind::Department
                               ? static_cast<std::uint8_t>(1u << domain_of_dept(u))
                               : 0;
      workers_.morale[w] = static_cast<float>(cfg.workers.morale_initial);
      workers_.experience[w] = 0.0f;
      workers_.caseload[w] = 0;
      workers_.vacant_until[w] = static_cast<std::int32_t>(tick + std::max(1.0, cfg.workers.hire_delay));
      rebuild_staff_lists();
    }
}

const Config& ServiceSystem::rules_today(const Config& cfg, std::uint32_t tick) {
  // The change process moves on yesterday's results, then today's rules follow from it.
  ChangeInputs in;
  in.team_morale = cfg.workers.morale_initial;
  std::size_t n = 0;
  double m = 0;
  for (auto w : staff_[kTeam])
    if (workers_.vacant_until[w] < 0) m += workers_.morale[w], ++n;
  if (n > 0) in.team_morale = m / static_cast<double>(n);
  in.team_resolved = units_[kTeam].resolved_ema;
  double dept = 0;
  for (int u = 1; u < kTeam; ++u) dept += units_[u].resolved_ema;
  in.dept_resolved = dept / (kTeam - 1);
  in.unit_cost_rise = commissioner_.unit_cost_rise;
  change_day(cfg, change_, in, seed_, tick);
  rules_ = effective_config(cfg, change_);
  return rules_;
}

void ServiceSystem::prevent_and_review(const Config& cfg, const Place& place, Citizens& c,
                                       std::uint32_t tick) {
  prevention_today_ = outreach_day(cfg, seed_, tick, place, c, groups_, outreach_carry_);
  // A learning commissioner funds relationships: trust between services recovers.
  if (style_of(cfg) == CommissioningStyle::Learning)
    org_.relax_unit_trust(static_cast<float>(cfg.commissioning.learning_tie_trust),
                          static_cast<float>(cfg.commissioning.learning_tie_rate));
  double paid = 0, spend = 0, closed = 0;
  for (const UnitState& us : units_) {
    for (double h : us.day.hours) paid += h;
    spend += us.day.spend;
    closed += us.day.closed;
  }
  spend += paid * cfg.workers.hourly_cost + prevention_today_.cost;
  commissioner_day(cfg, commissioner_, change_, spend, closed, c, tick);
}

void ServiceSystem::day(const Config& cfg_in, const Place& place, Citizens& c, std::uint32_t tick,
                        const std::vector<Contact>& contacts) {
  const Config& cfg = rules_today(cfg_in, tick);
  today_ = ServiceDay{};
  requeue_tick_ = static_cast<std::int32_t>(tick);
  // Funding can change on a day, so room in groups follows it.
  for (std::size_t j = 0; j < place.neighbourhoods(); ++j) {
    const double residents = place.nbhd_begin[j + 1] - place.nbhd_begin[j];
    groups_.capacity[j].fill(static_cast<std::uint32_t>(
        std::floor(cfg.groups.capacity_per_1k * cfg.groups.funding * residents / 1000.0)));
  }
  // Group sizes after today's leavers (decided per person in the demand step).
  for (auto& m : groups_.members) m.fill(0);
  for (std::uint32_t i = 0; i < c.n; ++i)
    if (c.groups[i])
      for (int k = 0; k < kGroupKinds; ++k)
        if (c.groups[i] & (1u << k)) ++groups_.members[place.nbhd_of[i]][k];
  set_coverage(cfg, place, coverage_at(cfg, tick, change_));
  start_day(cfg, tick);
  route(cfg, place, c, tick, contacts);

  double team_exp = 0;
  for (auto w : staff_[kTeam]) team_exp += workers_.experience[w];
  team_exp = staff_[kTeam].empty() ? 0 : team_exp / static_cast<double>(staff_[kTeam].size());

  std::array<std::size_t, kUnits> staffed{};
  for (int u = 0; u < kUnits; ++u)
    for (auto w : staff_[u]) staffed[u] += workers_.vacant_until[w] < 0;
  // Units work in parallel: each writes only its own cases, workers and outbox.
  tbb::parallel_for(0, kUnits, [&](int u) {
    UnitContext cx{cfg, seed_, tick, c, cases_, workers_, staff_[u], team_exp, staffed, org_};
    UnitState& us = units_[u];
    switch (unit_kind(u)) {
      case UnitKind::FrontDoor: front_door_day(cx, us); break;
      case UnitKind::Department: department_day(cx, us, u); break;
      case UnitKind::Team: team_day(cx, us); break;
    }
    for (auto w : staff_[u]) {
      if (workers_.vacant_until[w] >= 0) continue;
      us.day.hours[Idle] += std::max(0.0f, workers_.hours_left[w]);
    }
  });
  apply(cfg, place, c, tick);
  staff_dynamics(cfg, tick);
  prevent_and_review(cfg, place, c, tick);
}

}  // namespace placesim
