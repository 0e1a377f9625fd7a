#include "serve/live_session.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <random>
#include <sstream>

#include "core/domains.hpp"
#include "core/printable.hpp"
#include "experiments/preset_registry.hpp"
#include "sim/output_file.hpp"
#include "sim/staffing_plan.hpp"

namespace placesim {
namespace {

// The levers a class or a meeting asks about first (issue 12's list: threshold, team coverage,
// recording, information sharing, group funding, staffing policy, commissioning style), offered
// in every preset; the levers a preset itself sets are added after them. The size of the
// workforce (workers.staff_per_10k) is fixed on day 0, so it cannot move mid-run.
constexpr std::array<const char*, 9> kHeadlineLevers = {
    "silo.threshold",          "relational.coverage",   "silo.recording_share",
    "relational.recording_share", "services.info_sharing", "groups.funding",
    "commissioning.outreach_hours_per_10k", "staffing.policy", "commissioning.style"};

// The values a text lever can take, for the page's menus; build_config validates them again.
std::vector<std::string> text_choices(const std::string& key) {
  if (key == "staffing.policy") return {"fixed", "follow_workload"};
  if (key == "commissioning.style") return {"none", "targets", "learning"};
  return {};
}

// Compact JSON (one line: a server-sent event's data is a line). JSON strings carry newlines
// escaped, so every raw newline, and the indentation after it, is the formatter's layout.
std::string json(const toml::table& t) {
  std::ostringstream os;
  os << toml::json_formatter{t};
  const std::string pretty = os.str();
  std::string out;
  out.reserve(pretty.size());
  for (std::size_t i = 0; i < pretty.size(); ++i) {
    if (pretty[i] != '\n') {
      out += pretty[i];
      continue;
    }
    while (i + 1 < pretty.size() && pretty[i + 1] == ' ') ++i;
  }
  return out;
}

// A schedule entry as an experiment file would hold it, parsed by the experiment parser: the
// page's lever change is checked by exactly the rules a [[schedule]] table is (registry key,
// type, range, not a day-0 key). Throws ConfigError.
Assignment parse_change(const std::string& key, const std::string& toml_value) {
  const std::string text = "[[schedule]]\nday = 1\n" + key + " = " + toml_value + "\n";
  ExperimentDocument d = parse_experiment(text, "page");
  if (d.schedule.size() != 1 || d.schedule[0].assignments.size() != 1)
    throw ConfigError({"not one lever change"});
  return d.schedule[0].assignments[0];
}

// A number from the page as TOML text of the key's kind; nothing if it is not a finite
// number (or, for an integer key, not a whole one). No other text reaches the parser.
std::optional<std::string> number_text(const ParamSpec& spec, const std::string& value) {
  if (value.empty() || value.size() > 40) return std::nullopt;
  double v = 0;
  const char* end = value.data() + value.size();
  auto [p, ec] = std::from_chars(value.data(), end, v);
  if (ec != std::errc() || p != end || !std::isfinite(v)) return std::nullopt;
  char buf[64];
  if (spec.kind == ParamKind::Integer) {
    if (v != std::floor(v) || std::fabs(v) > 9e15) return std::nullopt;
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  } else {
    // The shortest text that reads back as the same double ("0.2", not 0.20000000000000001).
    auto [q, e2] = std::to_chars(buf, buf + sizeof buf, v);
    if (e2 != std::errc()) return std::nullopt;
    std::string s(buf, q);
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // TOML: a float, not an integer
    return s;
  }
  return std::string(buf);
}

// The TOML text of a text lever's value: only one of text_choices() (plain words) gets here.
std::string quoted(const std::string& s) { return "\"" + s + "\""; }

double series_sum(const Recorder& r, const char* name, std::size_t from, std::size_t to) {
  for (std::size_t i = 0; i < r.place_meta().size(); ++i)
    if (r.place_meta()[i].name == name) {
      const auto& s = r.place_data()[i];
      double sum = 0;
      for (std::size_t k = from; k < std::min(to, s.size()); ++k) sum += s[k];
      return sum;
    }
  return 0;
}

double series_last(const Recorder& r, const char* name) {
  for (std::size_t i = 0; i < r.place_meta().size(); ++i)
    if (r.place_meta()[i].name == name) {
      const auto& s = r.place_data()[i];
      return s.empty() ? 0.0 : s.back();
    }
  return 0;
}

// A finite number for JSON (JSON has no NaN or infinity).
double finite(double v) { return std::isfinite(v) ? v : 0.0; }

std::string random_hex(std::size_t bytes) {
  std::random_device rd;
  std::string s;
  static const char* hex = "0123456789abcdef";
  for (std::size_t i = 0; i < bytes; ++i) {
    const auto b = static_cast<unsigned>(rd()) & 0xffu;
    s += hex[b >> 4];
    s += hex[b & 15u];
  }
  return s;
}

std::string stamp_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return buf;
}

}  // namespace

LiveSession::LiveSession(const std::string& preset, std::int64_t citizens,
                         std::int64_t max_citizens, const std::string& arm_a,
                         const std::string& arm_b)
    : preset_(preset) {
  if (!find_preset(preset)) throw LiveError("no preset named '" + printable(preset) + "'");
  if (citizens == 0) citizens = std::min(kLiveDefaultCitizens, max_citizens);
  if (citizens < kLiveMinCitizens || citizens > max_citizens)
    throw LiveError("the number of people must be between " + std::to_string(kLiveMinCitizens) +
                    " and " + std::to_string(max_citizens) + " on this server");
  citizens_ = citizens;
  try {
    req_.doc = load_preset(preset);
  } catch (const ConfigError& e) {
    throw LiveError(e.messages().empty() ? "bad preset" : e.messages().front());
  }
  if (req_.doc.arms.size() < 2) throw LiveError("this preset has fewer than two arms");
  auto pick = [&](const std::string& name, std::size_t fallback) {
    if (name.empty()) return fallback;
    for (std::size_t i = 0; i < req_.doc.arms.size(); ++i)
      if (req_.doc.arms[i].name == name) return i;
    throw LiveError("the preset has no arm named '" + printable(name) + "'");
  };
  arm_index_ = {pick(arm_a, 0), pick(arm_b, 1)};
  if (arm_index_[0] == arm_index_[1]) throw LiveError("pick two different arms");
  // One core per session (a classroom shares the machine), the chosen size; results do not
  // depend on the thread count anyway.
  req_.overrides = {{"run.threads", std::int64_t{1}, "serve"},
                    {"place.citizens", citizens, "serve"}};
  try {
    prepared_ = prepare_arms(req_);
  } catch (const ConfigError& e) {
    throw LiveError(e.messages().empty() ? "bad preset" : printable(e.messages().front()));
  }
  // prepare_arms returns every arm in document order; keep the two picked.
  std::vector<PreparedArm> two{prepared_[arm_index_[0]], prepared_[arm_index_[1]]};
  prepared_ = std::move(two);
  for (const auto& a : prepared_) arm_names_.push_back(a.name);
  // As run_arms: one staffing plan from the base config for both arms (the same budget).
  for (const auto& a : prepared_)
    if (wants_plan(a.cfg)) {
      plan_ = plan_staffing(a.plan_base);
      break;
    }
  for (const auto& a : prepared_)
    sims_.push_back(std::make_unique<Simulation>(a.cfg, a.stages, plan_ ? &*plan_ : nullptr));
  // The levers: the headline ones, then those the preset sets, each a registered lever that
  // may change on a day (checked by parsing it as a schedule entry).
  std::vector<std::string> candidates(kHeadlineLevers.begin(), kHeadlineLevers.end());
  auto add_from = [&](const std::vector<Assignment>& as) {
    for (const auto& a : as) candidates.push_back(a.key);
  };
  add_from(req_.doc.base);
  for (const auto& arm : req_.doc.arms) add_from(arm.assignments);
  for (const auto& key : candidates) {
    if (std::find(levers_.begin(), levers_.end(), key) != levers_.end()) continue;
    const ParamSpec* spec = find_param(key);
    if (!spec || spec->role != ParamRole::Lever) continue;
    if (spec->kind == ParamKind::Boolean) continue;
    if (spec->kind == ParamKind::Text && text_choices(key).empty()) continue;
    try {
      parse_change(key, format_param(*spec, prepared_[0].cfg));
    } catch (const ConfigError&) {
      continue;  // fixed on day 0
    }
    levers_.push_back(key);
  }
  // The scatter's people: evenly spaced ids (people are numbered by household and
  // neighbourhood, so this spreads them over the place), each tracked from the first week.
  const std::int64_t n = std::min(kLiveSample, citizens_);
  for (std::int64_t k = 0; k < n; ++k) {
    sample_.push_back(k * citizens_ / n);
    tracks_.push_back({sample_.back(), Track{}});
  }
  started_utc_ = utc_now();
}

LiveSession::~LiveSession() = default;

std::int64_t LiveSession::day() const { return sims_[0]->state().tick; }
std::int64_t LiveSession::days() const { return prepared_[0].cfg.run.days; }

void LiveSession::step_day() {
  if (done()) return;
  for (auto& s : sims_) s->step();
  // A snapshot at the end of each week (the days the page gets a point) and on the last day.
  if (day() % 7 == 0 || done()) record_week();
}

LiveSession::PersonWeek LiveSession::snapshot(int arm, std::int64_t id) const {
  const auto& c = sims_[static_cast<std::size_t>(arm)]->state().citizens;
  const auto i = static_cast<std::size_t>(id);
  PersonWeek w{};
  for (int d = 0; d < kDomains; ++d) w.need[static_cast<std::size_t>(d)] = c.need[d][i];
  w.wellbeing = c.wellbeing[i];
  w.cost = static_cast<float>(c.cost[i]);
  w.contacts = c.contacts[i];
  w.failure_contacts = c.failure_contacts[i];
  w.workers_met = c.workers_met[i];
  w.crises = c.crises[i];
  w.in_crisis = c.in_crisis[i] != 0;
  return w;
}

void LiveSession::record_week() {
  week_days_.push_back(day());
  for (auto& [id, t] : tracks_)
    for (int a = 0; a < 2; ++a) t.arms[static_cast<std::size_t>(a)].push_back(snapshot(a, id));
}

const LiveSession::Track* LiveSession::track(std::int64_t id) const {
  for (const auto& [k, t] : tracks_)
    if (k == id) return &t;
  return nullptr;
}

std::size_t LiveSession::history_weeks(std::int64_t id) const {
  const Track* t = track(id);
  return t ? t->arms[0].size() : 0;
}

std::string LiveSession::history_json() const {
  toml::table t;
  t.insert("person_id", followed_);
  toml::array days;
  toml::array arms;
  if (const Track* tr = track(followed_)) {
    for (std::size_t k = tr->first; k < week_days_.size(); ++k) days.push_back(week_days_[k]);
    for (const auto& weeks : tr->arms) {
      toml::table a;
      toml::array need;
      for (std::size_t d = 0; d < static_cast<std::size_t>(kDomains); ++d) {
        toml::array v;
        for (const auto& w : weeks) v.push_back(finite(w.need[d]));
        need.push_back(std::move(v));
      }
      a.insert("need", std::move(need));
      auto column = [&](const char* name, auto get) {
        toml::array v;
        for (const auto& w : weeks) v.push_back(get(w));
        a.insert(name, std::move(v));
      };
      column("wellbeing", [](const PersonWeek& w) { return finite(w.wellbeing); });
      column("cost", [](const PersonWeek& w) { return finite(w.cost); });
      column("contacts", [](const PersonWeek& w) { return std::int64_t{w.contacts}; });
      column("failure_contacts",
             [](const PersonWeek& w) { return std::int64_t{w.failure_contacts}; });
      column("workers_met", [](const PersonWeek& w) { return std::int64_t{w.workers_met}; });
      column("crises", [](const PersonWeek& w) { return std::int64_t{w.crises}; });
      arms.push_back(std::move(a));
    }
  }
  t.insert("day", std::move(days));
  t.insert("arms", std::move(arms));
  return json(t);
}

int LiveSession::step_week() {
  int n = 0;
  for (; n < 7 && !done(); ++n) step_day();
  return n;
}

std::string LiveSession::week_json() const {
  toml::table t;
  const auto today = static_cast<std::size_t>(day());
  const std::size_t from = today >= 7 ? today - 7 : 0;
  t.insert("day", static_cast<std::int64_t>(today));
  t.insert("done", done());
  toml::array arms;
  for (std::size_t a = 0; a < sims_.size(); ++a) {
    const Recorder& r = sims_[a]->recorder();
    toml::table w;
    w.insert("arm", arm_names_[a]);
    // Flows over the week (contacts), levels at the end of it, and costs since day 0.
    w.insert("value_demand", finite(series_sum(r, "contacts_value", from, today)));
    w.insert("failure_demand", finite(series_sum(r, "contacts_failure", from, today)));
    w.insert("queue", finite(series_last(r, "queue_length")));
    w.insert("wait", finite(series_last(r, "mean_wait")));
    w.insert("in_crisis", finite(series_last(r, "in_crisis")));
    w.insert("staff_cost", finite(series_sum(r, "staff_cost", 0, today)));
    w.insert("crisis_cost", finite(series_sum(r, "crisis_cost", 0, today)));
    w.insert("morale", finite(series_last(r, "morale_mean")));
    w.insert("trust", finite(series_last(r, "trust_mean")));
    w.insert("collab_trust", finite(series_last(r, "collab_trust")));  // between services
    w.insert("wellbeing", finite(series_last(r, "wellbeing_mean")));
    // The followed person, in this arm.
    const auto& c = sims_[a]->state().citizens;
    const auto id = static_cast<std::size_t>(followed_);
    toml::table p;
    toml::array need;
    for (int d = 0; d < kDomains; ++d) need.push_back(finite(c.need[d][id]));
    p.insert("need", std::move(need));
    p.insert("wellbeing", finite(c.wellbeing[id]));
    p.insert("contacts", static_cast<std::int64_t>(c.contacts[id]));
    p.insert("failure_contacts", static_cast<std::int64_t>(c.failure_contacts[id]));
    p.insert("workers_met", static_cast<std::int64_t>(c.workers_met[id]));
    p.insert("crises", static_cast<std::int64_t>(c.crises[id]));
    p.insert("in_crisis", c.in_crisis[id] != 0);
    p.insert("cost", finite(c.cost[id]));
    w.insert("person", std::move(p));
    // The scatter's people now: largest need and cost so far, in sample_ids order.
    toml::array sneed, scost;
    for (const auto sid : sample_) {
      const auto i = static_cast<std::size_t>(sid);
      float m = 0;
      for (int d = 0; d < kDomains; ++d) m = std::max(m, c.need[d][i]);
      sneed.push_back(finite(m));
      scost.push_back(finite(c.cost[i]));
    }
    w.insert("sample_need", std::move(sneed));
    w.insert("sample_cost", std::move(scost));
    arms.push_back(std::move(w));
  }
  t.insert("person_id", followed_);
  t.insert("arms", std::move(arms));
  // A few people in crisis now, in either place, for the page to offer as people to follow.
  toml::array crisis;
  const auto& c0 = sims_[0]->state().citizens;
  const auto& c1 = sims_[1]->state().citizens;
  for (std::size_t i = 0; i < c0.in_crisis.size() && crisis.size() < 8; ++i)
    if (c0.in_crisis[i] || c1.in_crisis[i]) crisis.push_back(static_cast<std::int64_t>(i));
  t.insert("in_crisis_ids", std::move(crisis));
  return json(t);
}

std::string LiveSession::info_json() const {
  const ExperimentInfo& e = prepared_[0].cfg.experiment;
  toml::table t;
  t.insert("preset", preset_);
  t.insert("title", e.title);
  t.insert("story", e.story);
  t.insert("question", e.question);
  t.insert("look_at", e.look_at);
  t.insert("days", days());
  t.insert("day", day());
  t.insert("citizens", citizens_);
  t.insert("person_id", followed_);
  toml::array arms;
  for (const auto& n : arm_names_) arms.push_back(n);
  t.insert("arms", std::move(arms));
  toml::array domains;
  for (auto d : kDomainNames) domains.push_back(std::string(d));
  t.insert("domains", std::move(domains));
  toml::array sample;
  for (const auto id : sample_) sample.push_back(id);
  t.insert("sample_ids", std::move(sample));
  toml::array levers;
  for (const auto& key : levers_) {
    const ParamSpec* s = find_param(key);
    toml::table l;
    l.insert("key", key);
    l.insert("unit", s->unit);
    l.insert("description", s->description);
    l.insert("type", s->kind == ParamKind::Integer ? "integer"
                     : s->kind == ParamKind::Real  ? "number"
                                                   : "choice");
    if (s->kind == ParamKind::Text) {
      toml::array ch;
      for (const auto& c : text_choices(key)) ch.push_back(c);
      l.insert("choices", std::move(ch));
    } else {
      l.insert("min", s->min);
      l.insert("max", s->max);
    }
    // Each arm's value in force on the next day.
    toml::array values;
    for (const auto& sim : sims_) {
      const Config& cfg = sim->model().stage_at(static_cast<std::uint32_t>(day())).cfg;
      values.push_back(format_param(*s, cfg));
    }
    l.insert("values", std::move(values));
    levers.push_back(std::move(l));
  }
  t.insert("levers", std::move(levers));
  toml::array changes;
  for (const auto& c : changes_) {
    toml::table ct;
    ct.insert("day", c.day);
    ct.insert("arm", c.arm);
    ct.insert("key", c.key);
    ct.insert("value", c.value);
    changes.push_back(std::move(ct));
  }
  t.insert("changes", std::move(changes));
  return json(t);
}

LeverChange LiveSession::set_lever(const std::string& arm, const std::string& key,
                                   const std::string& value) {
  const auto a = std::find(arm_names_.begin(), arm_names_.end(), arm);
  if (a == arm_names_.end()) throw LiveError("no arm named '" + printable(arm) + "' here");
  if (std::find(levers_.begin(), levers_.end(), key) == levers_.end())
    throw LiveError("'" + printable(key) + "' is not a lever of this page");
  if (done()) throw LiveError("the run has ended: reset to start again");
  const ParamSpec& spec = *find_param(key);
  std::string toml_value;
  if (spec.kind == ParamKind::Text) {
    const auto ch = text_choices(key);
    if (std::find(ch.begin(), ch.end(), value) == ch.end())
      throw LiveError("'" + printable(value) + "' is not a choice of " + key);
    toml_value = quoted(value);
  } else {
    auto t = number_text(spec, value);
    if (!t) throw LiveError(key + " needs " + kind_name(spec.kind));
    toml_value = *t;
  }
  Assignment as;
  try {
    as = parse_change(key, toml_value);
  } catch (const ConfigError& e) {
    std::string msg = e.messages().empty() ? "refused" : e.messages().front();
    if (auto p = msg.find("page:"); p == 0) msg = msg.substr(msg.find(' ') + 1);
    throw LiveError(printable(msg));
  }
  // From the next day not yet simulated; day 0 set up the people and services.
  const std::int64_t from = std::max<std::int64_t>(day(), 1);
  const auto i = static_cast<std::size_t>(a - arm_names_.begin());
  Arm& doc_arm = req_.doc.arms[arm_index_[i]];
  as.source = "page: day " + std::to_string(from);
  doc_arm.schedule.push_back({from, {as}, as.source});
  std::vector<PreparedArm> all;
  try {
    all = prepare_arms(req_);
  } catch (const ConfigError& e) {
    doc_arm.schedule.pop_back();
    throw LiveError(printable(e.messages().empty() ? "refused" : e.messages().front()));
  }
  prepared_[i] = all[arm_index_[i]];
  sims_[i]->reschedule(from, prepared_[i].stages);
  LeverChange c{from, arm, key, toml_value};
  changes_.push_back(c);
  return c;
}

void LiveSession::follow(std::int64_t id) {
  if (id < 0 || id >= citizens_)
    throw LiveError("a person's id is between 0 and " + std::to_string(citizens_ - 1));
  followed_ = id;
  if (track(id)) return;
  // Someone outside the sample: drop the previous such person (memory stays bounded) and
  // track this one from today, whose state is the end of the week last recorded, if any.
  if (tracks_.size() > sample_.size()) tracks_.pop_back();
  Track t;
  t.first = week_days_.size();
  if (!week_days_.empty() && week_days_.back() == day()) {
    t.first = week_days_.size() - 1;
    for (int a = 0; a < 2; ++a) t.arms[static_cast<std::size_t>(a)].push_back(snapshot(a, id));
  }
  tracks_.push_back({id, std::move(t)});
}

std::string LiveSession::save(const std::string& dir, const std::string& command_line) const {
  namespace fs = std::filesystem;
  if (day() < 1) throw LiveError("nothing to save yet: play at least one day");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw LiveError("the save directory is not there");
  // Sims must have "ended" for the writer (network summary): a copy is not possible, so the
  // summary is computed on the live simulations; the run can go on afterwards.
  for (const auto& s : sims_) const_cast<Simulation&>(*s).end_here();
  Provenance prov;
  prov.experiment = prepared_[0].cfg.experiment.name;
  prov.source = "preset:" + preset_ + " (placesim serve, live)";
  prov.command_line = command_line;
  prov.seed = prepared_[0].cfg.run.seed;
  prov.threads = sims_[0]->threads();
  prov.started_utc = started_utc_;
  prov.finished_utc = utc_now();
  std::vector<std::string> tomls;
  for (std::size_t a = 0; a < sims_.size(); ++a) {
    Config cfg = prepared_[a].cfg;
    cfg.run.days = day();  // the days this file holds
    std::string toml = to_toml(cfg);
    // The levers moved on the page, as the [[schedule]] entries that reproduce the run.
    for (const auto& c : changes_)
      if (c.arm == arm_names_[a])
        toml += "\n[[schedule]]  # moved on the page\nday = " + std::to_string(c.day) + "\n" +
                c.key + " = " + c.value + "\n";
    tomls.push_back(std::move(toml));
  }
  prov.config_toml = tomls[0];
  std::vector<ArmResult> arms;
  for (std::size_t a = 0; a < sims_.size(); ++a)
    arms.push_back({arm_names_[a], tomls[a], sims_[a].get()});
  const std::string base = "live-" + preset_ + "-" + stamp_utc() + "-day" + std::to_string(day());
  for (int k = 0; k < 100; ++k) {
    const std::string name = base + (k ? "-" + std::to_string(k + 1) : "") + ".h5";
    const fs::path path = fs::path(dir) / name;
    if (fs::exists(fs::symlink_status(path, ec))) continue;
    try {
      write_output(path.string(), false, prov, arms);
      return name;
    } catch (const OutputError& e) {
      if (fs::exists(fs::symlink_status(path, ec))) continue;  // taken meanwhile: next name
      throw LiveError(std::string("could not save: ") + printable(e.what()));
    }
  }
  throw LiveError("could not find a free file name to save under");
}

SessionPool::SessionPool(std::size_t max_sessions, std::chrono::seconds idle)
    : max_(max_sessions), idle_(idle) {}

std::string SessionPool::create(const std::string& preset, std::int64_t citizens,
                                std::int64_t max_citizens, const std::string& arm_a,
                                const std::string& arm_b) {
  expire();
  {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= max_)
      throw LiveError("the server is full: " + std::to_string(max_) +
                      " sessions are running. Try again when one has ended or expired.");
  }
  // Built outside the pool's lock: a pilot run may take a while.
  auto e = std::make_shared<Entry>();
  e->session = std::make_unique<LiveSession>(preset, citizens, max_citizens, arm_a, arm_b);
  e->last_seen = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  if (entries_.size() >= max_)
    throw LiveError("the server is full: " + std::to_string(max_) +
                    " sessions are running. Try again when one has ended or expired.");
  std::string id = random_hex(16);
  entries_.emplace_back(id, std::move(e));
  return id;
}

std::shared_ptr<SessionPool::Entry> SessionPool::find(const std::string& id, bool touch) {
  std::lock_guard lock(mutex_);
  for (auto& [k, e] : entries_)
    if (k == id) {
      if (touch) e->last_seen = std::chrono::steady_clock::now();
      return e;
    }
  return nullptr;
}

bool SessionPool::remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto it = std::find_if(entries_.begin(), entries_.end(),
                               [&](const auto& p) { return p.first == id; });
  if (it == entries_.end()) return false;
  entries_.erase(it);
  return true;
}

std::size_t SessionPool::expire(std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(mutex_);
  const auto before = entries_.size();
  std::erase_if(entries_, [&](const auto& p) { return now - p.second->last_seen > idle_; });
  return before - entries_.size();
}

std::size_t SessionPool::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::string presets_json() {
  toml::array out;
  for (const auto& p : embedded_presets()) {
    try {
      ExperimentDocument d = parse_experiment(p.toml, p.name);
      if (d.arms.size() < 2) continue;
      const Config cfg = build_config({&d.base});
      toml::table t;
      t.insert("name", std::string(p.name));
      t.insert("title", cfg.experiment.title);
      t.insert("story", cfg.experiment.story);
      t.insert("question", cfg.experiment.question);
      toml::array arms;
      for (const auto& a : d.arms) arms.push_back(a.name);
      t.insert("arms", std::move(arms));
      t.insert("default", std::string(p.name) == kDefaultPreset);
      out.push_back(std::move(t));
    } catch (const ConfigError&) {
      // A broken preset is reported by `placesim presets`; the page offers the others.
    }
  }
  toml::table t;
  t.insert("presets", std::move(out));
  return json(t);
}

}  // namespace placesim
