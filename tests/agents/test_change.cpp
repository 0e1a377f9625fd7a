// Change that can fail (issue 10, item 6) and the commissioning style (item 4): embedding
// rises with protection and falls without; the roll-out waits for it; wrapping happens under a
// target-driven commissioner without protection and never under a learning one; the style and
// a wrap act only through the rules the units apply.
#include <catch2/catch.hpp>

#include <numeric>
#include <string>
#include <vector>

#include "agents/change_process.hpp"
#include "core/config.hpp"
#include "sim/param_registry.hpp"
#include "sim/simulation.hpp"

using namespace placesim;

namespace {

Config transition_cfg(std::int64_t seed, double protection, const char* style) {
  Config cfg;
  cfg.place.citizens = 4000;
  cfg.place.neighbourhoods = 10;
  cfg.run.days = 540;
  cfg.run.seed = seed;
  cfg.run.threads = 1;
  cfg.relational.coverage = 0.1;
  cfg.transition.start_day = 90;
  cfg.transition.ramp_days = 270;
  cfg.transition.protection = protection;
  cfg.commissioning.style = style;
  return cfg;
}

ChangeInputs steady(double morale, double team, double dept, double cost_rise = 0) {
  ChangeInputs in;
  in.team_morale = morale;
  in.team_resolved = team;
  in.dept_resolved = dept;
  in.unit_cost_rise = cost_rise;
  return in;
}

}  // namespace

TEST_CASE("commissioning style acts only through the rules of every unit", "[change][style]") {
  Config cfg;
  const ChangeState s;
  cfg.commissioning.style = "none";
  const Config none = effective_config(cfg, s);
  CHECK(none.silo.target_days == cfg.silo.target_days);
  CHECK(none.silo.recording_share == cfg.silo.recording_share);
  CHECK(none.relational.recording_share == cfg.relational.recording_share);
  CHECK(none.groups.funding == cfg.groups.funding);

  cfg.commissioning.style = "targets";
  const Config tg = effective_config(cfg, s);
  CHECK(has_target(tg.silo));
  CHECK(tg.silo.target_days <= cfg.commissioning.target_days);
  if constexpr (has_target_field<RelationalRules>()) CHECK(has_target(tg.relational));
  CHECK(tg.silo.recording_share == Approx(cfg.silo.recording_share * cfg.commissioning.targets_recording));
  CHECK(tg.relational.recording_share ==
        Approx(cfg.relational.recording_share * cfg.commissioning.targets_recording));
  CHECK(tg.silo.threshold == cfg.silo.threshold);  // the style does not touch eligibility

  cfg.commissioning.style = "learning";
  const Config ln = effective_config(cfg, s);
  CHECK_FALSE(has_target(ln.silo));
  CHECK_FALSE(has_target(ln.relational));
  CHECK(ln.groups.funding == Approx(cfg.groups.funding * cfg.commissioning.learning_group_funding));
  CHECK(ln.silo.recording_share == cfg.silo.recording_share);
}

TEST_CASE("a wrapped team applies the silo's procedure through the effective rules", "[change][wrap]") {
  Config cfg;
  ChangeState s;
  s.wrapped = true;
  const Config e = effective_config(cfg, s);
  CHECK(e.relational.threshold == cfg.silo.threshold);
  CHECK(e.relational.recording_share == cfg.silo.recording_share);
  CHECK(e.relational.escalation_prob == cfg.silo.escalation_prob);
  CHECK(target_of(e.relational) == (has_target_field<RelationalRules>() ? e.silo.target_days : kNoTarget));
  // Everything else of the team is its own.
  CHECK(e.relational.coverage == cfg.relational.coverage);
  CHECK(e.silo.threshold == cfg.silo.threshold);
}

TEST_CASE("commissioning.style is validated", "[change][style]") {
  CommissioningStyle st;
  CHECK(parse_style("targets", st));
  CHECK(st == CommissioningStyle::Targets);
  CHECK_FALSE(parse_style("Targets", st));
  Config cfg;
  cfg.commissioning.style = "payment-by-results";
  std::vector<std::string> errors;
  validate_commissioning(cfg, errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("commissioning.style") != std::string::npos);
}

TEST_CASE("embedding rises with protection and falls without", "[change][embedding]") {
  Config cfg;
  cfg.transition.start_day = 0;
  cfg.relational.coverage = 0.1;
  for (double protection : {1.0, 0.0}) {
    cfg.transition.protection = protection;
    ChangeState s;
    for (std::uint32_t t = 0; t < 120; ++t) change_day(cfg, s, steady(0.6, 0.5, 0.5), 1, t);
    if (protection > 0) CHECK(s.embedding > cfg.transition.embedding_initial);
    else CHECK(s.embedding < cfg.transition.embedding_initial);
  }
  // Morale and early results count as well, at the same protection.
  cfg.transition.protection = 0.5;
  ChangeState low, high;
  for (std::uint32_t t = 0; t < 120; ++t) {
    change_day(cfg, low, steady(0.3, 0.2, 0.5), 1, t);
    change_day(cfg, high, steady(0.9, 0.8, 0.5), 1, t);
  }
  CHECK(high.embedding > low.embedding);
}

TEST_CASE("the roll-out advances only while embedding is high enough", "[change][embedding]") {
  Config cfg;
  cfg.transition.start_day = 10;
  cfg.transition.ramp_days = 100;
  cfg.relational.coverage = 0.1;
  cfg.transition.protection = 0.0;
  ChangeState failing;
  for (std::uint32_t t = 0; t < 200; ++t) change_day(cfg, failing, steady(0.4, 0.3, 0.5), 1, t);
  CHECK(failing.progress == 0.0);
  CHECK(change_coverage(cfg, failing) == Approx(0.1));
  cfg.transition.protection = 1.0;
  ChangeState embedding;
  for (std::uint32_t t = 0; t < 200; ++t) change_day(cfg, embedding, steady(0.7, 0.6, 0.5), 1, t);
  CHECK(embedding.progress == 1.0);
  CHECK(change_coverage(cfg, embedding) == Approx(cfg.transition.final_coverage));
}

TEST_CASE("wrap probability follows protection, embedding, cost and the commissioner", "[change][wrap]") {
  Config cfg;
  cfg.transition.start_day = 0;
  ChangeState s;
  s.active = true;
  s.embedding = 0.3;
  cfg.commissioning.style = "targets";
  cfg.transition.protection = 0.0;
  const double base = wrap_probability(cfg, s, steady(0.5, 0.5, 0.5, 0.05));
  CHECK(base > 0);
  CHECK(wrap_probability(cfg, s, steady(0.5, 0.5, 0.5, 0.0)) == 0.0);        // cost flat
  CHECK(wrap_probability(cfg, s, steady(0.5, 0.5, 0.5, 0.10)) > base);       // cost rises more
  cfg.transition.protection = 0.5;
  CHECK(wrap_probability(cfg, s, steady(0.5, 0.5, 0.5, 0.05)) < base);       // protection
  cfg.transition.protection = 0.0;
  s.embedding = 0.8;
  CHECK(wrap_probability(cfg, s, steady(0.5, 0.5, 0.5, 0.05)) < base);       // embedded
  s.embedding = 0.3;
  cfg.commissioning.style = "learning";
  CHECK(wrap_probability(cfg, s, steady(0.5, 0.5, 0.5, 0.10)) == 0.0);
  cfg.commissioning.style = "none";
  CHECK(wrap_probability(cfg, s, steady(0.5, 0.5, 0.5, 0.10)) == 0.0);
}

TEST_CASE("wrapping happens under targets without protection and never under learning with it",
          "[change][wrap][outcome]") {
  // Could fail: the wrap needs the target commissioner to see cost per case closed rise at a
  // review while embedding is low; it is drawn, not scheduled.
  int wrapped_targets = 0, wrapped_learning = 0;
  double embed_protected = 0, embed_unprotected = 0;
  for (std::int64_t seed : {1, 2, 3, 4}) {
    Simulation fails(transition_cfg(seed, 0.0, "targets"));
    fails.run();
    Simulation embeds(transition_cfg(seed, 1.0, "learning"));
    embeds.run();
    wrapped_targets += fails.recorder().last("wrapped") > 0;
    wrapped_learning += embeds.recorder().last("wrapped") > 0;
    embed_protected += embeds.recorder().last("embedding");
    embed_unprotected += fails.recorder().last("embedding");
    CHECK(embeds.recorder().last("team_coverage") > fails.recorder().last("team_coverage"));
  }
  CHECK(wrapped_targets >= 3);
  CHECK(wrapped_learning == 0);
  CHECK(embed_protected > embed_unprotected);
}

TEST_CASE("change, commissioner and prevention series are identical on 1 and 2 threads",
          "[change][determinism]") {
  std::vector<std::vector<double>> out;
  for (std::int64_t threads : {1, 2}) {
    Config cfg = transition_cfg(5, 0.0, "targets");
    cfg.run.days = 300;
    cfg.run.threads = threads;
    cfg.commissioning.outreach_hours_per_10k = 30;
    cfg.commissioning.cut_when_spend_rises = true;
    cfg.commissioning.review_days = 30;
    cfg.commissioning.cut_trigger = 0.0;
    Simulation sim(cfg);
    sim.run();
    std::vector<double> all;
    for (const char* n : {"embedding", "wrapped", "team_coverage", "outreach_visits", "outreach_helped",
                          "outreach_funding", "new_crises", "contacts_value", "contacts_failure"}) {
      const auto& s = sim.recorder().series(n);
      all.insert(all.end(), s.begin(), s.end());
    }
    out.push_back(all);
  }
  CHECK(out[0] == out[1]);
}

TEST_CASE("a learning commissioner's funding for relationships raises trust between services",
          "[change][style]") {
  Config cfg = transition_cfg(7, 0.5, "none");
  cfg.run.days = 240;
  cfg.relational.coverage = 1.0;
  cfg.transition.start_day = -1;
  Simulation none(cfg);
  none.run();
  cfg.commissioning.style = "learning";
  Simulation learning(cfg);
  learning.run();
  CHECK(learning.recorder().last("collab_trust") > none.recorder().last("collab_trust"));
}
