#include "experiments/sweep_design.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>
#include <sstream>

#include "experiments/sensitivity_indices.hpp"
#include "sim/text_file.hpp"

namespace placesim {
namespace fs = std::filesystem;
namespace {

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
  for (const auto& l : spec.sensitivity.params) cols.push_back({l.key, l.kind});
  return cols;
}

const char* method_name(SensitivityMethod m) {
  switch (m) {
    case SensitivityMethod::Morris: return "morris";
    case SensitivityMethod::Sobol: return "sobol";
    case SensitivityMethod::None: break;
  }
  return "";
}

std::vector<std::vector<double>> sensitivity_unit_points(const SensitivitySpec& s) {
  const std::size_t k = s.params.size();
  if (k == 0) return {};
  if (s.method == SensitivityMethod::Morris)
    return sensitivity::morris_trajectories(k, s.trajectories, static_cast<int>(s.levels),
                                            s.seed);
  if (s.method == SensitivityMethod::Sobol) return sensitivity::saltelli_points(k, s.samples);
  return {};
}

double on_decimal_grid(double x, double scale) {
  if (!(scale > 0) || !std::isfinite(x)) return x;
  const int decimals = 11 - static_cast<int>(std::floor(std::log10(scale)));
  char buf[400];
  if (decimals >= 0 && decimals <= 300)
    std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  else
    std::snprintf(buf, sizeof buf, "%.12g", x);
  return std::strtod(buf, nullptr);
}

ParamValue sensitivity_value(const LhsParameter& p, SensitivityMethod m, double u) {
  if (p.kind != ParamKind::Integer) {
    const double x = p.min + u * (p.max - p.min);
    return m == SensitivityMethod::Morris
               ? on_decimal_grid(x, std::max(std::fabs(p.min), std::fabs(p.max)))
               : x;
  }
  const double x = m == SensitivityMethod::Morris ? std::round(p.min + u * (p.max - p.min))
                                                  : std::floor(p.min + u * (p.max - p.min + 1));
  return static_cast<std::int64_t>(std::min(x, p.max));
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
  if (spec.sensitivity.method != SensitivityMethod::None) {
    std::vector<std::vector<ParamValue>> out;
    for (const auto& u : sensitivity_unit_points(spec.sensitivity)) {
      std::vector<ParamValue> row;
      for (std::size_t d = 0; d < u.size(); ++d)
        row.push_back(
            sensitivity_value(spec.sensitivity.params[d], spec.sensitivity.method, u[d]));
      out.push_back(std::move(row));
    }
    return out;
  }
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
        run.arms = prepare_arms(RunRequest{spec.doc, run.overrides, {}});
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
