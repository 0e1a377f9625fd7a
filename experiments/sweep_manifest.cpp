// The manifest (DIR/manifest.toml): the resolved design, to and from TOML, and the check
// that a restarted sweep resolves to the same runs.
#include <toml++/toml.h>

#include <filesystem>
#include <sstream>
#include <variant>

#include "experiments/sweep.hpp"
#include "experiments/sweep_files.hpp"

namespace placesim {
namespace fs = std::filesystem;
namespace {

ParamValue manifest_value(ParamKind k, const toml::node& v) {
  switch (k) {
    case ParamKind::Integer:
      return ParamValue(std::in_place_type<std::int64_t>, v.value_or(std::int64_t{0}));
    case ParamKind::Real:
      return ParamValue(std::in_place_type<double>, v.value_or(0.0));
    case ParamKind::Boolean:
      return ParamValue(std::in_place_type<bool>, v.value_or(false));
    case ParamKind::Text:
      break;
  }
  return ParamValue(std::in_place_type<std::string>, v.value_or(std::string()));
}

ParamKind kind_of(const std::string& key) {
  const ParamSpec* s = find_param(key);
  return s ? s->kind : ParamKind::Real;
}

}  // namespace

Manifest make_manifest(const SweepPlan& plan) {
  Manifest m;
  m.name = plan.spec.name;
  m.sweep_toml = plan.spec.text;
  m.base = plan.spec.doc.source_name;
  m.design_hash = plan.design_hash;
  m.columns = plan.columns;
  for (const auto& r : plan.runs)
    m.runs.push_back({r.id, r.point, r.replicate, r.seed, r.config_hash, r.values});
  return m;
}

std::string manifest_to_toml(const Manifest& m) {
  toml::array columns;
  for (const auto& c : m.columns) columns.push_back(c.key);
  toml::array runs;
  for (const auto& r : m.runs) {
    toml::array values;
    for (const auto& v : r.values) std::visit([&](const auto& x) { values.push_back(x); }, v);
    runs.push_back(toml::table{{"id", r.id},
                               {"point", r.point},
                               {"replicate", r.replicate},
                               {"seed", r.seed},
                               {"config_hash", r.config_hash},
                               {"values", std::move(values)}});
  }
  const toml::table t{{"format", 1},
                      {"name", m.name},
                      {"base", m.base},
                      {"design_hash", m.design_hash},
                      {"sweep_toml", m.sweep_toml},
                      {"columns", std::move(columns)},
                      {"runs", std::move(runs)}};
  std::ostringstream out;
  out << "# placesim sweep manifest: the resolved design of the sweep in this directory.\n"
         "# Written before any run; a restart must resolve to the same runs. Do not edit.\n";
  // No indentation: the [[runs]] entries stay flush left, as in a hand-written file.
  out << toml::toml_formatter(
             t, toml::toml_formatter::default_flags & ~toml::format_flags::indentation)
      << "\n";
  return out.str();
}

Manifest manifest_from_toml(const std::string& text, const std::string& source) {
  Manifest m;
  try {
    toml::table t = toml::parse(std::string_view(text), std::string_view(source));
    m.name = t["name"].value_or(std::string());
    m.base = t["base"].value_or(std::string());
    m.design_hash = t["design_hash"].value_or(std::string());
    m.sweep_toml = t["sweep_toml"].value_or(std::string());
    if (auto cols = t["columns"].as_array())
      for (const auto& c : *cols) {
        const std::string key = c.value_or(std::string());
        m.columns.push_back({key, kind_of(key)});
      }
    if (auto runs = t["runs"].as_array())
      for (const auto& node : *runs) {
        const auto* r = node.as_table();
        if (!r) throw SweepError(source + ": malformed [[runs]] entry");
        ManifestRun mr;
        mr.id = (*r)["id"].value_or(std::string());
        mr.point = (*r)["point"].value_or(std::int64_t{0});
        mr.replicate = (*r)["replicate"].value_or(std::int64_t{0});
        mr.seed = (*r)["seed"].value_or(std::int64_t{0});
        mr.config_hash = (*r)["config_hash"].value_or(std::string());
        if (auto vals = (*r)["values"].as_array()) {
          std::size_t c = 0;
          for (const auto& v : *vals) {
            const ParamKind k = c < m.columns.size() ? m.columns[c].kind : ParamKind::Real;
            mr.values.push_back(manifest_value(k, v));
            ++c;
          }
        }
        if (mr.id.empty() || mr.values.size() != m.columns.size())
          throw SweepError(source + ": malformed run entry '" + mr.id + "'");
        m.runs.push_back(std::move(mr));
      }
  } catch (const toml::parse_error& e) {
    throw SweepError(source + ": unreadable manifest: " + std::string(e.description()));
  }
  return m;
}

Manifest read_manifest(const std::string& dir) {
  const fs::path p = fs::path(dir) / "manifest.toml";
  if (!fs::exists(p)) throw SweepError(dir + ": no manifest.toml; not a sweep directory");
  return manifest_from_toml(read_text(p), p.string());
}

void ensure_manifest(const std::string& dir, const Manifest& m) {
  const fs::path p = fs::path(dir) / "manifest.toml";
  if (!fs::exists(p)) {
    write_atomically(p, manifest_to_toml(m));
    return;
  }
  const Manifest old = manifest_from_toml(read_text(p), p.string());
  if (old.design_hash == m.design_hash) return;
  std::string what;
  if (old.runs.size() != m.runs.size()) {
    what = "the directory holds a sweep of " + std::to_string(old.runs.size()) +
           " runs, this one has " + std::to_string(m.runs.size());
  } else {
    std::string cols_old, cols_new;
    for (const auto& c : old.columns) cols_old += c.key + " ";
    for (const auto& c : m.columns) cols_new += c.key + " ";
    if (cols_old != cols_new)
      what = "the varied parameters differ (" + cols_old + "vs " + cols_new + ")";
    int shown = 0;
    std::size_t differing = 0;
    for (std::size_t i = 0; i < m.runs.size(); ++i) {
      if (old.runs[i].id == m.runs[i].id && old.runs[i].config_hash == m.runs[i].config_hash)
        continue;
      ++differing;
      if (shown++ < 3)
        what += std::string(what.empty() ? "" : "; ") + "run " + m.runs[i].id +
                " resolves to config " + m.runs[i].config_hash + ", the directory has " +
                old.runs[i].config_hash;
    }
    what +=
        " (" + std::to_string(differing) + " of " + std::to_string(m.runs.size()) + " runs differ)";
  }
  throw SweepError(dir + " holds results of a different sweep: " + what +
                   ".\nThe sweep file, its base experiment or placesim's defaults changed since "
                   "the sweep began; "
                   "mixing the two would give a summary that matches neither. Run the changed "
                   "sweep in a new --out "
                   "directory, or pass --overwrite to discard the results in " +
                   dir + ".");
}

}  // namespace placesim
