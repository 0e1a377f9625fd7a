// Replicates of a comparison (issue 11): seeds, common random numbers, the paired interval,
// the indicator registry and the expected-direction check.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "sim/indicators.hpp"
#include "sim/replicate_output.hpp"
#include "sim/runner.hpp"

using namespace placesim;

namespace {

std::vector<PreparedArm> small_comparison(std::int64_t replicates) {
  RunRequest req;
  req.doc.base = {{"place.citizens", std::int64_t{600}, "test"},
                  {"place.neighbourhoods", std::int64_t{3}, "test"},
                  {"run.days", std::int64_t{15}, "test"},
                  {"run.seed", std::int64_t{11}, "test"},
                  {"run.threads", std::int64_t{1}, "test"},
                  {"run.replicates", replicates, "test"}};
  req.doc.arms = {Arm{"silo", {{"relational.coverage", 0.0, "test"}}, {}},
                  Arm{"relational", {{"relational.coverage", 1.0, "test"}}, {}}};
  return prepare_arms(req);
}

const std::vector<double>& series_of(const ReplicateRun& r, const char* name) {
  const auto* v = r.find(name);
  REQUIRE(v);
  return *v;
}

}  // namespace

TEST_CASE("replicate r of every arm runs on seed + r; replicate 0 is the full run",
          "[replicates][crn]") {
  const auto arms = small_comparison(3);
  const ExperimentResult res = run_replicated(arms);
  REQUIRE(res.replicates.size() == 2);
  for (const auto& a : res.replicates) {
    REQUIRE(a.runs.size() == 3);
    for (std::int64_t r = 0; r < 3; ++r) CHECK(a.runs[static_cast<std::size_t>(r)].seed == 11 + r);
  }
  // Replicate 0's captured series are the kept simulation's.
  CHECK(series_of(res.replicates[0].runs[0], "in_crisis") ==
        res.sims[0]->recorder().series("in_crisis"));
  // Different seeds give different lives (a replicate is not a copy of another).
  CHECK(series_of(res.replicates[0].runs[1], "wellbeing_mean") !=
        series_of(res.replicates[0].runs[2], "wellbeing_mean"));
  // Common random numbers: replicate 2 of the silo arm is a lone run on seed 13.
  auto lone = arms;
  for (auto& a : lone) a.cfg.run.seed = 13;
  const ExperimentResult one = run_arms(lone);
  CHECK(series_of(res.replicates[0].runs[2], "wellbeing_mean") ==
        one.sims[0]->recorder().series("wellbeing_mean"));
  CHECK(series_of(res.replicates[1].runs[2], "contacts_failure") ==
        one.sims[1]->recorder().series("contacts_failure"));
}

TEST_CASE("replicate seeds must stay in run.seed's range", "[replicates]") {
  CHECK_NOTHROW(check_replicate_seeds(9007199254740991, 1));
  CHECK_NOTHROW(check_replicate_seeds(9007199254740989, 3));
  CHECK_THROWS_AS(check_replicate_seeds(9007199254740990, 3), ConfigError);
}

TEST_CASE("paired interval: mean of differences and the Student t bounds", "[replicates][stats]") {
  // d = {1, 2, 3}: mean 2, sd 1, se 1/sqrt(3), t(0.975, 2) = 4.303.
  const auto p = paired_interval({0, 0, 0}, {1, 2, 3});
  CHECK(p.n == 3);
  CHECK(p.mean == Approx(2));
  CHECK(p.low == Approx(2 - 4.3026527 / std::sqrt(3.0)).epsilon(1e-4));
  CHECK(p.high == Approx(2 + 4.3026527 / std::sqrt(3.0)).epsilon(1e-4));
  CHECK(p.holds_zero());
  const auto clear = paired_interval({10, 10, 10, 10}, {8, 8.1, 7.9, 8});
  CHECK_FALSE(clear.holds_zero());
  CHECK(clear.high < 0);
  const auto one = paired_interval({1}, {2});
  CHECK(one.mean == 1);
  CHECK_FALSE(one.has_interval());
  CHECK_FALSE(one.holds_zero());
  CHECK(t975(1) == Approx(12.7062047));
  CHECK(t975(30) == Approx(2.0422725));
  CHECK(t975(60) == Approx(2.0002978).epsilon(1e-6));  // the expansion beyond the table
  CHECK(t975(1000) == Approx(1.9623391).epsilon(1e-6));
}

TEST_CASE("each indicator is one function with a declared direction", "[replicates][indicators]") {
  std::set<std::string> names;
  for (const auto& i : indicators()) {
    CHECK(names.insert(i.name).second);  // one definition per name
    CHECK(std::string(i.unit).size() > 0);
    CHECK(std::string(i.definition).size() > 10);
  }
  CHECK(find_indicator("idle_share")->direction == Direction::kNone);
  CHECK(find_indicator("crisis_cost")->direction == Direction::kLowerBetter);
  // Failure-demand share is a ratio of totals, not a mean of daily shares.
  std::vector<double> fail{1, 0, 9}, value{9, 1, 1};
  IndicatorInput in{
      [&](const std::string& n) -> const std::vector<double>* {
        return n == "contacts_failure" ? &fail : n == "contacts_value" ? &value : nullptr;
      },
      100};
  CHECK(find_indicator("failure_demand_share")->compute(in) == Approx(10.0 / 21.0));
  CHECK(std::isnan(find_indicator("crisis_cost")->compute(in)));  // absent: never zero
}

TEST_CASE("the expected direction is evaluated per replicate with a paired interval",
          "[replicates][check]") {
  auto run = [](std::vector<double> in_crisis) {
    ReplicateRun r;
    r.daily.push_back({"in_crisis", "person", "", std::move(in_crisis)});
    return r;
  };
  ArmReplicates a{{run({3, 5}), run({4, 6}), run({5, 7})}, ""};
  ArmReplicates b{{run({1, 1}), run({2, 2}), run({2, 3})}, ""};
  const auto c = evaluate_check(
      "b.in_crisis.mean < a.in_crisis.mean; b.in_crisis.last > a.in_crisis.last; "
      "b.nothing.sum < a.in_crisis.sum; b.in_crisis_mean.indicator < "
      "a.in_crisis_mean.indicator",
      {"a", "b"}, {&a, &b});
  REQUIRE(c.size() == 4);
  CHECK(c[3].pass);  // the indicator is the same mean over days here
  CHECK(c[3].left_v == c[0].left_v);
  CHECK(c[0].pass);
  CHECK(c[0].left_v == std::vector<double>{1, 2, 2.5});
  CHECK(c[0].right_v == std::vector<double>{4, 5, 6});
  CHECK(c[0].diff.mean == Approx((-3 - 3 - 3.5) / 3.0));
  CHECK(c[0].diff.high < 0);
  CHECK_FALSE(c[1].pass);
  CHECK_FALSE(c[2].pass);
  CHECK_THAT(c[2].error, Catch::Contains("no series 'nothing'"));
}
