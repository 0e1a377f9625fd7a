#include "sim/service_observer.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <bit>

namespace placesim {

ServiceObserver::ServiceObserver(const Model&, Recorder& r) {
  contacts_value_ = r.declare("contacts_value", "contact per day",
                              "Contacts that were new requests (value demand, Vanguard method).");
  contacts_failure_ = r.declare("contacts_failure", "contact per day",
                                "Contacts caused by a failure to do something or to do it right: "
                                "chasing, or coming back within demand.failure_window days about "
                                "a domain a service left undone (its case closed, a case closed "
                                "while that need was above the person's help threshold, or its "
                                "referral was lost).");
  failure_share_ = r.declare("failure_demand_share", "share 0-1",
                             "Failure demand as a share of all contacts that day (0 when none).");
  repeat_ = r.declare("repeat_contacts", "contact per day",
                      "Contacts coming back with an unresolved problem (failure demand, not chasing).");
  chases_ = r.declare("chasing_contacts", "contact per day", "Contacts chasing a case that has not started.");
  opened_ = r.declare("cases_opened", "case per day", "Cases opened at any unit.");
  closed_ = r.declare("cases_closed", "case per day", "Cases closed at any unit.");
  open_ = r.declare("cases_open", "case", "Cases open (waiting or being worked) at the end of the day.");
  queue_ = r.declare("queue_length", "case", "Cases and contacts waiting for a worker at the end of the day.");
  wait_ = r.declare("mean_wait", "day", "Mean wait of the cases a worker started today (0 if none).");
  assessments_ = r.declare("assessments", "assessment per day",
                           "Assessments done (a department's full assessment, or the team's one "
                           "understanding conversation).");
  referrals_ = r.declare("referrals", "referral per day", "Hand-offs from one unit to another.");
  lost_ = r.declare("handoffs_lost", "referral per day", "Hand-offs that never arrived.");
  info_share_ = r.declare("info_shared_share", "share 0-1",
                          "Share of arrived hand-offs where information travelled with the person "
                          "(no story told again); 0 when there were none.");
  pulls_ = r.declare("expert_pulls", "pull per day", "Expert time pulled into a team case, no assessment.");
  intros_ = r.declare("warm_introductions", "introduction per day", "Warm introductions to a community group.");
  signposts_ = r.declare("signposts", "signpost per day", "People signposted to a community group.");
  members_ = r.declare("group_members", "membership", "Voluntary-group memberships.");
  for (int a = 0; a < kActivities; ++a)
    hours_[a] = r.declare(std::string("hours_") + kActivityNames[a], "hour per day",
                          std::string("Staff hours spent on ") + kActivityNames[a] + " today.");
  f2f_share_ = r.declare("face_to_face_share", "share 0-1",
                         "Time with the person (face-to-face work and assessment conversations) "
                         "over hours worked (all but absence and idle).");
  service_cost_ = r.declare("service_cost", "GBP per day",
                            "Cost of staff hours worked on people (hours worked x hourly cost).");
  staff_cost_ = r.declare("staff_cost", "GBP per day", "Cost of all paid staff hours, idle included.");
  staff_in_post_ = r.declare("staff_in_post", "worker", "Posts filled.");
  staff_left_ = r.declare("staff_left", "worker per day", "Workers who left today.");
  morale_ = r.declare("morale_mean", "index 0-1", "Mean morale of staff in post.");
  experience_ = r.declare("experience_mean", "index 0-1", "Mean experience (learning) of staff in post.");
  coverage_ = r.declare("team_coverage", "share 0-1", "Share of neighbourhoods whose front door is the team.");
  team_staff_ = r.declare("team_staff", "worker", "Workers in the relational team.");
  frontline_ = r.declare("frontline_decision_share", "share 0-1",
                         "Decisions made in the work rather than escalated (1 when none were made).");
  coproduction_ = r.declare("coproduction_share", "share 0-1",
                            "Decisions taken with the person (co-produced) over all decisions "
                            "taken that day; 0 when none were taken.");
  density_ = r.declare("collab_density", "share 0-1",
                       "Active unit-unit and unit-group ties over possible ones (organisational network).");
  collab_trust_ = r.declare("collab_trust", "index 0-1", "Mean trust on active collaboration ties.");
  group_reach_ = r.declare("group_reach", "share 0-1", "Share of voluntary groups tied to a service unit.");
  multi_agency_ = r.declare("multi_agency_people", "person",
                            "People with at least 3 contacts over the run who have met at least 3 "
                            "distinct units (a unit is met when it routes their contact, opens "
                            "their case or spends staff time with them, a pulled expert "
                            "included). Cumulative: it can never fall; see multi_agency_people_90d.");
  for (std::size_t k = 0; k < kWindows.size(); ++k) {
    const std::string w = std::to_string(kWindows[k]);
    multi_agency_w_[k] = r.declare(
        "multi_agency_people_" + w + "d", "person",
        "People who made at least 3 contacts in the last " + w +
            " days (today included) and met at least 3 distinct units in them (a unit is met "
            "on a day it spent staff time with the person; a pulled expert counts).");
    repeat_w_[k] = r.declare("repeat_contacts_" + w + "d", "contact",
                             "Repeat contacts (repeat_contacts) summed over the last " + w +
                                 " days, today included.");
    repeat_people_w_[k] = r.declare("repeat_people_" + w + "d", "person",
                                    "People who made at least one repeat contact in the last " +
                                        w + " days, today included.");
    cost_w_[k] = r.declare("cost_" + w + "d", "GBP",
                           "Cost to the public purse over the last " + w +
                               " days, today included: paid staff hours (staff_cost), "
                               "discretionary spend and reactive crisis cost (crisis_cost).");
  }
  helped_ = r.declare("helped_to_balance", "person per day",
                      "People judged back in balance today: no open case, their last contact "
                      "with services exactly people.balance_after_days ago (none since), and "
                      "every need below their help-seeking threshold. The same test in every "
                      "design; it does not read any case outcome.");
  helped_people_ = r.declare("helped_to_balance_people", "person",
                             "Distinct people judged back in balance at least once so far "
                             "(cumulative helped_to_balance, each person once).");
  resolved_ = r.declare("cases_resolved", "case per day",
                        "Cases closed with the need resolved (below the threshold or back in balance).");
  transactions_ = r.declare("transactions", "request per day",
                            "Simple requests resolved by the front door's standard transaction.");
  spend_ = r.declare("discretionary_spend", "GBP per day",
                     "Money spent from the team's discretionary budgets on practical help.");
  u_hours_ = r.declare_unit("hours_worked", "hour per day", "Staff hours worked (not idle, not absent).");
  u_queue_ = r.declare_unit("queue_length", "case",
                            "Cases waiting for a worker at the unit at the end of the day "
                            "(contacts waiting at the front door are in contacts_waiting).");
  u_contacts_ = r.declare_unit("contacts_waiting", "contact",
                               "Contacts waiting to be handled at the unit at the end of the day.");
  u_staff_ = r.declare_unit("staff", "worker", "Posts in the unit (filled or vacant).");
  u_vacancies_ = r.declare_unit("vacancies", "worker",
                                "Posts of the unit vacant today (being recruited; staffing.* and workers.hire_delay).");
  u_cost_ = r.declare_unit("cost", "GBP per day", "Paid staff hours of the unit x hourly cost.");
  u_closed_ = r.declare_unit("cases_closed", "case per day", "Cases the unit closed.");
  u_opened_ = r.declare_unit("cases_opened", "case per day",
                             "Cases that joined the unit's queue today (its arrivals).");
  u_started_ = r.declare_unit("cases_started", "case per day", "Cases a worker of the unit started today.");
  u_wait_sum_ = r.declare_unit("wait_sum", "day",
                               "Sum of the waits (start day - open day) of the cases started today.");
}

void ServiceObserver::observe(const Model& m, const Citizens& c, const ServiceSystem& s,
                              Recorder& r) const {
  const ServiceDay& t = s.today();
  // Runs after the life observer has stamped today's tick.
  const double hourly = m.stage_at(static_cast<std::uint32_t>(r.ticks.back())).cfg.workers.hourly_cost;
  UnitDay sum;
  std::vector<double> u_hours(kUnits), u_queue(kUnits), u_staff(kUnits), u_cost(kUnits), u_closed(kUnits),
      u_opened(kUnits), u_started(kUnits), u_wait(kUnits), u_contacts(kUnits), u_vacancies(kUnits);
  std::size_t queued = 0, active = 0;
  for (int u = 0; u < kUnits; ++u) {
    const UnitState& us = s.units()[u];
    const UnitDay& d = us.day;
    double worked = 0, paid = 0;
    for (int a = 0; a < kActivities; ++a) {
      sum.hours[a] += d.hours[a];
      paid += d.hours[a];
      if (a != Idle && a != Absence) worked += d.hours[a];
    }
    sum.assessments += d.assessments;
    sum.referrals += d.referrals;
    sum.lost += d.lost;
    sum.info_travelled += d.info_travelled;
    sum.closed += d.closed;
    sum.resolved += d.resolved;
    sum.started += d.started;
    sum.decisions += d.decisions;
    sum.escalated += d.escalated;
    sum.coproduced += d.coproduced;
    sum.actions += d.actions;
    sum.pulls += d.pulls;
    sum.intros += d.intros;
    sum.signposts += d.signposts;
    sum.transactions += d.transactions;
    sum.spend += d.spend;
    sum.wait_days_started += d.wait_days_started;
    queued += us.queue.size() + us.contacts.size();
    active += us.active.size();
    u_hours[u] = worked;
    u_queue[u] = static_cast<double>(us.queue.size());
    u_staff[u] = static_cast<double>(s.staff_in(u));
    u_vacancies[u] = static_cast<double>(s.vacancies_in(u));
    u_cost[u] = paid * hourly;
    u_closed[u] = d.closed;
    u_opened[u] = static_cast<double>(t.opened_at[u]);
    u_contacts[u] = static_cast<double>(us.contacts.size());
    u_started[u] = d.started;
    u_wait[u] = d.wait_days_started;
  }
  const double contacts = static_cast<double>(t.contacts_value + t.contacts_failure);
  r.push(contacts_value_, static_cast<double>(t.contacts_value));
  r.push(contacts_failure_, static_cast<double>(t.contacts_failure));
  r.push(failure_share_, contacts > 0 ? t.contacts_failure / contacts : 0.0);
  r.push(repeat_, static_cast<double>(t.repeat));
  r.push(chases_, static_cast<double>(t.chases));
  r.push(opened_, static_cast<double>(t.cases_opened));
  r.push(closed_, sum.closed);
  r.push(open_, static_cast<double>(queued - 0 + active));
  r.push(queue_, static_cast<double>(queued));
  r.push(wait_, sum.started > 0 ? sum.wait_days_started / sum.started : 0.0);
  r.push(assessments_, sum.assessments);
  r.push(referrals_, sum.referrals);
  r.push(lost_, sum.lost);
  const double arrived = static_cast<double>(sum.referrals) - sum.lost;
  r.push(info_share_, arrived > 0 ? sum.info_travelled / arrived : 0.0);
  r.push(pulls_, sum.pulls);
  r.push(intros_, sum.intros);
  r.push(signposts_, sum.signposts);
  double members = 0;
  for (const auto& row : s.groups().members)
    for (auto x : row) members += x;
  r.push(members_, members);
  double worked = 0, paid = 0;
  for (int a = 0; a < kActivities; ++a) {
    r.push(hours_[a], sum.hours[a]);
    paid += sum.hours[a];
    if (a != Idle && a != Absence) worked += sum.hours[a];
  }
  r.push(f2f_share_, worked > 0 ? (sum.hours[FaceToFace] + sum.hours[Assessment]) / worked : 0.0);
  r.push(service_cost_, worked * hourly);
  r.push(spend_, sum.spend);
  r.push(staff_cost_, paid * hourly);

  const Workers& w = s.workers();
  double in_post = 0, morale = 0, exp = 0;
  for (std::size_t k = 0; k < w.size(); ++k) {
    if (w.vacant_until[k] >= 0) continue;
    in_post += 1;
    morale += w.morale[k];
    exp += w.experience[k];
  }
  r.push(staff_in_post_, in_post);
  r.push(staff_left_, static_cast<double>(t.staff_left));
  r.push(morale_, in_post > 0 ? morale / in_post : 0.0);
  r.push(experience_, in_post > 0 ? exp / in_post : 0.0);
  r.push(coverage_, s.coverage());
  r.push(team_staff_, static_cast<double>(s.staff_in(kTeam)));
  r.push(frontline_, sum.decisions > 0 ? 1.0 - static_cast<double>(sum.escalated) / sum.decisions : 1.0);
  // A plain ratio of two counts of the same decisions: never clamped, never set.
  r.push(coproduction_, sum.decisions > 0 ? static_cast<double>(sum.coproduced) / sum.decisions : 0.0);
  const OrgHealth h = s.org().health();
  r.push(density_, h.density);
  r.push(collab_trust_, h.mean_trust);
  r.push(group_reach_, h.group_reach);

  // People going round several agencies, and people back in balance: a reduction over
  // citizens in fixed chunks, summed in chunk order.
  const auto tick = static_cast<std::uint32_t>(r.ticks.back());
  struct People {
    std::uint64_t multi = 0, helped = 0, helped_ever = 0;
    std::array<std::uint64_t, 2> multi_w{}, repeat_w{};
  };
  std::vector<People> part(m.chunks.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, m.chunks.size()),
                    [&](const tbb::blocked_range<std::size_t>& rg) {
                      for (std::size_t k = rg.begin(); k < rg.end(); ++k) {
                        People p;
                        for (auto i = m.chunks[k].begin; i < m.chunks[k].end; ++i) {
                          p.multi += c.contacts[i] >= 3 && std::popcount(c.services_met[i]) >= 3;
                          p.helped += (c.balance[i] & Citizens::kBalancedToday) != 0;
                          p.helped_ever += (c.balance[i] & Citizens::kBalancedEver) != 0;
                          for (std::size_t w = 0; w < kWindows.size(); ++w) {
                            p.repeat_w[w] += within(c.last_repeat[i], tick, kWindows[w]);
                            // Third most recent contact inside the window: at least 3 in it.
                            if (!within(c.recent_contacts[2][i], tick, kWindows[w])) continue;
                            int met = 0;
                            for (int u = 0; u < kUnits; ++u) met += within(c.last_met[u][i], tick, kWindows[w]);
                            p.multi_w[w] += met >= 3;
                          }
                        }
                        part[k] = p;
                      }
                    });
  People all;
  for (const People& p : part) {
    all.multi += p.multi;
    all.helped += p.helped;
    all.helped_ever += p.helped_ever;
    for (std::size_t w = 0; w < kWindows.size(); ++w) {
      all.multi_w[w] += p.multi_w[w];
      all.repeat_w[w] += p.repeat_w[w];
    }
  }
  r.push(multi_agency_, static_cast<double>(all.multi));
  r.push(helped_, static_cast<double>(all.helped));
  r.push(helped_people_, static_cast<double>(all.helped_ever));
  // Rolling sums of daily flows, from the recorded series themselves (today's values are
  // pushed above, and the life observer has pushed today's crisis cost).
  const auto& staff = r.place_data()[staff_cost_];
  const auto& spend = r.place_data()[spend_];
  const auto& crisis = r.series("crisis_cost");
  const auto& repeats = r.place_data()[repeat_];
  for (std::size_t w = 0; w < kWindows.size(); ++w) {
    r.push(multi_agency_w_[w], static_cast<double>(all.multi_w[w]));
    r.push(repeat_people_w_[w], static_cast<double>(all.repeat_w[w]));
    const std::size_t n = staff.size(), from = n > kWindows[w] ? n - kWindows[w] : 0;
    double cost = 0, rep = 0;
    for (std::size_t d = from; d < n; ++d) {
      cost += staff[d] + spend[d] + crisis[d];
      rep += repeats[d];
    }
    r.push(repeat_w_[w], rep);
    r.push(cost_w_[w], cost);
  }
  r.push(resolved_, sum.resolved);
  r.push(transactions_, sum.transactions);

  r.push_unit(u_hours_, u_hours);
  r.push_unit(u_queue_, u_queue);
  r.push_unit(u_contacts_, u_contacts);
  r.push_unit(u_staff_, u_staff);
  r.push_unit(u_vacancies_, u_vacancies);
  r.push_unit(u_cost_, u_cost);
  r.push_unit(u_closed_, u_closed);
  r.push_unit(u_opened_, u_opened);
  r.push_unit(u_started_, u_started);
  r.push_unit(u_wait_sum_, u_wait);
}

}  // namespace placesim
