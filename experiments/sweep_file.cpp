// The sweep file (docs/sweeps.md): parsed and checked section by section ([sweep], the base
// experiment, [set], [factorial] with its ranges, [lhs]), every problem collected with its
// file:line:col and reported together.
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "experiments/preset_registry.hpp"
#include "experiments/sweep_design.hpp"
#include "sim/toml_value.hpp"

namespace placesim {
namespace fs = std::filesystem;
namespace {

std::string where(const std::string& source, const toml::source_region& r) {
  return source + ":" + std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column);
}

// Every problem found in a sweep file, collected so that all are reported together. Each
// message starts with the file:line:col it is about.
class Diagnostics {
 public:
  explicit Diagnostics(std::string source) : source_(std::move(source)) {}
  std::string at(const toml::node& n) const { return where(source_, n.source()); }
  std::string file_start() const { return source_ + ":1:1"; }
  void add(std::string message) { messages_.push_back(std::move(message)); }
  std::size_t count() const { return messages_.size(); }
  bool empty() const { return messages_.empty(); }

  // Sorted by position, so that the report reads down the file (toml++ visits keys sorted
  // by name, not in the order they are written).
  std::vector<std::string> in_file_order() const {
    auto position = [&](const std::string& m) {
      unsigned long line = 0, column = 0;
      if (m.rfind(source_ + ":", 0) == 0) {
        char* end = nullptr;
        line = std::strtoul(m.c_str() + source_.size() + 1, &end, 10);
        if (end && *end == ':') column = std::strtoul(end + 1, nullptr, 10);
      }
      return std::make_pair(line, column);
    };
    std::vector<std::string> out = messages_;
    std::stable_sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) {
      return position(a) < position(b);
    });
    return out;
  }

 private:
  std::string source_;
  std::vector<std::string> messages_;
};

// The shortest text that reads back to the same double, so a message never shows a value
// that looks in range when it is not.
std::string num(double x) {
  char buf[40];
  const auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}

// A range has at most this many levels. Every level is at least one run, and a sweep resolves
// every run's configs before it starts; a longer one-key scan is better written as an [lhs]
// sample or split into several sweeps.
constexpr std::int64_t kMaxLevels = 10000;

bool is_integral(double x) {
  return std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 9.0e15;
}

double as_number(const ParamValue& v) {
  if (auto i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto d = std::get_if<double>(&v)) return *d;
  return 0;
}

// Out-of-range values are errors of the sweep file (exit 2), not failed runs: they can be
// pointed at with a line number before anything runs.
void check_range(const ParamSpec& spec, const ParamValue& v, const std::string& at,
                 Diagnostics& diag) {
  if (spec.kind != ParamKind::Integer && spec.kind != ParamKind::Real) return;
  const double x = as_number(v);
  if (!std::isfinite(x) || x < spec.min || x > spec.max)
    diag.add(at + ": key '" + spec.key + "' value " + num(x) + " is out of range [" +
             num(spec.min) + ", " + num(spec.max) + "]" +
             (spec.unit.empty() ? "" : " (" + spec.unit + ")"));
}

std::string unknown_key(const std::string& at, const std::string& key) {
  return at + ": unknown key '" + key + "' (did you mean '" + nearest_param(key) +
         "'? `placesim params` lists every key)";
}

// Whether some registry key lies below `prefix` (`place` of `place.citizens`): a table under
// any other name is an unknown key, not a level of nesting whose leaves are unknown.
bool is_key_prefix(const std::string& prefix) {
  const std::string dotted = prefix + ".";
  for (const auto& p : param_registry())
    if (p.key.rfind(dotted, 0) == 0) return true;
  return false;
}

// Walk a table whose leaves are registry keys, written dotted, quoted or as nested tables.
// `leaf` gets each registered key with its node (which may itself be a table, such as a range).
template <class F>
void walk_keys(const toml::table& t, const std::string& prefix, Diagnostics& diag, F&& leaf) {
  for (auto&& [k, node] : t) {
    const std::string key =
        prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const ParamSpec* spec = find_param(key)) {
      leaf(*spec, node);
      continue;
    }
    if (auto sub = node.as_table(); sub && is_key_prefix(key)) {
      walk_keys(*sub, key, diag, leaf);
      continue;
    }
    diag.add(unknown_key(diag.at(node), key));
  }
}

// The parameters of a sampling section ([lhs], [morris], [sobol]), its own keys already set
// aside: each registered key, or a table of them, goes to `sample`; anything else is unknown.
template <class F>
void walk_sampled(const std::vector<std::pair<std::string, const toml::node*>>& params,
                  Diagnostics& diag, F&& sample) {
  for (const auto& [key, node] : params) {
    if (const ParamSpec* ps = find_param(key))
      sample(*ps, *node);
    else if (auto sub = node->as_table())
      walk_keys(*sub, key, diag, sample);
    else
      diag.add(unknown_key(diag.at(*node), key));
  }
}

std::vector<ParamValue> range_levels(const ParamSpec& spec, const toml::table& t,
                                     const std::string& at, Diagnostics& diag) {
  std::vector<ParamValue> out;
  for (auto&& [k, node] : t) {
    const std::string rk(k.str());
    if (rk != "start" && rk != "stop" && rk != "step" && rk != "count")
      diag.add(diag.at(node) + ": unknown range key '" + rk +
               "' (a range is {start, stop, step} or {start, stop, count})");
  }
  if (spec.kind != ParamKind::Integer && spec.kind != ParamKind::Real) {
    diag.add(at + ": key '" + spec.key + "' is " + kind_name(spec.kind) +
             "; give its levels as a list");
    return out;
  }
  auto number = [&](const char* name, double& x) {
    const toml::node* n = t.get(name);
    if (!n) return false;
    if (auto i = n->as_integer())
      x = static_cast<double>(i->get());
    else if (auto d = n->as_floating_point())
      x = d->get();
    else {
      diag.add(at + ": range '" + name + "' of '" + spec.key + "' must be a number");
      return false;
    }
    return true;
  };
  double start = 0, stop = 0, step = 0, count = 0;
  const bool has_start = number("start", start), has_stop = number("stop", stop);
  const bool has_step = number("step", step), has_count = number("count", count);
  if (!has_start || !has_stop || has_step == has_count) {
    diag.add(at + ": range of '" + spec.key +
             "' needs start, stop and exactly one of step or count");
    return out;
  }
  std::vector<double> xs;
  if (has_step) {
    if (!(step > 0) || stop < start) {
      diag.add(at + ": range of '" + spec.key + "' needs step > 0 and stop >= start");
      return out;
    }
    // stop is included when it lies on the grid (to rounding).
    const double n = std::floor((stop - start) / step + 1e-9);
    if (n + 1 > static_cast<double>(kMaxLevels)) {
      diag.add(at + ": range of '" + spec.key + "' has " + num(n + 1) +
               " levels, too many: at most " + std::to_string(kMaxLevels) +
               " (every level is at least one run)");
      return out;
    }
    for (std::int64_t i = 0; i <= static_cast<std::int64_t>(n); ++i)
      xs.push_back(start + static_cast<double>(i) * step);
  } else {
    if (!is_integral(count) && !(count > static_cast<double>(kMaxLevels))) {
      diag.add(at + ": range 'count' of '" + spec.key + "' must be a whole number >= 1");
      return out;
    }
    if (count < 1 || count > static_cast<double>(kMaxLevels)) {
      diag.add(at + ": range 'count' of '" + spec.key + "' is " + num(count) + ", " +
               (count < 1 ? std::string("must be at least 1")
                          : "too large: at most " + std::to_string(kMaxLevels) +
                                " levels (every level is at least one run)"));
      return out;
    }
    const auto n = static_cast<std::int64_t>(count);
    for (std::int64_t i = 0; i < n; ++i)
      xs.push_back(n == 1 ? start
                          : start + (stop - start) * static_cast<double>(i) /
                                        static_cast<double>(n - 1));
  }
  for (double& x : xs) x = on_decimal_grid(x, std::max(std::fabs(start), std::fabs(stop)));
  for (double x : xs) {
    if (spec.kind == ParamKind::Integer) {
      const double r = std::round(x);
      if (std::fabs(r - x) > 1e-9) {
        diag.add(at + ": range of integer key '" + spec.key + "' gives non-integer level " +
                 num(x));
        return {};
      }
      out.push_back(static_cast<std::int64_t>(r));
    } else {
      out.push_back(x);
    }
  }
  return out;
}

// ---- the sweep file, section by section -------------------------------------------------

// What the sections learn about each other while the file is read.
struct ParseState {
  std::string base_at;  // where [sweep] base is written, for messages about the base
  std::string baseline_at;  // where [sweep] baseline is written
  bool has_seed = false;
  std::set<std::string> fixed_keys, arm_keys;
  std::map<std::string, std::string> varied;  // key -> where it is varied
};

// toml++ keeps keys sorted; the design follows the order they are written in.
template <class Params>
void written_order(Params& params) {
  std::stable_sort(params.begin(), params.end(), [](const auto& a, const auto& b) {
    return std::make_pair(a.line, a.column) < std::make_pair(b.line, b.column);
  });
}

void check_sections(const toml::table& root, Diagnostics& diag) {
  for (auto&& [k, node] : root) {
    const std::string key(k.str());
    if (key != "sweep" && key != "set" && key != "factorial" && key != "lhs" && key != "morris" &&
        key != "sobol")
      diag.add(diag.at(node) +
               (node.is_table() ? ": unknown section '" + key + "'"
                                : ": key '" + key + "' is outside any section") +
               " (a sweep file has [sweep], [set], [factorial], [lhs], [morris] and [sobol])");
    else if (!node.is_table())
      diag.add(diag.at(node) + ": '" + key + "' must be a table");
  }
}

// [sweep]: name, description, base, baseline, replicates, seed.
void parse_sweep_section(const toml::table& root, SweepSpec& spec, ParseState& st,
                         Diagnostics& diag) {
  st.base_at = diag.file_start();
  auto sw = root["sweep"].as_table();
  if (!sw) return;
  for (auto&& [k, node] : *sw) {
    const std::string key(k.str());
    const std::string at = diag.at(node);
    if (key == "name" || key == "description" || key == "base" || key == "baseline") {
      if (!node.is_string()) {
        diag.add(at + ": [sweep] " + key + " must be a string");
        continue;
      }
      if (node.as_string()->get().find('\0') != std::string::npos) {
        // Stored as HDF5 text attributes, which are C strings: the name would be cut short.
        diag.add(at + ": [sweep] " + key + " contains a NUL character");
        continue;
      }
      if (key == "name") spec.name = node.as_string()->get();
      if (key == "baseline") {
        spec.baseline = node.as_string()->get();
        st.baseline_at = at;
      }
      if (key == "base") {
        spec.base = node.as_string()->get();
        st.base_at = at;
      }
    } else if (key == "replicates" || key == "seed") {
      const bool seed = key == "seed";
      auto v = node.as_integer();
      if (!v || v->get() < (seed ? 0 : 1) || v->get() > (seed ? 4000000000LL : 100000)) {
        diag.add(at + ": [sweep] " + key +
                 (seed ? " must be an integer in [0, 4e9]" : " must be an integer in [1, 100000]"));
        continue;
      }
      if (seed) {
        spec.base_seed = v->get();
        st.has_seed = true;
      } else {
        spec.replicates = v->get();
      }
    } else {
      diag.add(at + ": unknown key '" + key +
               "' in [sweep] (known: name, description, base, baseline, replicates, seed)");
    }
  }
}

constexpr const char* kSweepReplicates =
    "run.replicates does not apply to a sweep; each design point runs [sweep] replicates times "
    "(seed = base seed + replicate), one run file each";

// The base experiment named by [sweep] base: a preset, or a file relative to the sweep file.
void load_base(SweepSpec& spec, ParseState& st, const std::string& base_dir, Diagnostics& diag) {
  if (spec.base.empty()) {
    diag.add(diag.file_start() + ": [sweep] base is required: a preset name or an experiment file");
    return;
  }
  try {
    const bool looks_like_path =
        spec.base.find('/') != std::string::npos || fs::path(spec.base).extension() == ".toml";
    if (!looks_like_path && find_preset(spec.base)) {
      spec.doc = load_preset(spec.base);
    } else if (looks_like_path) {
      fs::path p(spec.base);
      if (p.is_relative()) p = fs::path(base_dir) / p;
      spec.doc = load_experiment_file(p.lexically_normal().string());
    } else {
      std::string names;
      for (const auto& q : embedded_presets())
        names += std::string(names.empty() ? "" : ", ") + q.name;
      diag.add(st.base_at + ": base '" + spec.base + "' is not a preset (known: " + names +
               "); give a file as a path ending in .toml");
    }
  } catch (const ConfigError& e) {
    for (const auto& m : e.messages()) diag.add(st.base_at + ": in base experiment: " + m);
  }
  for (const auto& arm : spec.doc.arms)
    for (const auto& a : arm.assignments) st.arm_keys.insert(a.key);
  // A sweep runs each design point [sweep] replicates times, one replicate per run file. A base
  // experiment written for `placesim run` may well set run.replicates; it is not an error to
  // sweep it, but the user is told that it does not apply rather than it being dropped silently.
  for (const auto& a : spec.doc.base)
    if (a.key == "run.replicates")
      spec.notes.push_back(st.base_at + ": note: the base experiment sets run.replicates (" +
                           a.source + "), which does not apply here: " + kSweepReplicates);
}

// [set]: keys fixed for every run.
void parse_set_section(const toml::table& root, SweepSpec& spec, ParseState& st,
                       Diagnostics& diag) {
  if (auto set = root["set"].as_table()) {
    walk_keys(*set, "", diag, [&](const ParamSpec& ps, const toml::node& node) {
      const std::string at = diag.at(node);
      ParamValue v;
      if (!toml_to_param(ps.kind, node, v)) {
        diag.add(at + ": key '" + ps.key + "': expected " + kind_name(ps.kind));
        return;
      }
      if (ps.key == "run.threads") {
        diag.add(at + ": run.threads is set by `placesim sweep --threads`, not in the sweep file");
        return;
      }
      if (ps.key == "run.replicates") {
        diag.add(at + ": " + kSweepReplicates);
        return;
      }
      check_range(ps, v, at, diag);
      spec.fixed.push_back({ps.key, v, at});
    });
  }
  for (const auto& a : spec.fixed) st.fixed_keys.insert(a.key);
}

// Whether a key may be varied (in [factorial] or [lhs]); claims it when it may.
bool claim_varied(const ParamSpec& ps, const std::string& at, ParseState& st, Diagnostics& diag) {
  if (ps.key == "run.seed") {
    diag.add(at +
             ": run.seed cannot be varied; use [sweep] replicates (seed = base seed + replicate)");
    return false;
  }
  if (ps.key == "run.threads") {
    diag.add(at + ": run.threads never changes results; set it with --threads");
    return false;
  }
  if (ps.key == "run.replicates") {
    diag.add(at + ": " + kSweepReplicates);
    return false;
  }
  if (auto it = st.varied.find(ps.key); it != st.varied.end()) {
    diag.add(at + ": key '" + ps.key + "' is already varied at " + it->second);
    return false;
  }
  if (st.fixed_keys.count(ps.key)) {
    diag.add(at + ": key '" + ps.key + "' is both varied and fixed in [set]");
    return false;
  }
  if (st.arm_keys.count(ps.key)) {
    diag.add(at + ": key '" + ps.key +
             "' is set by an arm of the base experiment; varying it "
             "would erase the difference between the arms");
    return false;
  }
  st.varied[ps.key] = at;
  return true;
}

// One [factorial] key: a list of levels or a range. False when it gives no parameter.
bool factorial_levels(const ParamSpec& ps, const toml::node& node, FactorialParameter& fp,
                      Diagnostics& diag) {
  const std::string at = diag.at(node);
  if (auto arr = node.as_array()) {
    for (const auto& el : *arr) {
      ParamValue v;
      if (!toml_to_param(ps.kind, el, v)) {
        diag.add(diag.at(el) + ": level of '" + ps.key + "': expected " + kind_name(ps.kind));
        continue;
      }
      check_range(ps, v, diag.at(el), diag);
      fp.levels.push_back(v);
    }
  } else if (auto t = node.as_table()) {
    const std::size_t before = diag.count();
    fp.levels = range_levels(ps, *t, at, diag);
    if (diag.count() > before) return false;
    for (const auto& v : fp.levels) check_range(ps, v, at, diag);
  } else {
    diag.add(at + ": '" + ps.key +
             "' in [factorial] must be a list of levels or a range "
             "{start, stop, step} / {start, stop, count}; fixed values go in [set]");
    return false;
  }
  std::set<std::string> seen;
  for (const auto& v : fp.levels)
    if (!seen.insert(format_value(v)).second)
      diag.add(at + ": '" + ps.key + "' lists level " + format_value(v) + " twice");
  if (fp.levels.empty()) diag.add(at + ": '" + ps.key + "' has no levels");
  return true;
}

// [factorial]: key = [levels] | {start, stop, step} | {start, stop, count}.
void parse_factorial_section(const toml::table& root, SweepSpec& spec, ParseState& st,
                             Diagnostics& diag) {
  auto fac = root["factorial"].as_table();
  if (!fac) return;
  walk_keys(*fac, "", diag, [&](const ParamSpec& ps, const toml::node& node) {
    const std::string at = diag.at(node);
    if (!claim_varied(ps, at, st, diag)) return;
    FactorialParameter fp{
        ps.key, ps.kind, {}, at, node.source().begin.line, node.source().begin.column};
    if (factorial_levels(ps, node, fp, diag)) spec.factorial.push_back(std::move(fp));
  });
  written_order(spec.factorial);
}

// One sampled key of [lhs], [morris] or [sobol]: {min, max}, appended to `out`.
void lhs_parameter(const ParamSpec& ps, const toml::node& node, std::vector<LhsParameter>& out,
                   const std::string& section, ParseState& st, Diagnostics& diag) {
  const std::string at = diag.at(node);
  if (!claim_varied(ps, at, st, diag)) return;
  auto t = node.as_table();
  if (!t || !t->get("min") || !t->get("max") || t->size() != 2) {
    diag.add(at + ": '" + ps.key + "' in [" + section + "] must be a range {min = .., max = ..}");
    return;
  }
  if (ps.kind != ParamKind::Integer && ps.kind != ParamKind::Real) {
    diag.add(at + ": '" + ps.key + "' is " + kind_name(ps.kind) +
             "; only numeric keys can be sampled (put it in [factorial])");
    return;
  }
  ParamValue lo, hi;
  if (!toml_to_param(ps.kind, *t->get("min"), lo) || !toml_to_param(ps.kind, *t->get("max"), hi)) {
    diag.add(at + ": range of '" + ps.key + "' must be " + kind_name(ps.kind));
    return;
  }
  check_range(ps, lo, at, diag);
  check_range(ps, hi, at, diag);
  LhsParameter lp{ps.key,
                  ps.kind,
                  as_number(lo),
                  as_number(hi),
                  at,
                  node.source().begin.line,
                  node.source().begin.column};
  if (lp.max < lp.min) diag.add(at + ": range of '" + ps.key + "' has max below min");
  // A sensitivity index is a derivative or a share of variance over the range: a range of
  // one value has neither.
  if (section != "lhs" && !(lp.max > lp.min))
    diag.add(at + ": range of '" + ps.key + "' in [" + section + "] needs max above min");
  out.push_back(lp);
}

// [lhs]: samples, seed and the sampled keys.
void parse_lhs_section(const toml::table& root, SweepSpec& spec, ParseState& st,
                       Diagnostics& diag) {
  auto lhs = root["lhs"].as_table();
  if (!lhs) return;
  const std::string lhs_at = diag.at(*lhs);
  bool has_samples = false, named = false;
  std::vector<std::pair<std::string, const toml::node*>> params;
  for (auto&& [k, node] : *lhs) {
    const std::string key(k.str());
    const std::string at = diag.at(node);
    if (key != "samples" && key != "seed") {
      params.emplace_back(key, &node);
      continue;
    }
    const bool seed = key == "seed";
    auto v = node.as_integer();
    if (!v || v->get() < (seed ? 0 : 1) || v->get() > (seed ? 4000000000LL : 1000000)) {
      diag.add(at + ": [lhs] " + key + " must be a whole number" +
               (seed ? " in [0, 4e9]" : " in [1, 1e6]"));
      continue;
    }
    if (seed) {
      spec.lhs_seed = static_cast<std::uint64_t>(v->get());
    } else {
      spec.lhs_samples = v->get();
      has_samples = true;
    }
  }
  auto sample = [&](const ParamSpec& ps, const toml::node& node) {
    named = true;
    lhs_parameter(ps, node, spec.lhs, "lhs", st, diag);
  };
  walk_sampled(params, diag, sample);
  written_order(spec.lhs);
  if (!has_samples) diag.add(lhs_at + ": [lhs] needs samples = N");
  if (!named) diag.add(lhs_at + ": [lhs] names no parameter to sample");
}

// Most points a [morris] or [sobol] design may have: each is at least one run, and a sweep
// resolves every run before it starts (as kMaxLevels for ranges).
constexpr std::int64_t kMaxSensitivityPoints = 1000000;

// [morris] (trajectories, levels, seed) or [sobol] (samples, seed), and the sampled keys
// {min, max}. Only one of [factorial]/[lhs], [morris] and [sobol] may be given.
void parse_sensitivity_section(const toml::table& root, const std::string& section,
                               SweepSpec& spec, ParseState& st, Diagnostics& diag) {
  auto sec = root[section].as_table();
  if (!sec) return;
  const std::string sec_at = diag.at(*sec);
  const bool morris = section == "morris";
  const bool second = spec.sensitivity.method != SensitivityMethod::None;
  if (second)
    diag.add(sec_at + ": [" + section + "] and [" + method_name(spec.sensitivity.method) +
             "] cannot both be given: a sweep has one design");
  for (const char* other : {"factorial", "lhs"})
    if (root[other].as_table())
      diag.add(sec_at + ": [" + section + "] cannot be combined with [" + other +
               "]: its indices need the design's own points (run a separate sweep)");
  // The second of two designs is still checked, so that all its mistakes show at once.
  SensitivitySpec parsed;
  SensitivitySpec& ss = second ? parsed : spec.sensitivity;
  ss.method = morris ? SensitivityMethod::Morris : SensitivityMethod::Sobol;
  const std::string size_key = morris ? "trajectories" : "samples";
  bool has_size = false, named = false;
  std::vector<std::pair<std::string, const toml::node*>> params;
  for (auto&& [k, node] : *sec) {
    const std::string key(k.str());
    const std::string at = diag.at(node);
    const bool is_levels = morris && key == "levels";
    if (key != size_key && key != "seed" && !is_levels) {
      params.emplace_back(key, &node);
      continue;
    }
    auto v = node.as_integer();
    if (key == "seed") {
      if (!v || v->get() < 0 || v->get() > 4000000000LL)
        diag.add(at + ": [" + section + "] seed must be a whole number in [0, 4e9]");
      else
        ss.seed = static_cast<std::uint64_t>(v->get());
    } else if (is_levels) {
      // Even p: a step of p / (2(p - 1)) then pairs every lower level with an upper one, so
      // every level is equally likely (Morris 1991).
      if (!v || v->get() < 2 || v->get() > 100 || v->get() % 2 != 0)
        diag.add(at + ": [morris] levels must be an even whole number in [2, 100]");
      else
        ss.levels = v->get();
    } else {
      constexpr std::int64_t lo = 2;
      if (!v || v->get() < lo || v->get() > kMaxSensitivityPoints)
        diag.add(at + ": [" + section + "] " + size_key + " must be a whole number in [" +
                 std::to_string(lo) + ", 1e6]" +
                 (morris ? " (two or more trajectories give a bootstrap interval)"
                         : " (two or more base rows give a variance)"));
      else if (morris)
        ss.trajectories = v->get(), has_size = true;
      else
        ss.samples = v->get(), has_size = true;
    }
  }
  auto sample = [&](const ParamSpec& ps, const toml::node& node) {
    named = true;
    lhs_parameter(ps, node, ss.params, section, st, diag);
  };
  walk_sampled(params, diag, sample);
  written_order(ss.params);
  if (!has_size)
    diag.add(sec_at + ": [" + section + "] needs " + size_key + " = " + (morris ? "R" : "N"));
  if (!named) diag.add(sec_at + ": [" + section + "] names no parameter to sample");
  const auto k = static_cast<std::int64_t>(ss.params.size());
  const std::int64_t points = morris ? ss.trajectories * (k + 1) : ss.samples * (k + 2);
  if (has_size && named && points > kMaxSensitivityPoints)
    diag.add(sec_at + ": [" + section + "] gives " + std::to_string(points) +
             " design points, too many: at most " + std::to_string(kMaxSensitivityPoints) +
             " (every point is at least one run)");
}

// [sweep] baseline must name an arm of the base experiment.
void check_baseline(const SweepSpec& spec, const ParseState& st, Diagnostics& diag) {
  if (spec.baseline.empty() && st.baseline_at.empty()) return;
  std::string names;
  for (const auto& arm : spec.doc.arms) {
    if (arm.name == spec.baseline) return;
    names += std::string(names.empty() ? "" : ", ") + arm.name;
  }
  diag.add(st.baseline_at + ": [sweep] baseline '" + spec.baseline + "' is not an arm of the " +
           "base experiment" + (names.empty() ? " (it has a single arm)" : " (arms: " + names + ")"));
}

// The base seed: [sweep] seed, else run.seed as the base experiment and [set] leave it.
void resolve_base_seed(SweepSpec& spec, const ParseState& st) {
  if (st.has_seed) return;
  try {
    spec.base_seed = build_config({&spec.doc.base, &spec.fixed}).run.seed;
  } catch (const ConfigError&) {
    // Reported per run: the base may only validate together with the design values.
    for (const auto& a : spec.fixed)
      if (a.key == "run.seed") spec.base_seed = std::get<std::int64_t>(a.value);
    for (const auto& a : spec.doc.base)
      if (a.key == "run.seed" && !st.fixed_keys.count("run.seed"))
        spec.base_seed = std::get<std::int64_t>(a.value);
  }
}

}  // namespace

SweepSpec parse_sweep(const std::string& text, const std::string& source_name,
                      const std::string& base_dir) {
  Diagnostics diag(source_name);
  toml::table root;
  try {
    root = toml::parse(std::string_view(text), std::string_view(source_name));
  } catch (const toml::parse_error& e) {
    throw ConfigError(
        {where(source_name, e.source()) + ": TOML syntax error: " + std::string(e.description())});
  }
  SweepSpec spec;
  spec.source_name = source_name;
  spec.text = text;
  ParseState st;
  check_sections(root, diag);
  parse_sweep_section(root, spec, st, diag);
  load_base(spec, st, base_dir, diag);
  if (spec.name.empty()) spec.name = fs::path(source_name).stem().string();
  parse_set_section(root, spec, st, diag);
  parse_factorial_section(root, spec, st, diag);
  parse_lhs_section(root, spec, st, diag);
  parse_sensitivity_section(root, "morris", spec, st, diag);
  parse_sensitivity_section(root, "sobol", spec, st, diag);
  check_baseline(spec, st, diag);
  if (diag.empty()) resolve_base_seed(spec, st);
  if (!diag.empty()) throw ConfigError(diag.in_file_order());
  return spec;
}

}  // namespace placesim

namespace placesim {

SweepAnalysisSpec parse_sweep_analysis(const std::string& text, const std::string& source_name) {
  SweepAnalysisSpec out;
  try {
    const toml::table root = toml::parse(std::string_view(text), std::string_view(source_name));
    Diagnostics diag(source_name);
    SweepSpec spec;
    ParseState st;
    parse_sweep_section(root, spec, st, diag);
    parse_sensitivity_section(root, "morris", spec, st, diag);
    parse_sensitivity_section(root, "sobol", spec, st, diag);
    out.baseline = spec.baseline;
    if (diag.empty()) out.sensitivity = spec.sensitivity;
  } catch (const toml::parse_error&) {
  }
  return out;
}

}  // namespace placesim
