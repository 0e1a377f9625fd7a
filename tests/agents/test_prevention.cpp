// Prevention (issue 10, item 5): outreach to people who have not asked for help, in either
// design; the commissioner's budget rule. The outcome tests compare runs on the same seed, so
// the only difference is the lever (common random numbers).
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "agents/commissioner.hpp"
#include "agents/prevention.hpp"
#include "agents/service_state.hpp"
#include "core/config.hpp"
#include "sim/param_registry.hpp"
#include "sim/simulation.hpp"

using namespace placesim;

namespace {

Config place_cfg(std::int64_t days, std::int64_t seed = 3) {
  Config cfg;
  cfg.place.citizens = 8000;
  cfg.place.neighbourhoods = 10;
  cfg.run.days = days;
  cfg.run.seed = seed;
  cfg.run.threads = 1;
  return cfg;
}

double sum_between(const Recorder& r, const std::string& name, std::size_t from, std::size_t to) {
  const auto& s = r.series(name);
  return std::accumulate(s.begin() + static_cast<std::ptrdiff_t>(from),
                         s.begin() + static_cast<std::ptrdiff_t>(std::min(to, s.size())), 0.0);
}

Recorder run(const Config& cfg, const std::vector<ConfigStage>& later = {}) {
  Simulation sim(cfg, later);
  sim.run();
  return sim.recorder();
}

}  // namespace

TEST_CASE("outreach has no mechanics of its own: its keys are only how much and where", "[prevention]") {
  // Issue 10 item 2: every worker, outreach included, uses agents/worker_mechanics.
  for (const char* gone : {"commissioning.outreach_action_rate", "commissioning.outreach_match",
                           "commissioning.outreach_uncover_rate", "commissioning.outreach_intro_uptake"})
    CHECK(find_param(gone) == nullptr);
}

TEST_CASE("outreach targeting weights neighbourhoods by deprivation", "[prevention]") {
  Config cfg = place_cfg(1);
  const Place place = build_place(cfg.place, 3);
  const auto flat = outreach_weights(place, 0.0);
  const auto targeted = outreach_weights(place, 1.0);
  const std::size_t last = place.neighbourhoods() - 1;
  const double res_last = place.nbhd_begin[last + 1] - place.nbhd_begin[last];
  // The most deprived neighbourhood (the last) gets a larger share of visits when targeted.
  CHECK(res_last / flat.back() < (targeted[last] - targeted[last - 1]) / targeted.back());
  // Untargeted, visits follow the population.
  CHECK(flat.back() == Approx(static_cast<double>(place.citizens())));
}

TEST_CASE("outreach visits follow the funded hours and cost hours x hourly cost", "[prevention]") {
  Config cfg = place_cfg(200);
  cfg.commissioning.outreach_hours_per_10k = 25;  // 20 hours a day for 8,000 people
  const Recorder r = run(cfg);
  const double hours = sum_between(r, "outreach_hours", 0, 200);
  const double per_visit = cfg.commissioning.outreach_visit_hours + cfg.commissioning.outreach_travel_hours;
  CHECK(hours == Approx(20.0 * 200).margin(per_visit));  // the carry keeps the total exact
  CHECK(sum_between(r, "outreach_cost", 0, 200) == Approx(hours * cfg.workers.hourly_cost));
  const double visits = sum_between(r, "outreach_visits", 0, 200);
  const double helped = sum_between(r, "outreach_helped", 0, 200);
  CHECK(visits == Approx(hours / per_visit));
  // Untargeted at the person level: some visits find nothing to prevent (their cost is real).
  CHECK(helped > 0);
  CHECK(helped < visits);
}

TEST_CASE("outreach reduces later crises and demand against none, on the same seed", "[prevention][outcome]") {
  // Could fail: outreach costs hours, touches few people a day and works like a generalist.
  Config none = place_cfg(730);
  Config funded = none;
  funded.commissioning.outreach_hours_per_10k = 40;
  const Recorder a = run(none);
  const Recorder b = run(funded);
  CHECK(sum_between(b, "new_crises", 365, 730) < sum_between(a, "new_crises", 365, 730));
  const double contacts_a = sum_between(a, "contacts_value", 365, 730) + sum_between(a, "contacts_failure", 365, 730);
  const double contacts_b = sum_between(b, "contacts_value", 365, 730) + sum_between(b, "contacts_failure", 365, 730);
  CHECK(contacts_b < contacts_a);
  CHECK(b.last("group_members") > a.last("group_members"));  // introductions on visits
}

TEST_CASE("a prevention cut raises demand later, through the mechanisms", "[prevention][outcome]") {
  // Same seed and same outreach for a year; one arm then cuts outreach. The year before the cut
  // must be identical (the cut is the only cause); demand rises later in the arm that cut,
  // because need that grows unseen comes back as crises, contacts and failure demand.
  Config kept = place_cfg(1095);
  kept.commissioning.outreach_hours_per_10k = 40;
  Config cut_cfg = kept;
  cut_cfg.commissioning.outreach_hours_per_10k = 0;
  const Recorder a = run(kept);
  const Recorder b = run(kept, {ConfigStage{365, cut_cfg}});
  CHECK(sum_between(a, "contacts_value", 0, 365) == sum_between(b, "contacts_value", 0, 365));
  CHECK(sum_between(a, "new_crises", 0, 365) == sum_between(b, "new_crises", 0, 365));
  const auto demand = [](const Recorder& r) {
    return sum_between(r, "contacts_value", 548, 1095) + sum_between(r, "contacts_failure", 548, 1095);
  };
  CHECK(demand(b) > demand(a));
  CHECK(sum_between(b, "crisis_cost", 548, 1095) > sum_between(a, "crisis_cost", 548, 1095));
  CHECK(sum_between(b, "outreach_cost", 365, 1095) == 0.0);
}

TEST_CASE("the budget rule cuts prevention when spend rises, and only then", "[prevention][commissioner]") {
  Config cfg;
  cfg.commissioning.review_days = 10;
  cfg.commissioning.cut_trigger = 0.05;
  cfg.commissioning.cut_share = 0.25;
  Citizens c;  // no crisis cost: spend is what is fed in
  c.resize(4);
  for (bool rule : {false, true}) {
    cfg.commissioning.cut_when_spend_rises = rule;
    CommissionerState k;
    ChangeState s;
    for (std::uint32_t t = 0; t < 10; ++t) commissioner_day(cfg, k, s, 100, 1, c, t);  // period 1
    for (std::uint32_t t = 10; t < 20; ++t) commissioner_day(cfg, k, s, 103, 1, c, t);  // +3%: no cut
    CHECK(k.spend_rise == Approx(0.03));
    CHECK(s.outreach_funding == 1.0);
    for (std::uint32_t t = 20; t < 30; ++t) commissioner_day(cfg, k, s, 120, 1, c, t);  // +16.5%
    CHECK(k.spend_rise > 0.05);
    CHECK(k.unit_cost_rise == Approx(k.spend_rise));  // same closures: unit cost moves with spend
    CHECK(s.outreach_funding == Approx(rule ? 0.75 : 1.0));
    CHECK(s.group_funding == Approx(rule ? 0.75 : 1.0));
  }
}

TEST_CASE("the budget rule's cut shows in the effective rules and the series", "[prevention][commissioner]") {
  Config cfg;
  cfg.commissioning.outreach_hours_per_10k = 40;
  cfg.groups.funding = 1.0;
  ChangeState s;
  s.outreach_funding = 0.5;
  s.group_funding = 0.75;
  const Config e = effective_config(cfg, s);
  CHECK(e.commissioning.outreach_hours_per_10k == Approx(20));
  CHECK(e.groups.funding == Approx(0.75));
}

TEST_CASE("outreach hours are attributed to the people helped, and only to them",
          "[prevention][conservation]") {
  // With outreach on, hours attributed to people = hours the units worked on them + the
  // hours of outreach visits that did preventive work (visits that found nothing to do are
  // paid, in outreach_hours, but belong to no one).
  Config cfg = place_cfg(150);
  cfg.place.citizens = 3000;
  cfg.commissioning.outreach_hours_per_10k = 60;
  Simulation sim(cfg);
  sim.run();
  const Citizens& c = sim.state().citizens;
  double attributed = 0, cost = 0, crisis = 0;
  for (std::uint32_t i = 0; i < c.n; ++i) {
    attributed += c.staff_hours[i];
    cost += c.cost[i];
    crisis += c.crisis_cost[i];
  }
  const Recorder& r = sim.recorder();
  double worked = 0;
  for (const char* a : kActivityNames)
    if (std::string(a) != "idle" && std::string(a) != "absence") worked += sum_between(r, std::string("hours_") + a, 0, 150);
  const double per_visit = cfg.commissioning.outreach_visit_hours + cfg.commissioning.outreach_travel_hours;
  const double helped = sum_between(r, "outreach_helped", 0, 150);
  REQUIRE(helped > 0);
  CHECK(attributed == Approx(worked + helped * per_visit).epsilon(1e-4));
  CHECK(attributed < worked + sum_between(r, "outreach_hours", 0, 150));
  CHECK(cost == Approx(attributed * cfg.workers.hourly_cost + crisis +
                       sum_between(r, "discretionary_spend", 0, 150)).epsilon(1e-4));
}
