#include "experiments/sweep_design.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "experiments/preset_registry.hpp"
#include "sim/text_file.hpp"

namespace placesim {
namespace fs = std::filesystem;
namespace {

std::string where(const std::string& source, const toml::source_region& r) {
  return source + ":" + std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column);
}

std::string num(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

const char* kind_name(ParamKind k) {
  switch (k) {
    case ParamKind::Integer:
      return "an integer";
    case ParamKind::Real:
      return "a number";
    case ParamKind::Boolean:
      return "true or false";
    case ParamKind::Text:
      return "a string";
  }
  return "?";
}

bool is_integral(double x) {
  return std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 9.0e15;
}

// One TOML leaf as a value of the key's type.
bool to_value(ParamKind kind, const toml::node& node, ParamValue& out) {
  switch (kind) {
    case ParamKind::Integer:
      if (auto v = node.as_integer()) {
        out = v->get();
        return true;
      }
      if (auto v = node.as_floating_point(); v && is_integral(v->get())) {
        out = static_cast<std::int64_t>(v->get());
        return true;
      }
      return false;
    case ParamKind::Real:
      if (auto v = node.as_floating_point()) {
        out = v->get();
        return true;
      }
      if (auto v = node.as_integer()) {
        out = static_cast<double>(v->get());
        return true;
      }
      return false;
    case ParamKind::Boolean:
      if (auto v = node.as_boolean()) {
        out = v->get();
        return true;
      }
      return false;
    case ParamKind::Text:
      if (auto v = node.as_string()) {
        out = v->get();
        return true;
      }
      return false;
  }
  return false;
}

double as_number(const ParamValue& v) {
  if (auto i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto d = std::get_if<double>(&v)) return *d;
  return 0;
}

// Out-of-range values are errors of the sweep file (exit 2), not failed runs: they can be
// pointed at with a line number before anything runs.
void check_range(const ParamSpec& spec, const ParamValue& v, const std::string& at,
                 std::vector<std::string>& errors) {
  if (spec.kind != ParamKind::Integer && spec.kind != ParamKind::Real) return;
  const double x = as_number(v);
  if (!std::isfinite(x) || x < spec.min || x > spec.max)
    errors.push_back(at + ": key '" + spec.key + "' value " + num(x) + " is out of range [" +
                     num(spec.min) + ", " + num(spec.max) + "]" +
                     (spec.unit.empty() ? "" : " (" + spec.unit + ")"));
}

std::string unknown_key(const std::string& at, const std::string& key) {
  return at + ": unknown key '" + key + "' (did you mean '" + nearest_param(key) +
         "'? `placesim params` lists every key)";
}

// Walk a table whose leaves are registry keys, written dotted, quoted or as nested tables.
// `leaf` gets each registered key with its node (which may itself be a table, such as a range).
template <class F>
void walk_keys(const toml::table& t, const std::string& prefix, const std::string& source,
               std::vector<std::string>& errors, F&& leaf) {
  for (auto&& [k, node] : t) {
    const std::string key =
        prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const ParamSpec* spec = find_param(key)) {
      leaf(*spec, node);
      continue;
    }
    if (auto sub = node.as_table()) {
      walk_keys(*sub, key, source, errors, leaf);
      continue;
    }
    errors.push_back(unknown_key(where(source, node.source()), key));
  }
}

std::vector<ParamValue> range_levels(const ParamSpec& spec, const toml::table& t,
                                     const std::string& source, const std::string& at,
                                     std::vector<std::string>& errors) {
  std::vector<ParamValue> out;
  for (auto&& [k, node] : t) {
    const std::string rk(k.str());
    if (rk != "start" && rk != "stop" && rk != "step" && rk != "count")
      errors.push_back(where(source, node.source()) + ": unknown range key '" + rk +
                       "' (a range is {start, stop, step} or {start, stop, count})");
  }
  if (spec.kind != ParamKind::Integer && spec.kind != ParamKind::Real) {
    errors.push_back(at + ": key '" + spec.key + "' is " + kind_name(spec.kind) +
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
      errors.push_back(at + ": range '" + name + "' of '" + spec.key + "' must be a number");
      return false;
    }
    return true;
  };
  double start = 0, stop = 0, step = 0, count = 0;
  const bool has_start = number("start", start), has_stop = number("stop", stop);
  const bool has_step = number("step", step), has_count = number("count", count);
  if (!has_start || !has_stop || has_step == has_count) {
    errors.push_back(at + ": range of '" + spec.key +
                     "' needs start, stop and exactly one of step or count");
    return out;
  }
  std::vector<double> xs;
  if (has_step) {
    if (!(step > 0) || stop < start) {
      errors.push_back(at + ": range of '" + spec.key + "' needs step > 0 and stop >= start");
      return out;
    }
    // stop is included when it lies on the grid (to rounding).
    const double n = std::floor((stop - start) / step + 1e-9);
    if (n > 1e6) {
      errors.push_back(at + ": range of '" + spec.key + "' has more than a million levels");
      return out;
    }
    for (std::int64_t i = 0; i <= static_cast<std::int64_t>(n); ++i)
      xs.push_back(start + static_cast<double>(i) * step);
  } else {
    if (!is_integral(count) || count < 1 || count > 1e6) {
      errors.push_back(at + ": range 'count' of '" + spec.key + "' must be a whole number >= 1");
      return out;
    }
    const auto n = static_cast<std::int64_t>(count);
    for (std::int64_t i = 0; i < n; ++i)
      xs.push_back(n == 1 ? start
                          : start + (stop - start) * static_cast<double>(i) /
                                        static_cast<double>(n - 1));
  }
  for (double x : xs) {
    if (spec.kind == ParamKind::Integer) {
      const double r = std::round(x);
      if (std::fabs(r - x) > 1e-9) {
        errors.push_back(at + ": range of integer key '" + spec.key + "' gives non-integer level " +
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

std::string pad(std::int64_t v, int width) {
  std::string s = std::to_string(v);
  if (static_cast<int>(s.size()) < width)
    s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
  return s;
}

int digits(std::int64_t n) {
  int d = 1;
  while (n >= 10) {
    n /= 10;
    ++d;
  }
  return d;
}

// toml++ reports an empty region for a missing node; point at the section instead.
std::string section_at(const std::string& source, const toml::node& n) {
  return where(source, n.source());
}

}  // namespace

std::string fnv1a_hex(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string config_hash(const std::vector<std::pair<std::string, std::string>>& arm_tomls) {
  std::string all;
  for (const auto& [name, toml_text] : arm_tomls) {
    all += "[arm " + name + "]\n";
    std::istringstream in(toml_text);
    std::string line;
    while (std::getline(in, line))
      if (line.rfind("run.threads", 0) != 0) all += line + "\n";
  }
  return fnv1a_hex(all);
}

std::string format_value(const ParamValue& v) {
  if (auto i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (auto d = std::get_if<double>(&v)) {
    // The shortest form that reads back to the same double.
    char buf[40];
    for (int prec = 15; prec <= 17; ++prec) {
      std::snprintf(buf, sizeof buf, "%.*g", prec, *d);
      if (std::strtod(buf, nullptr) == *d) break;
    }
    std::string s = buf;
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
  }
  std::string s = "\"";
  for (char c : std::get<std::string>(v)) {
    if (c == '"' || c == '\\') s += '\\';
    if (c == '\n') {
      s += "\\n";
      continue;
    }
    s += c;
  }
  return s + "\"";
}

SweepSpec parse_sweep(const std::string& text, const std::string& source_name,
                      const std::string& base_dir) {
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
  std::vector<std::string> errors;
  const std::string file_at = source_name + ":1:1";

  for (auto&& [k, node] : root) {
    const std::string key(k.str());
    if (key != "sweep" && key != "set" && key != "factorial" && key != "lhs")
      errors.push_back(where(source_name, node.source()) + ": unknown section '" + key +
                       "' (a sweep file has [sweep], [set], [factorial] and [lhs])");
    else if (!node.is_table())
      errors.push_back(where(source_name, node.source()) + ": '" + key + "' must be a table");
  }

  // [sweep]
  std::string base_at = file_at;
  bool has_seed = false;
  if (auto sw = root["sweep"].as_table()) {
    for (auto&& [k, node] : *sw) {
      const std::string key(k.str());
      const std::string at = where(source_name, node.source());
      if (key == "name" || key == "description" || key == "base") {
        if (!node.is_string()) {
          errors.push_back(at + ": [sweep] " + key + " must be a string");
          continue;
        }
        if (key == "name") spec.name = node.as_string()->get();
        if (key == "base") {
          spec.base = node.as_string()->get();
          base_at = at;
        }
      } else if (key == "replicates" || key == "seed") {
        auto v = node.as_integer();
        if (!v || v->get() < (key == "seed" ? 0 : 1) ||
            v->get() > (key == "seed" ? 4000000000LL : 100000)) {
          errors.push_back(at + ": [sweep] " + key +
                           (key == "seed" ? " must be an integer in [0, 4e9]"
                                          : " must be an integer in [1, 100000]"));
          continue;
        }
        if (key == "replicates")
          spec.replicates = v->get();
        else {
          spec.base_seed = v->get();
          has_seed = true;
        }
      } else {
        errors.push_back(at + ": unknown key '" + key +
                         "' in [sweep] (known: name, description, base, replicates, seed)");
      }
    }
  }
  if (spec.base.empty()) {
    errors.push_back(file_at + ": [sweep] base is required: a preset name or an experiment file");
  } else {
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
        errors.push_back(base_at + ": base '" + spec.base + "' is not a preset (known: " + names +
                         "); give a file as a path ending in .toml");
      }
    } catch (const ConfigError& e) {
      for (const auto& m : e.messages()) errors.push_back(base_at + ": in base experiment: " + m);
    }
  }
  if (spec.name.empty()) spec.name = fs::path(source_name).stem().string();

  // [set]
  std::set<std::string> arm_keys;
  for (const auto& arm : spec.doc.arms)
    for (const auto& a : arm.assignments) arm_keys.insert(a.key);
  std::map<std::string, std::string> varied;  // key -> where
  if (auto set = root["set"].as_table()) {
    walk_keys(*set, "", source_name, errors, [&](const ParamSpec& ps, const toml::node& node) {
      const std::string at = where(source_name, node.source());
      ParamValue v;
      if (!to_value(ps.kind, node, v)) {
        errors.push_back(at + ": key '" + ps.key + "': expected " + kind_name(ps.kind));
        return;
      }
      if (ps.key == "run.threads") {
        errors.push_back(
            at + ": run.threads is set by `placesim sweep --threads`, not in the sweep file");
        return;
      }
      check_range(ps, v, at, errors);
      spec.fixed.push_back({ps.key, v, at});
    });
  }
  std::set<std::string> fixed_keys;
  for (const auto& a : spec.fixed) fixed_keys.insert(a.key);

  auto check_varied = [&](const ParamSpec& ps, const std::string& at) {
    if (ps.key == "run.seed") {
      errors.push_back(
          at +
          ": run.seed cannot be varied; use [sweep] replicates (seed = base seed + replicate)");
      return false;
    }
    if (ps.key == "run.threads") {
      errors.push_back(at + ": run.threads never changes results; set it with --threads");
      return false;
    }
    if (auto it = varied.find(ps.key); it != varied.end()) {
      errors.push_back(at + ": key '" + ps.key + "' is already varied at " + it->second);
      return false;
    }
    if (fixed_keys.count(ps.key)) {
      errors.push_back(at + ": key '" + ps.key + "' is both varied and fixed in [set]");
      return false;
    }
    if (arm_keys.count(ps.key)) {
      errors.push_back(at + ": key '" + ps.key +
                       "' is set by an arm of the base experiment; varying it "
                       "would erase the difference between the arms");
      return false;
    }
    varied[ps.key] = at;
    return true;
  };

  // [factorial]
  if (auto fac = root["factorial"].as_table()) {
    walk_keys(*fac, "", source_name, errors, [&](const ParamSpec& ps, const toml::node& node) {
      const std::string at = where(source_name, node.source());
      if (!check_varied(ps, at)) return;
      FactorialParameter fp{
          ps.key, ps.kind, {}, at, node.source().begin.line, node.source().begin.column};
      if (auto arr = node.as_array()) {
        for (const auto& el : *arr) {
          ParamValue v;
          if (!to_value(ps.kind, el, v)) {
            errors.push_back(where(source_name, el.source()) + ": level of '" + ps.key +
                             "': expected " + kind_name(ps.kind));
            continue;
          }
          check_range(ps, v, where(source_name, el.source()), errors);
          fp.levels.push_back(v);
        }
      } else if (auto t = node.as_table()) {
        const std::size_t before = errors.size();
        fp.levels = range_levels(ps, *t, source_name, at, errors);
        if (errors.size() > before) return;
        for (const auto& v : fp.levels) check_range(ps, v, at, errors);
      } else {
        errors.push_back(at + ": '" + ps.key +
                         "' in [factorial] must be a list of levels or a range "
                         "{start, stop, step} / {start, stop, count}; fixed values go in [set]");
        return;
      }
      std::set<std::string> seen;
      for (const auto& v : fp.levels)
        if (!seen.insert(format_value(v)).second)
          errors.push_back(at + ": '" + ps.key + "' lists level " + format_value(v) + " twice");
      if (fp.levels.empty()) errors.push_back(at + ": '" + ps.key + "' has no levels");
      spec.factorial.push_back(std::move(fp));
    });
  }

  // toml++ keeps keys sorted; the design follows the order they are written in.
  auto written_order = [](auto& params) {
    std::stable_sort(params.begin(), params.end(), [](const auto& a, const auto& b) {
      return std::make_pair(a.line, a.column) < std::make_pair(b.line, b.column);
    });
  };
  written_order(spec.factorial);

  // [lhs]
  if (auto lhs = root["lhs"].as_table()) {
    const std::string lhs_at = section_at(source_name, *lhs);
    bool has_samples = false;
    std::vector<std::pair<std::string, const toml::node*>> params;
    for (auto&& [k, node] : *lhs) {
      const std::string key(k.str());
      const std::string at = where(source_name, node.source());
      if (key == "samples" || key == "seed") {
        auto v = node.as_integer();
        if (!v || v->get() < (key == "seed" ? 0 : 1) ||
            v->get() > (key == "seed" ? 4000000000LL : 1000000)) {
          errors.push_back(at + ": [lhs] " + key + " must be a whole number" +
                           (key == "seed" ? " in [0, 4e9]" : " in [1, 1e6]"));
          continue;
        }
        if (key == "samples") {
          spec.lhs_samples = v->get();
          has_samples = true;
        } else
          spec.lhs_seed = static_cast<std::uint64_t>(v->get());
      } else {
        params.emplace_back(key, &node);
      }
    }
    bool named = false;
    auto sample_param = [&](const ParamSpec& ps, const toml::node& node) {
      named = true;
      const std::string at = where(source_name, node.source());
      if (!check_varied(ps, at)) return;
      auto t = node.as_table();
      if (!t || !t->get("min") || !t->get("max") || t->size() != 2) {
        errors.push_back(at + ": '" + ps.key + "' in [lhs] must be a range {min = .., max = ..}");
        return;
      }
      if (ps.kind != ParamKind::Integer && ps.kind != ParamKind::Real) {
        errors.push_back(at + ": '" + ps.key + "' is " + kind_name(ps.kind) +
                         "; only numeric keys can be sampled (put it in [factorial])");
        return;
      }
      ParamValue lo, hi;
      if (!to_value(ps.kind, *t->get("min"), lo) || !to_value(ps.kind, *t->get("max"), hi)) {
        errors.push_back(at + ": range of '" + ps.key + "' must be " + kind_name(ps.kind));
        return;
      }
      check_range(ps, lo, at, errors);
      check_range(ps, hi, at, errors);
      LhsParameter lp{ps.key,
                      ps.kind,
                      as_number(lo),
                      as_number(hi),
                      at,
                      node.source().begin.line,
                      node.source().begin.column};
      if (lp.max < lp.min) errors.push_back(at + ": range of '" + ps.key + "' has max below min");
      spec.lhs.push_back(lp);
    };
    for (const auto& [key, node] : params) {
      if (const ParamSpec* ps = find_param(key))
        sample_param(*ps, *node);
      else if (auto sub = node->as_table())
        walk_keys(*sub, key, source_name, errors, sample_param);
      else
        errors.push_back(unknown_key(where(source_name, node->source()), key));
    }
    written_order(spec.lhs);
    if (!has_samples) errors.push_back(lhs_at + ": [lhs] needs samples = N");
    if (!named) errors.push_back(lhs_at + ": [lhs] names no parameter to sample");
  }

  // The base seed: [sweep] seed, else run.seed as the base experiment and [set] leave it.
  if (!has_seed && errors.empty()) {
    try {
      spec.base_seed = build_config({&spec.doc.base, &spec.fixed}).run.seed;
    } catch (const ConfigError&) {
      // Reported per run: the base may only validate together with the design values.
      for (const auto& a : spec.fixed)
        if (a.key == "run.seed") spec.base_seed = std::get<std::int64_t>(a.value);
      for (const auto& a : spec.doc.base)
        if (a.key == "run.seed" && !fixed_keys.count("run.seed"))
          spec.base_seed = std::get<std::int64_t>(a.value);
    }
  }
  if (!errors.empty()) throw ConfigError(std::move(errors));
  return spec;
}

SweepSpec load_sweep_file(const std::string& path) {
  std::string text;
  try {
    text = read_text_file(path, "sweep file");
  } catch (const TextFileError& e) {
    throw ConfigError({e.what()});
  }
  const fs::path dir = fs::path(path).parent_path();
  return parse_sweep(text, path, dir.empty() ? "." : dir.string());
}

std::vector<DesignColumn> design_columns(const SweepSpec& spec) {
  std::vector<DesignColumn> cols;
  for (const auto& f : spec.factorial) cols.push_back({f.key, f.kind});
  for (const auto& l : spec.lhs) cols.push_back({l.key, l.kind});
  return cols;
}

std::vector<std::vector<double>> latin_hypercube(std::int64_t samples, std::size_t dims,
                                                 std::uint64_t seed) {
  // mt19937_64's output sequence is fixed by the standard; the distributions are not, so
  // uniforms and shuffles are derived from raw draws here.
  std::mt19937_64 gen(seed);
  auto uniform = [&] { return static_cast<double>(gen() >> 11) * 0x1.0p-53; };
  const auto n = static_cast<std::size_t>(samples);
  std::vector<std::vector<double>> out(n, std::vector<double>(dims));
  std::vector<std::size_t> perm(n);
  for (std::size_t d = 0; d < dims; ++d) {
    for (std::size_t i = 0; i < n; ++i) perm[i] = i;
    for (std::size_t i = n; i > 1; --i) std::swap(perm[i - 1], perm[gen() % i]);
    for (std::size_t i = 0; i < n; ++i)
      out[i][d] = (static_cast<double>(perm[i]) + uniform()) / static_cast<double>(n);
  }
  return out;
}

std::vector<std::vector<ParamValue>> design_points(const SweepSpec& spec) {
  std::vector<std::vector<ParamValue>> fac{{}};
  for (const auto& f : spec.factorial) {
    std::vector<std::vector<ParamValue>> next;
    for (const auto& row : fac)
      for (const auto& level : f.levels) {
        auto r = row;
        r.push_back(level);
        next.push_back(std::move(r));
      }
    fac = std::move(next);
  }
  if (spec.lhs.empty()) return fac;
  const auto unit = latin_hypercube(spec.lhs_samples, spec.lhs.size(), spec.lhs_seed);
  std::vector<std::vector<ParamValue>> samples;
  for (const auto& u : unit) {
    std::vector<ParamValue> row;
    for (std::size_t d = 0; d < spec.lhs.size(); ++d) {
      const auto& p = spec.lhs[d];
      if (p.kind == ParamKind::Integer) {
        // Stratum u of [min, max + 1), floored: every integer gets its share of samples.
        const double x = std::floor(p.min + u[d] * (p.max - p.min + 1));
        row.push_back(static_cast<std::int64_t>(std::min(x, p.max)));
      } else {
        row.push_back(p.min + u[d] * (p.max - p.min));
      }
    }
    samples.push_back(std::move(row));
  }
  std::vector<std::vector<ParamValue>> out;
  for (const auto& f : fac)
    for (const auto& s : samples) {
      auto r = f;
      r.insert(r.end(), s.begin(), s.end());
      out.push_back(std::move(r));
    }
  return out;
}

SweepPlan plan_sweep(const SweepSpec& spec) {
  SweepPlan plan;
  plan.spec = spec;
  plan.columns = design_columns(spec);
  const auto points = design_points(spec);
  const int wp = std::max(3, digits(static_cast<std::int64_t>(points.size()) - 1));
  const int wr = std::max(2, digits(spec.replicates - 1));
  std::string all;
  for (std::size_t p = 0; p < points.size(); ++p) {
    for (std::int64_t r = 0; r < spec.replicates; ++r) {
      PlannedRun run;
      run.point = static_cast<std::int64_t>(p);
      run.replicate = r;
      run.index = static_cast<std::int64_t>(p) * spec.replicates + r;
      run.id = "p" + pad(run.point, wp) + "-r" + pad(r, wr);
      run.seed = spec.base_seed + r;
      run.values = points[p];
      run.overrides = spec.fixed;
      for (std::size_t c = 0; c < plan.columns.size(); ++c)
        run.overrides.push_back(
            {plan.columns[c].key, points[p][c], "sweep point " + std::to_string(p)});
      run.overrides.push_back({"run.seed", run.seed, "sweep replicate " + std::to_string(r)});
      try {
        run.arms = prepare_arms(RunRequest{spec.doc, run.overrides});
        std::vector<std::pair<std::string, std::string>> tomls;
        for (const auto& a : run.arms) tomls.emplace_back(a.name, to_toml(a.cfg));
        run.config_hash = config_hash(tomls);
      } catch (const ConfigError& e) {
        run.error = e.what();
        std::string desc = "unresolved " + spec.doc.source_name + "\n";
        for (const auto& a : run.overrides) desc += a.key + " = " + format_value(a.value) + "\n";
        run.config_hash = fnv1a_hex(desc);
      }
      all += run.id + " " + run.config_hash + "\n";
      plan.runs.push_back(std::move(run));
    }
  }
  plan.design_hash = fnv1a_hex(all);
  return plan;
}

}  // namespace placesim
