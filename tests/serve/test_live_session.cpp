// The live session of `placesim serve` (issue 12), without HTTP: both arms step in lock-step
// and give exactly what a batch run of the same experiment gives; a lever moved on the page is
// a schedule entry from the next day; every request is validated; sessions are limited.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>

#include <unistd.h>

#include "experiments/preset_registry.hpp"
#include "serve/live_session.hpp"
#include "sim/h5_reader.hpp"
#include "sim/output_schema.hpp"
#include "sim/staffing_plan.hpp"

using namespace placesim;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kSmall = 1000;  // the smallest place a session allows: fast

// The batch run of the default preset's arm `arm` at the live size, with an optional extra
// schedule entry, for `days` days: what the live session must reproduce bit for bit.
std::unique_ptr<Simulation> batch(const std::string& arm, std::int64_t days,
                                  const std::vector<ScheduleEntry>& extra = {}) {
  RunRequest req;
  req.doc = load_preset(kDefaultPreset);
  for (auto& a : req.doc.arms)
    if (a.name == arm)
      for (const auto& e : extra) a.schedule.push_back(e);
  req.overrides = {{"run.threads", std::int64_t{1}, "test"},
                   {"place.citizens", kSmall, "test"}};
  const auto arms = prepare_arms(req);
  std::optional<StaffingPlan> plan;
  if (wants_plan(arms[0].cfg)) plan = plan_staffing(arms[0].plan_base);
  for (const auto& a : arms)
    if (a.name == arm) {
      auto sim = std::make_unique<Simulation>(a.cfg, a.stages, plan ? &*plan : nullptr);
      for (std::int64_t d = 0; d < days; ++d) sim->step();
      return sim;
    }
  return nullptr;
}

bool same_series(const Simulation& a, const Simulation& b) {
  const auto& ra = a.recorder();
  const auto& rb = b.recorder();
  if (ra.place_data().size() != rb.place_data().size()) return false;
  for (std::size_t s = 0; s < ra.place_data().size(); ++s) {
    const auto& x = ra.place_data()[s];
    const auto& y = rb.place_data()[s];
    if (x.size() != y.size() || std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) != 0)
      return false;
  }
  return true;
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("placesim-live-" + std::to_string(::getpid()) + "-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

TEST_CASE("both places step in lock-step and match the batch run", "[serve]") {
  LiveSession s(kDefaultPreset, kSmall, 50000);
  REQUIRE(s.arm_names() == std::vector<std::string>{"silo", "relational"});
  REQUIRE(s.day() == 0);
  REQUIRE(s.step_week() == 7);
  REQUIRE(s.step_week() == 7);
  REQUIRE(s.sim(0).state().tick == 14);
  REQUIRE(s.sim(1).state().tick == 14);
  // The same people: the same place, built from the same seed, in both arms.
  REQUIRE(s.sim(0).model().place.citizens() == s.sim(1).model().place.citizens());
  REQUIRE(s.sim(0).model().cfg.run.seed == s.sim(1).model().cfg.run.seed);
  REQUIRE(same_series(s.sim(0), *batch("silo", 14)));
  REQUIRE(same_series(s.sim(1), *batch("relational", 14)));
  // The designs differ, so the places do too (a test that could fail if both ran one arm).
  REQUIRE_FALSE(same_series(s.sim(0), s.sim(1)));
  const std::string w = s.week_json();
  REQUIRE(w.find("\"day\" : 14") != std::string::npos);
  REQUIRE(w.find("failure_demand") != std::string::npos);
}

TEST_CASE("a lever moved mid-run applies from the next day, as a schedule entry", "[serve]") {
  LiveSession s(kDefaultPreset, kSmall, 50000);
  s.step_week();
  s.step_week();
  // The silo design lets anyone in from day 14: eligibility acts at once.
  const LeverChange c = s.set_lever("silo", "silo.threshold", "0");
  REQUIRE(c.day == 14);
  REQUIRE(c.value == "0.0");
  const Model& m = s.sim(0).model();
  const double before = m.stage_at(13).cfg.silo.threshold;
  REQUIRE(before > 0);
  REQUIRE(m.stage_at(14).cfg.silo.threshold == 0.0);
  // The other arm is untouched.
  REQUIRE(s.sim(1).model().stage_at(20).cfg.silo.threshold == before);
  REQUIRE(s.set_lever("relational", "groups.funding", "0.2").value == "0.2");
  REQUIRE(s.sim(1).model().stage_at(14).cfg.groups.funding == 0.2);
  REQUIRE(s.sim(0).model().stage_at(14).cfg.groups.funding == 1.0);
  for (int k = 0; k < 4; ++k) s.step_week();
  // Exactly the runs an experiment file with those [[schedule]] entries gives.
  ScheduleEntry e{14, {{"silo.threshold", 0.0, "test"}}, "test"};
  ScheduleEntry f{14, {{"groups.funding", 0.2, "test"}}, "test"};
  REQUIRE(same_series(s.sim(0), *batch("silo", 42, {e})));
  REQUIRE(same_series(s.sim(1), *batch("relational", 42, {f})));
  // And the change changed something (this test fails if the lever is dropped).
  REQUIRE_FALSE(same_series(s.sim(0), *batch("silo", 42)));
  REQUIRE(s.changes().size() == 2);
  REQUIRE(s.info_json().find("\"changes\" : [") != std::string::npos);
}

TEST_CASE("a lever moved before the first day applies from day 1", "[serve]") {
  LiveSession s(kDefaultPreset, kSmall, 50000);
  REQUIRE(s.set_lever("silo", "silo.threshold", "0.5").day == 1);
}

TEST_CASE("every lever request is validated against the registry", "[serve]") {
  LiveSession s(kDefaultPreset, kSmall, 50000);
  s.step_day();
  const auto& levers = s.lever_keys();
  REQUIRE(std::find(levers.begin(), levers.end(), "relational.coverage") != levers.end());
  // Fixed on day 0, or not a lever: never offered.
  for (const char* k : {"workers.staff_per_10k", "place.citizens", "run.days", "run.seed"})
    REQUIRE(std::find(levers.begin(), levers.end(), k) == levers.end());
  REQUIRE_THROWS_AS(s.set_lever("silo", "place.citizens", "5"), LiveError);
  REQUIRE_THROWS_AS(s.set_lever("silo", "workers.staff_per_10k", "5"), LiveError);
  REQUIRE_THROWS_AS(s.set_lever("silo", "no.such_key", "5"), LiveError);
  REQUIRE_THROWS_AS(s.set_lever("nowhere", "silo.threshold", "0.5"), LiveError);
  for (const char* bad : {"", "abc", "nan", "inf", "1e999", "0.5 ", "0.5\n[x]", "2", "-1",
                          "0x10", "0.5; rm"})
    REQUIRE_THROWS_AS(s.set_lever("silo", "silo.threshold", bad), LiveError);
  REQUIRE_THROWS_WITH(s.set_lever("silo", "silo.threshold", "2"), Catch::Contains("range"));
  REQUIRE_THROWS_AS(s.set_lever("silo", "staffing.policy", "lavish"), LiveError);
  REQUIRE_THROWS_AS(s.set_lever("silo", "staffing.policy", "fixed\"\nrun.seed = \"2"), LiveError);
  REQUIRE(s.changes().empty());
  REQUIRE(s.set_lever("silo", "staffing.policy", "fixed").value == "\"fixed\"");
  REQUIRE(s.set_lever("silo", "silo.threshold", "0.5").day == 1);
  REQUIRE(s.changes().size() == 2);
}

TEST_CASE("sessions are bounded: size, arms, person, count and idle time", "[serve]") {
  REQUIRE_THROWS_AS(LiveSession(kDefaultPreset, 60000, 50000), LiveError);
  REQUIRE_THROWS_AS(LiveSession(kDefaultPreset, 10, 50000), LiveError);
  REQUIRE_THROWS_AS(LiveSession("no-such-preset", kSmall, 50000), LiveError);
  REQUIRE_THROWS_AS(LiveSession(kDefaultPreset, kSmall, 50000, "silo", "silo"), LiveError);
  REQUIRE_THROWS_AS(LiveSession(kDefaultPreset, kSmall, 50000, "silo", "nope"), LiveError);
  LiveSession s(kDefaultPreset, kSmall, 50000, "relational", "silo");
  REQUIRE(s.arm_names()[0] == "relational");
  REQUIRE_THROWS_AS(s.follow(-1), LiveError);
  REQUIRE_THROWS_AS(s.follow(kSmall), LiveError);
  s.follow(kSmall - 1);
  REQUIRE(s.followed() == kSmall - 1);

  SessionPool pool(2, std::chrono::seconds(60));
  const std::string a = pool.create(kDefaultPreset, kSmall, 50000);
  const std::string b = pool.create(kDefaultPreset, kSmall, 50000);
  REQUIRE(a != b);
  REQUIRE(a.size() == 32);
  REQUIRE_THROWS_WITH(pool.create(kDefaultPreset, kSmall, 50000),
                      Catch::StartsWith("the server is full"));
  REQUIRE(pool.find(a) != nullptr);
  REQUIRE(pool.find("not-an-id") == nullptr);
  REQUIRE(pool.remove(b));
  REQUIRE(pool.size() == 1);
  REQUIRE(pool.expire(std::chrono::steady_clock::now()) == 0);
  REQUIRE(pool.expire(std::chrono::steady_clock::now() + std::chrono::seconds(61)) == 1);
  REQUIRE(pool.find(a) == nullptr);
}

TEST_CASE("saving writes a new file with the lever changes as schedule entries", "[serve]") {
  TempDir dir;
  LiveSession s(kDefaultPreset, kSmall, 50000);
  REQUIRE_THROWS_AS(s.save(dir.path.string(), "test"), LiveError);  // nothing run yet
  s.step_week();
  s.set_lever("relational", "relational.coverage", "0.5");
  s.step_week();
  const std::string name = s.save(dir.path.string(), "test");
  REQUIRE(name.find('/') == std::string::npos);
  REQUIRE(fs::exists(dir.path / name));
  const std::string again = s.save(dir.path.string(), "test");
  REQUIRE(again != name);  // never overwrites
  const H5Reader f((dir.path / name).string());
  const std::string toml =
      f.attr_string(schema::arm_path("relational"), schema::kConfigToml).value_or("");
  REQUIRE(toml.find("[[schedule]]") != std::string::npos);
  REQUIRE(toml.find("relational.coverage = 0.5") != std::string::npos);
  REQUIRE(toml.find("run.days = 14") != std::string::npos);
  // The run goes on after a save.
  REQUIRE(s.step_week() == 7);
  REQUIRE_THROWS_AS(s.save((dir.path / "missing").string(), "test"), LiveError);
}

TEST_CASE("the presets offered to the page are those with two arms", "[serve]") {
  const std::string j = presets_json();
  REQUIRE(j.find("\"silo-vs-relational\"") != std::string::npos);
  REQUIRE(j.find("\"story\"") != std::string::npos);
}

TEST_CASE("a person picked mid-run gets their past weeks", "[serve]") {
  LiveSession s(kDefaultPreset, kSmall, 50000);
  const auto& ids = s.sample_ids();
  REQUIRE(ids.size() == static_cast<std::size_t>(kLiveSample));
  REQUIRE(std::adjacent_find(ids.begin(), ids.end(), [](auto a, auto b) { return a >= b; }) ==
          ids.end());  // distinct, increasing
  REQUIRE(ids.front() == 0);
  REQUIRE(ids.back() < kSmall);
  for (int k = 0; k < 3; ++k) s.step_week();
  // A sampled person, picked on day 21, has the weeks ending on days 7, 14 and 21.
  const std::int64_t sampled = ids[37];
  s.follow(sampled);
  REQUIRE(s.history_weeks(sampled) == 3);
  const std::string h = s.history_json();
  REQUIRE(h.find("\"day\" : [7,14,21]") != std::string::npos);
  // Their first point is the state after one week, as a fresh session after one week has it.
  LiveSession fresh(kDefaultPreset, kSmall, 50000);
  fresh.step_week();
  fresh.follow(sampled);
  const std::string h1 = fresh.history_json();
  REQUIRE(h1.find("\"day\" : [7]") != std::string::npos);
  const auto first_need = [](const std::string& j) {
    const auto p = j.find("\"need\" : [[");
    return j.substr(p + 11, j.find_first_of(",]", p + 11) - (p + 11));
  };
  REQUIRE(first_need(h) == first_need(h1));
  // Someone outside the sample starts on the day picked, then gains a week per week.
  std::int64_t other = 1;
  while (std::find(ids.begin(), ids.end(), other) != ids.end()) ++other;
  REQUIRE(s.history_weeks(other) == 0);
  s.follow(other);
  REQUIRE(s.history_weeks(other) == 1);
  REQUIRE(s.history_json().find("\"day\" : [21]") != std::string::npos);
  s.step_week();
  REQUIRE(s.history_weeks(other) == 2);
  REQUIRE(s.history_weeks(sampled) == 4);  // the sample goes on being recorded
  // Following a second outsider drops the first (memory stays bounded).
  std::int64_t third = other + 1;
  while (std::find(ids.begin(), ids.end(), third) != ids.end()) ++third;
  s.follow(third);
  REQUIRE(s.history_weeks(other) == 0);
  REQUIRE(s.history_weeks(third) == 1);
  // The scatter's values travel with each week and the ids with the session's info.
  REQUIRE(s.week_json().find("\"sample_need\"") != std::string::npos);
  REQUIRE(s.info_json().find("\"sample_ids\" : [0,") != std::string::npos);
}
