#include "sim/config_loader.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/printable.hpp"
#include "sim/text_file.hpp"
#include "sim/toml_value.hpp"

namespace placesim {
namespace {

std::string join_messages(const std::vector<std::string>& m) {
  std::string out;
  for (std::size_t i = 0; i < m.size(); ++i) out += (i ? "\n" : "") + m[i];
  return out;
}

std::string where(const std::string& source_name, const toml::source_region& r) {
  std::ostringstream os;
  os << printable(source_name) << ":" << r.begin.line << ":" << r.begin.column;
  return os.str();
}

// Why a text value cannot be stored, or nullptr. Invalid UTF-8 would make the resolved config
// stored in the output invalid TOML; HDF5 stores text attributes as C strings, so a NUL would
// cut the value short.
const char* unstorable_text(const std::string& x) {
  if (!valid_utf8(x)) return "is not valid UTF-8";
  if (x.find('\0') != std::string::npos) return "contains a NUL character";
  return nullptr;
}

std::string unknown_key_message(const std::string& at, const std::string& key) {
  return at + ": unknown key '" + printable(key) + "' (did you mean '" + nearest_param(key) +
         "'? `placesim params` lists every key)";
}

// Convert one TOML leaf to the spec's type, or explain why not.
bool convert(const ParamSpec& spec, const toml::node& node, ParamValue& out, std::string& why) {
  if (toml_to_param(spec.kind, node, out)) return true;
  why = std::string("expected ") + kind_name(spec.kind) + ", got " +
        std::string(toml::impl::node_type_friendly_names[static_cast<int>(node.type())]);
  return false;
}

bool starts_with(const std::string& key, const char* prefix) { return key.rfind(prefix, 0) == 0; }

// Why a key may not be set in an arm, or "" when it may. The output file has one tick axis,
// one neighbourhood axis with one deprivation per neighbourhood, one root seed and one
// description of the experiment for all arms, and arms compare the same people on the same
// days (common random numbers). The social network may differ between arms: each arm's group
// describes its own network.
std::string arm_fixed_reason(const std::string& key) {
  if (key == "run.days" || key == "run.seed" || starts_with(key, "place."))
    return "every arm shares the days, seed and place: set it at the top level";
  if (starts_with(key, "run."))
    return "every arm shares the run settings (the same samples, one thread count in the file): "
           "set it at the top level";
  if (starts_with(key, "experiment."))
    return "it describes the whole experiment: set it at the top level";
  return {};
}

// Why a key may not change on a day ([[schedule]]), or "" when it may. The place, the people,
// the network and the size of the workforce are built once; the rules, rates and levers can
// change on a day.
std::string schedule_fixed_reason(const std::string& key) {
  if (std::string why = arm_fixed_reason(key); !why.empty()) return why;
  if (starts_with(key, "network.")) return "the social network is built once, before day 0";
  for (const char* fixed :
       {"services.enabled", "workers.staff_per_10k", "life.initial_need_scale",
        "life.initial_cause_prob", "demand.trust_initial", "demand.help_threshold_mean",
        "demand.help_threshold_sd", "workers.morale_initial", "staffing.mode",
        "staffing.plan_factor", "staffing.pilot_warmup_days", "staffing.pilot_days",
        "staffing.pilot_staff_per_10k"})
    if (key == fixed) return "it sets up the people and services on day 0 only";
  return {};
}

void flatten(const toml::table& table, const std::string& prefix, const std::string& source,
             std::vector<Assignment>& out, std::vector<std::string>& errors,
             std::string_view skip = {});

// [[schedule]] entries: each a table with `day` and the keys that change that day. `owner` is
// "" for the base schedule, or "arm 'NAME': " for an arm's.
void parse_schedule(const toml::node& node, const std::string& source, const std::string& owner,
                    std::vector<ScheduleEntry>& out, std::vector<std::string>& errors) {
  const toml::array* arr = node.as_array();
  if (!arr || !arr->is_array_of_tables()) {
    errors.push_back(where(source, node.source()) + ": " + owner +
                     "'schedule' must be an array of tables ([[schedule]])");
    return;
  }
  for (const toml::node& el : *arr) {
    const toml::table& t = *el.as_table();
    ScheduleEntry e;
    e.source = where(source, t.source());
    const toml::node* day = t.get("day");
    if (!day || !day->as_integer() || day->as_integer()->get() < 0) {
      errors.push_back(e.source + ": " + owner +
                       "a [[schedule]] entry needs `day = N` (an integer >= 0)");
      continue;
    }
    e.day = day->as_integer()->get();
    std::vector<Assignment> as;
    flatten(t, "", source, as, errors, "day");
    for (auto& a : as) {
      if (const std::string why = schedule_fixed_reason(a.key); !why.empty()) {
        errors.push_back(a.source + ": " + owner + "[[schedule]] day " + std::to_string(e.day) +
                         ": key '" + a.key + "' cannot change during a run: " + why);
        continue;
      }
      e.assignments.push_back(std::move(a));
    }
    out.push_back(std::move(e));
  }
}

// Copies of toml++ nodes lose their source positions, so a key to leave out is skipped here
// rather than erased from a copy.
void flatten(const toml::table& table, const std::string& prefix, const std::string& source,
             std::vector<Assignment>& out, std::vector<std::string>& errors,
             std::string_view skip) {
  for (auto&& [k, node] : table) {
    if (prefix.empty() && !skip.empty() && k.str() == skip) continue;
    const std::string key =
        prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (auto sub = node.as_table()) {
      flatten(*sub, key, source, out, errors);
      continue;
    }
    const std::string at = where(source, node.source());
    const ParamSpec* spec = find_param(key);
    if (!spec) {
      errors.push_back(unknown_key_message(at, key));
      continue;
    }
    ParamValue v;
    std::string why;
    if (!convert(*spec, node, v, why)) {
      errors.push_back(at + ": key '" + printable(key) + "': " + why);
      continue;
    }
    out.push_back({key, std::move(v), at});
  }
}

// [arms.NAME] tables, in the order they are written (not alphabetically).
void parse_arms(const toml::node& node, const std::string& source, std::vector<Arm>& out,
                std::vector<std::string>& errors) {
  const toml::table* arms = node.as_table();
  if (!arms) {
    errors.push_back(where(source, node.source()) + ": 'arms' must be a table of tables");
    return;
  }
  std::vector<std::pair<std::size_t, Arm>> ordered;
  for (auto&& [an, anode] : *arms) {
    const std::string name(an.str());
    const std::string at = where(source, anode.source());
    const std::string owner = "arm '" + printable(name) + "': ";
    if (const std::string problem = arm_name_problem(name); !problem.empty()) {
      errors.push_back(
          at + ": " + owner + "the name " + problem +
          " (arm names become HDF5 group names and are listed, comma-separated, in the output)");
      continue;
    }
    const toml::table* t = anode.as_table();
    if (!t) {
      errors.push_back(at + ": " + owner + "must be a table of keys");
      continue;
    }
    Arm arm{name, {}, {}};
    if (const toml::node* sch = t->get("schedule"))
      parse_schedule(*sch, source, owner, arm.schedule, errors);
    std::vector<Assignment> as;
    flatten(*t, "", source, as, errors, "schedule");
    for (auto& a : as) {
      if (const std::string why = arm_fixed_reason(a.key); !why.empty()) {
        errors.push_back(a.source + ": " + owner + "key '" + a.key +
                         "' cannot be set in an arm: " + why);
        continue;
      }
      arm.assignments.push_back(std::move(a));
    }
    ordered.emplace_back(anode.source().begin.line, std::move(arm));
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [line, arm] : ordered) out.push_back(std::move(arm));
}

std::string format_number(double x) {
  std::ostringstream os;
  os.precision(10);
  os << x;
  return os.str();
}

}  // namespace

ConfigError::ConfigError(std::vector<std::string> messages)
    : std::runtime_error(join_messages(messages)), messages_(std::move(messages)) {}

ExperimentDocument parse_experiment(const std::string& text, const std::string& source_name) {
  toml::table root;
  try {
    root = toml::parse(std::string_view(text), std::string_view(source_name));
  } catch (const toml::parse_error& e) {
    throw ConfigError(
        {where(source_name, e.source()) + ": TOML syntax error: " + printable(e.description())});
  }
  ExperimentDocument doc;
  doc.source_name = source_name;
  std::vector<std::string> errors;
  for (auto&& [k, node] : root) {
    const std::string key(k.str());
    if (key == "arms") {
      parse_arms(node, source_name, doc.arms, errors);
      continue;
    }
    if (key == "schedule") {
      parse_schedule(node, source_name, "", doc.schedule, errors);
      continue;
    }
    if (auto sub = node.as_table()) {
      flatten(*sub, key, source_name, doc.base, errors);
    } else {
      const std::string at = where(source_name, node.source());
      if (!find_param(key))
        errors.push_back(unknown_key_message(at, key));
      else
        errors.push_back(at + ": key '" + key + "' must be inside its table");
    }
  }
  if (!errors.empty()) throw ConfigError(std::move(errors));
  return doc;
}

std::string arm_name_problem(const std::string& name) {
  if (name.empty()) return "is empty";
  if (name == "." || name == "..") return "is '.' or '..'";
  if (name.size() > kMaxArmNameBytes)
    return "is longer than " + std::to_string(kMaxArmNameBytes) + " bytes";
  if (!valid_utf8(name)) return "is not valid UTF-8";
  for (const char c : name) {
    if (c == '/') return "contains '/'";
    if (c == ',') return "contains ','";
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return "contains a control character";
  }
  if (name.front() == ' ' || name.back() == ' ') return "begins or ends with a space";
  return {};
}

ExperimentDocument load_experiment_file(const std::string& path) {
  try {
    return parse_experiment(read_text_file(path, "experiment file"), path);
  } catch (const TextFileError& e) {
    throw ConfigError({e.what()});
  }
}

std::vector<Assignment> parse_overrides(const std::vector<std::string>& sets,
                                        const std::string& option) {
  std::vector<Assignment> out;
  std::vector<std::string> errors;
  for (const auto& s : sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      errors.push_back(option + " '" + printable(s) + "': expected key=value");
      continue;
    }
    std::string key = s.substr(0, eq);
    std::string value = s.substr(eq + 1);
    // "--set key", or "--arm NAME:key" for one arm.
    const std::string at = option + (option.back() == ':' ? "" : " ") + printable(key);
    const ParamSpec* spec = find_param(key);
    if (!spec) {
      errors.push_back(unknown_key_message(at, key));
      continue;
    }
    if (spec->kind == ParamKind::Text && (value.empty() || value.front() != '"')) {
      // Raw text skips the TOML parser's UTF-8 check; checked here so it is reported once,
      // not once per arm by build_config.
      if (const char* bad = unstorable_text(value))
        errors.push_back(at + ": '" + printable(value) + "' " + bad);
      else
        out.push_back({key, value, at});
      continue;
    }
    try {
      toml::table t = toml::parse(std::string_view("v = " + value), std::string_view("--set"));
      ParamValue v;
      std::string why;
      if (!convert(*spec, *t.get("v"), v, why)) {
        errors.push_back(at + ": " + why + " ('" + printable(value) + "')");
        continue;
      }
      const auto* text = std::get_if<std::string>(&v);
      if (const char* bad = text ? unstorable_text(*text) : nullptr) {
        errors.push_back(at + ": '" + printable(*text) + "' " + bad);
        continue;
      }
      out.push_back({key, std::move(v), at});
    } catch (const toml::parse_error&) {
      errors.push_back(at + ": cannot read value '" + printable(value) + "' as " +
                       kind_name(spec->kind));
    }
  }
  if (!errors.empty()) throw ConfigError(std::move(errors));
  return out;
}

std::vector<ArmOverride> parse_arm_overrides(const std::vector<std::string>& specs) {
  std::vector<ArmOverride> out;
  std::vector<std::string> errors;
  for (const auto& spec : specs) {
    const auto colon = spec.find(':');
    const auto eq = spec.find('=');
    if (colon == std::string::npos || colon == 0 || (eq != std::string::npos && eq < colon)) {
      errors.push_back("--arm '" + printable(spec) + "': expected NAME:key=value");
      continue;
    }
    const std::string arm = spec.substr(0, colon);
    try {
      for (auto& a : parse_overrides({spec.substr(colon + 1)}, "--arm " + arm + ":")) {
        // "--arm NAME: key" reads oddly; the source names the option as it was typed.
        a.source = "--arm " + printable(arm) + ":" + printable(a.key);
        if (const std::string why = arm_fixed_reason(a.key); !why.empty()) {
          errors.push_back(a.source + ": key '" + printable(a.key) +
                           "' cannot be set in an arm: " + why);
          continue;
        }
        out.push_back({arm, std::move(a)});
      }
    } catch (const ConfigError& e) {
      errors.insert(errors.end(), e.messages().begin(), e.messages().end());
    }
  }
  if (!errors.empty()) throw ConfigError(std::move(errors));
  return out;
}

Config build_config(const std::vector<const std::vector<Assignment>*>& layers) {
  Config cfg;
  std::vector<std::string> errors;
  for (const auto* layer : layers) {
    for (const auto& a : *layer) {
      const ParamSpec* spec = find_param(a.key);
      if (!spec) {
        errors.push_back(unknown_key_message(a.source, a.key));
        continue;
      }
      auto out_of_range = [&](double x) {
        errors.push_back(a.source + ": key '" + a.key + "' = " + format_number(x) +
                         " is out of range [" + format_number(spec->min) + ", " +
                         format_number(spec->max) + "]" +
                         (spec->unit.empty() ? "" : " (" + spec->unit + ")"));
      };
      switch (spec->kind) {
        case ParamKind::Integer: {
          const auto x = std::get<std::int64_t>(a.value);
          if (x < spec->min || x > spec->max)
            out_of_range(static_cast<double>(x));
          else
            spec->integer(cfg) = x;
          break;
        }
        case ParamKind::Real: {
          const auto x = std::get<double>(a.value);
          if (!std::isfinite(x) || x < spec->min || x > spec->max)
            out_of_range(x);
          else
            spec->real(cfg) = x;
          break;
        }
        case ParamKind::Boolean:
          spec->boolean(cfg) = std::get<bool>(a.value);
          break;
        case ParamKind::Text: {
          // A file's strings are checked by the TOML parser; --set text arrives raw, and
          // invalid UTF-8 would make the resolved config stored in the output invalid TOML.
          const auto& x = std::get<std::string>(a.value);
          if (const char* bad = unstorable_text(x))
            errors.push_back(a.source + ": key '" + a.key + "': '" + printable(x) + "' " + bad);
          else
            spec->text(cfg) = x;
          break;
        }
      }
    }
  }
  if (errors.empty()) errors = validate(cfg);
  if (!errors.empty()) throw ConfigError(std::move(errors));
  return cfg;
}

std::vector<std::string> validate(const Config& c) {
  std::vector<std::string> e;
  if (c.place.deprivation_min > c.place.deprivation_max)
    e.push_back("place.deprivation_min must not exceed place.deprivation_max");
  if (c.place.neighbourhoods > c.place.citizens)
    e.push_back("place.neighbourhoods must not exceed place.citizens");
  if (c.life.shock_size_min > c.life.shock_size_max)
    e.push_back("life.shock_size_min must not exceed life.shock_size_max");
  if (c.life.crisis_rearm >= c.life.crisis_level)
    e.push_back("life.crisis_rearm must be below life.crisis_level");
  if (c.network.ring_neighbours * 2 >= c.place.citizens && c.place.citizens > 1)
    e.push_back("network.ring_neighbours x 2 must be below place.citizens");
  validate_services(c, e);
  return e;
}

std::string to_toml(const Config& cfg) {
  std::string out = "# placesim resolved configuration: every key, defaults included\n";
  for (const auto& spec : param_registry())
    out += spec.key + " = " + format_param(spec, cfg) + "\n";
  return out;
}

}  // namespace placesim
