// People behave the same under both designs (issue 10, item 3): contacts come from need,
// trust and crisis. A person with an open case still calls in crisis, chases when kept
// waiting, and "back in balance" is judged from the person's state alone.
#include <catch2/catch.hpp>

#include <vector>

#include "agents/citizens.hpp"
#include "agents/demand_step.hpp"
#include "agents/units.hpp"
#include "core/config.hpp"

using namespace placesim;

namespace {

constexpr std::uint32_t kTick = 100;

// One person whose largest need is in `domain`, at crisis level, in a crisis that has not yet
// brought a contact.
Citizens person_in_crisis(int domain) {
  Citizens c;
  c.resize(1);
  c.need[domain][0] = 0.95f;
  c.in_crisis[0] = static_cast<std::uint8_t>(1u << domain);
  c.crises[0] = 1;
  c.crisis_called[0] = 0;
  c.last_seen[0] = day_stamp(kTick - 1);  // seen yesterday: not kept waiting
  return c;
}

std::vector<Contact> demand(const Config& cfg, Citizens& c, std::uint32_t tick = kTick) {
  std::vector<Contact> out;
  demand_step(cfg, 7, c, tick, 0, c.n, out);
  return out;
}

}  // namespace

TEST_CASE("a person with an open team case still calls in crisis, once per crisis", "[demand][crisis]") {
  Config cfg;
  Citizens c = person_in_crisis(Mental);
  c.open_units[0] = 1u << kTeam;
  c.case_domains[0] = static_cast<std::uint8_t>(1u << Mental);  // the team is working on it
  auto out = demand(cfg, c);
  REQUIRE(out.size() == 1);
  CHECK(out[0].crisis);
  CHECK(out[0].domain == Mental);
  CHECK_FALSE(out[0].chase);    // being worked and seen yesterday: not progress chasing
  CHECK_FALSE(out[0].failure);  // a new crisis in the person's life is value demand
  CHECK(case_holder(c, 0, Mental) == kTeam);
  // The same crisis does not bring a call every day.
  CHECK(demand(cfg, c, kTick + 1).empty());
  // A new crisis does.
  c.crises[0] = 2;
  CHECK(demand(cfg, c, kTick + 2).size() == 1);
}

TEST_CASE("a person with an open department case calls it in crisis too (same rule)", "[demand][crisis]") {
  Config cfg;
  Citizens c = person_in_crisis(Housing);
  c.open_units[0] = 1u << dept_of(Housing);
  c.waiting_since[0] = static_cast<std::int32_t>(kTick - 3);  // not started yet
  auto out = demand(cfg, c);
  REQUIRE(out.size() == 1);
  CHECK(out[0].crisis);
  CHECK(case_holder(c, 0, Housing) == dept_of(Housing));
  // The request has not been acted on: calling about it is progress chasing (failure demand).
  CHECK(out[0].chase);
  CHECK(out[0].failure);
}

TEST_CASE("a person whose open case has gone quiet chases after demand.chase_after days", "[demand][chase]") {
  Config cfg;
  cfg.demand.chase_after = 14;
  cfg.demand.chase_prob = 1.0;
  Citizens c;
  c.resize(1);
  c.need[Money][0] = 0.7f;
  c.open_units[0] = 1u << kTeam;  // started (not waiting), covering the need
  c.case_domains[0] = static_cast<std::uint8_t>(1u << Money);
  c.last_seen[0] = day_stamp(kTick - 13);
  CHECK(demand(cfg, c).empty());  // heard from the service 13 days ago
  c.last_seen[0] = day_stamp(kTick - 14);
  auto out = demand(cfg, c);
  REQUIRE(out.size() == 1);
  CHECK(out[0].chase);
  CHECK(out[0].failure);
  // The same for a department case: the rule does not know the design.
  c.open_units[0] = 1u << dept_of(Money);
  c.case_domains[0] = 0;
  CHECK(demand(cfg, c).size() == 1);
  // Someone now managing (need below the level they would ask at) has nothing to chase.
  c.need[Money][0] = 0.3f;
  CHECK(demand(cfg, c).empty());
  // Nor does someone on a waiting list whose need has eased (a waiting list is chased about a
  // need the person still has)...
  c.waiting_since[0] = static_cast<std::int32_t>(kTick - 20);
  CHECK(demand(cfg, c).empty());
  // ...while the same wait with the need still there is chased.
  c.need[Money][0] = 0.7f;
  CHECK(demand(cfg, c).size() == 1);
}

TEST_CASE("a need the open team case is not working on is taken to a door", "[demand][door]") {
  Config cfg;
  cfg.demand.contact_prob = 1.0;
  Citizens c;
  c.resize(1);
  c.need[Housing][0] = 0.9f;
  c.trust[0] = 1.0f;
  c.open_units[0] = 1u << kTeam;
  c.last_seen[0] = day_stamp(kTick - 1);
  c.case_domains[0] = static_cast<std::uint8_t>(1u << Money);  // the case is about money
  auto out = demand(cfg, c);
  REQUIRE(out.size() == 1);
  CHECK(out[0].domain == Housing);
  CHECK(case_holder(c, 0, Housing) == -1);
  // Once the team works on housing, the person leaves it with them.
  c.case_domains[0] |= static_cast<std::uint8_t>(1u << Housing);
  CHECK(demand(cfg, c).empty());
}

TEST_CASE("back in balance is judged from the person's state, N days after the last contact", "[demand][balance]") {
  Config cfg;
  cfg.people.balance_after_days = 90;
  Citizens c;
  c.resize(1);
  c.help_threshold[0] = 0.5f;
  c.need[Money][0] = 0.2f;
  c.last_seen[0] = day_stamp(kTick - 90);
  CHECK(back_in_balance(c, 0, kTick, 90));
  CHECK_FALSE(back_in_balance(c, 0, kTick - 1, 90));  // judged on the day, once
  demand(cfg, c);
  CHECK((c.balance[0] & Citizens::kBalancedToday) != 0);
  CHECK((c.balance[0] & Citizens::kBalancedEver) != 0);
  demand(cfg, c, kTick + 1);
  CHECK((c.balance[0] & Citizens::kBalancedToday) == 0);
  CHECK((c.balance[0] & Citizens::kBalancedEver) != 0);
  // A need at the person's threshold, or a case still open, is not balance.
  c.need[Money][0] = 0.5f;
  CHECK_FALSE(back_in_balance(c, 0, kTick, 90));
  c.need[Money][0] = 0.2f;
  c.open_units[0] = 1u << kTeam;
  CHECK_FALSE(back_in_balance(c, 0, kTick, 90));
  // Someone who never had contact with services was not helped.
  c.open_units[0] = 0;
  c.last_seen[0] = 0;
  CHECK_FALSE(back_in_balance(c, 0, kTick, 90));
}
