#include "sim/param_registry.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <limits>

namespace placesim {
namespace {


using Builder = ParamBuilder;

void register_experiment(Builder& b) {
  b.text("experiment.name", [](Config& c) -> std::string& { return c.experiment.name; },
         "Short name of the experiment, stored in the output.");
  b.text("experiment.title", [](Config& c) -> std::string& { return c.experiment.title; },
         "One-line title shown by `placesim presets`.");
  b.text("experiment.story", [](Config& c) -> std::string& { return c.experiment.story; },
         "One-paragraph story of the experiment, for teaching.");
  b.text("experiment.look_at", [](Config& c) -> std::string& { return c.experiment.look_at; },
         "What to look at in the output.");
  b.text("experiment.question", [](Config& c) -> std::string& { return c.experiment.question; },
         "The question the experiment answers.");
  b.text("experiment.check", [](Config& c) -> std::string& { return c.experiment.check; },
         "The expected direction as checks, `ARM.SERIES.STAT < ARM.SERIES.STAT; ...` with STAT one "
         "of mean, sum, last, mean_last90, or indicator (a headline indicator by name; docs/report.md); "
         "placesim run evaluates them per replicate into /checks and the preset test asserts them.");
  b.text("experiment.expected", [](Config& c) -> std::string& { return c.experiment.expected; },
         "The expected direction of the result.");
  b.text("experiment.prediction",
         [](Config& c) -> std::string& { return c.experiment.prediction; },
         "Worksheet: the prediction a class makes before running (`placesim presets worksheet`).");
  b.text("experiment.discuss", [](Config& c) -> std::string& { return c.experiment.discuss; },
         "Worksheet: questions to discuss after the run, one per line.");
}

void register_run(Builder& b) {
  b.integer("run.days", [](Config& c) -> std::int64_t& { return c.run.days; }, 1, 36500, "day",
            "Number of ticks (one tick is one day).");
  b.integer("run.seed", [](Config& c) -> std::int64_t& { return c.run.seed; }, 0,
            9007199254740991.0, "",
            "Seed of every random stream; same seed and config give bit-identical output.");
  b.integer("run.threads", [](Config& c) -> std::int64_t& { return c.run.threads; }, 0, 1024, "",
            "Worker threads; 0 uses all hardware threads. Never changes results.");
  b.integer("run.sample_citizens", [](Config& c) -> std::int64_t& { return c.run.sample_citizens; },
            0, 100000, "person", "People whose needs and cumulative cost are recorded over time.");
  b.integer("run.sample_every", [](Config& c) -> std::int64_t& { return c.run.sample_every; }, 1,
            3650, "day", "Interval between samples of per-person series.");
  b.integer("run.replicates", [](Config& c) -> std::int64_t& { return c.run.replicates; }, 1, 1000,
            "", "Replicates of a comparison run: replicate r runs every arm on seed run.seed + r "
                "(common random numbers across arms); replicate 0 is the run's full detail.");
}

void register_place(Builder& b) {
  b.integer("place.citizens", [](Config& c) -> std::int64_t& { return c.place.citizens; }, 1,
            100000000, "person", "Number of citizens in the place.");
  b.integer("place.neighbourhoods", [](Config& c) -> std::int64_t& { return c.place.neighbourhoods; },
            1, 100000, "", "Number of neighbourhoods; citizens are split evenly between them.");
  b.real("place.deprivation_min", [](Config& c) -> double& { return c.place.deprivation_min; }, 0,
         1, "index 0-1", "Deprivation of the least deprived neighbourhood.");
  b.real("place.deprivation_max", [](Config& c) -> double& { return c.place.deprivation_max; }, 0,
         1, "index 0-1", "Deprivation of the most deprived neighbourhood (spread linearly).");
  b.real("place.mean_household_size",
         [](Config& c) -> double& { return c.place.mean_household_size; }, 1, 8, "person",
         "Mean household size (1 + Poisson); UK mean is about 2.4 (ONS 2021).");
}

void register_network(Builder& b) {
  b.integer("network.ring_neighbours",
            [](Config& c) -> std::int64_t& { return c.network.ring_neighbours; }, 0, 50, "tie",
            "k: each person is tied to the k nearest people on each side (Watts-Strogatz ring).");
  b.real("network.rewire_prob", [](Config& c) -> double& { return c.network.rewire_prob; }, 0, 1,
         "probability", "Watts-Strogatz beta: chance a ring tie is rewired to someone else.");
  b.real("network.rewire_local_share",
         [](Config& c) -> double& { return c.network.rewire_local_share; }, 0, 1, "share",
         "Share of rewired ties that stay inside the person's neighbourhood (spatial clustering).");
}

void register_life(Builder& b) {
  for (int d = 0; d < kDomains; ++d) {
    const std::string dn(kDomainNames[d]);
    b.real("life.shock_rate." + dn, [d](Config& c) -> double& { return c.life.shock_rate[d]; }, 0,
           50, "per person per year", "Rate of life shocks in the " + dn +
           " domain at deprivation 0 (housing and money shocks hit whole households).");
    b.real("life.crisis_cost." + dn, [d](Config& c) -> double& { return c.life.crisis_cost[d]; },
           0, 1e7, "GBP", "Reactive cost of one crisis in the " + dn + " domain.");
  }
  for (int to = 0; to < kDomains; ++to)
    for (int from = 0; from < kDomains; ++from) {
      if (to == from) continue;
      const std::string key = "life.coupling." + std::string(kDomainNames[from]) + "_to_" +
                              std::string(kDomainNames[to]);
      b.real(key, [to, from](Config& c) -> double& { return c.life.coupling[to][from]; }, 0, 0.1,
             "need per day", "How much a " + std::string(kDomainNames[from]) +
             " need above the onset raises the " + std::string(kDomainNames[to]) + " need per day.");
    }
  auto R = [&b](const char* key, double LifeParams::*m, double lo, double hi, const char* unit,
                const char* desc) {
    b.real(key, [m](Config& c) -> double& { return c.life.*m; }, lo, hi, unit, desc);
  };
  R("life.deprivation_multiplier", &LifeParams::deprivation_multiplier, 0, 100, "",
    "Shock rates are multiplied by (1 + m x deprivation).");
  R("life.shock_size_min", &LifeParams::shock_size_min, 0, 1, "need",
    "Smallest rise of a need from one shock.");
  R("life.shock_size_max", &LifeParams::shock_size_max, 0, 1, "need",
    "Largest rise of a need from one shock (uniform between min and max).");
  R("life.household_share", &LifeParams::household_share, 0, 1, "share",
    "Share of a household housing or money shock felt by each member.");
  R("life.cause_onset_prob", &LifeParams::cause_onset_prob, 0, 1, "probability",
    "Chance that a shock leaves a latent cause (debt spiral, bereavement, ...) behind.");
  R("life.cause_push", &LifeParams::cause_push, 0, 0.1, "need per day",
    "How fast a cause of intensity 1 pushes its need up.");
  R("life.cause_resolve_rate", &LifeParams::cause_resolve_rate, 0, 50, "per year",
    "Rate at which a cause resolves by itself, without help.");
  R("life.recovery_rate", &LifeParams::recovery_rate, 0, 1, "per day",
    "Relative daily fall of a need at resilience 1 and no social support.");
  R("life.coupling_scale", &LifeParams::coupling_scale, 0, 100, "",
    "Multiplies every coupling between domains: 0 makes needs independent (simple requests).");
  R("life.coupling_onset", &LifeParams::coupling_onset, 0, 1, "need",
    "A need feeds other domains only by how much it exceeds this level.");
  R("life.resilience_mean", &LifeParams::resilience_mean, 0, 10, "",
    "Mean personal resilience (multiplies recovery).");
  R("life.resilience_sd", &LifeParams::resilience_sd, 0, 10, "",
    "Standard deviation of resilience between people.");
  R("life.resilience_floor", &LifeParams::resilience_floor, 0, 10, "",
    "Lowest resilience anyone has.");
  R("life.resilience_deprivation", &LifeParams::resilience_deprivation, 0, 10, "",
    "Resilience lost by living at deprivation 1.");
  R("life.tie_weight", &LifeParams::tie_weight, 0, 10, "",
    "Extra recovery (in resilience units) from fully supportive social ties.");
  R("life.tie_reference", &LifeParams::tie_reference, 0.1, 1000, "person",
    "Number of well contacts that counts as full social support.");
  R("life.crisis_level", &LifeParams::crisis_level, 0, 1, "need",
    "A need at or above this level is a crisis (reactive, costly).");
  R("life.crisis_rearm", &LifeParams::crisis_rearm, 0, 1, "need",
    "A crisis in a domain ends, and can recur, once the need falls below this level.");
  R("life.initial_need_scale", &LifeParams::initial_need_scale, 0, 1, "need",
    "Scale of initial needs (u^3 x scale x (0.5 + deprivation)).");
  R("life.initial_cause_prob", &LifeParams::initial_cause_prob, 0, 1, "probability",
    "Chance per domain that a person starts with a latent cause (x (1 + deprivation)).");
}

std::vector<ParamSpec> build_registry() {
  std::vector<ParamSpec> out;
  Builder b(out);
  register_experiment(b);
  register_run(b);
  register_place(b);
  register_network(b);
  register_life(b);
  register_service_params(b);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& z) { return a.key < z.key; });
  for (auto& s : out) s.role = role_of(s.key);
  return out;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string format_double(double v) {
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, p);
  // TOML needs a fraction or exponent to read the value back as a float.
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::string quote_toml(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(ch)));
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

}  // namespace

const std::vector<ParamSpec>& param_registry() {
  static const std::vector<ParamSpec> reg = build_registry();
  return reg;
}

const ParamSpec* find_param(const std::string& key) {
  const auto& reg = param_registry();
  auto it = std::lower_bound(reg.begin(), reg.end(), key,
                             [](const ParamSpec& s, const std::string& k) { return s.key < k; });
  return (it != reg.end() && it->key == key) ? &*it : nullptr;
}

std::string nearest_param(const std::string& key) {
  std::string best;
  std::size_t best_d = std::numeric_limits<std::size_t>::max();
  for (const auto& s : param_registry()) {
    const std::size_t d = edit_distance(key, s.key);
    if (d < best_d) {
      best_d = d;
      best = s.key;
    }
  }
  return best;
}

std::string format_param(const ParamSpec& spec, const Config& cfg) {
  Config& c = const_cast<Config&>(cfg);  // accessors return references; we only read
  switch (spec.kind) {
    case ParamKind::Integer: return std::to_string(spec.integer(c));
    case ParamKind::Real: return format_double(spec.real(c));
    case ParamKind::Boolean: return spec.boolean(c) ? "true" : "false";
    case ParamKind::Text: return quote_toml(spec.text(c));
  }
  return {};
}

}  // namespace placesim
