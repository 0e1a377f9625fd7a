// `placesim inspect`: structure, provenance and headline figures of an output file.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "analysis/report.hpp"
#include "analysis/run_data.hpp"
#include "analysis/svg_chart.hpp"
#include "core/printable.hpp"
#include "sim/output_schema.hpp"

namespace placesim::analysis {
namespace {

std::string pad(std::string s, std::size_t w) {
  if (s.size() < w) s.append(w - s.size(), ' ');
  return s;
}

std::string shape(const std::vector<std::uint64_t>& d) {
  if (d.empty()) return "scalar";
  std::string s = "[";
  for (std::size_t i = 0; i < d.size(); ++i) s += (i ? " x " : "") + std::to_string(d[i]);
  return s + "]";
}

// Every text taken from the file (names, attribute values, units) goes through printable(): a
// file can hold any bytes, and an ESC sent to a terminal can rewrite what it shows.

// Groups and datasets, depth first; attributes of groups below the root are shown inline
// (they hold things like the network summary), long text attributes are not.
void walk(const H5Reader& f, const std::string& group, std::ostream& out) {
  for (const auto& name : f.children(group, H5Reader::Coordinates::kInclude)) {
    const std::string p = (group == "/" ? "" : group) + "/" + name;
    if (f.is_group(p)) {
      std::string attrs;
      for (const auto& a : f.attr_names(p)) {
        if (a == schema::kDescription || a == schema::kConfigToml) continue;
        auto t = f.attr_text(p, a);
        if (!t || t->size() >= 40) continue;
        attrs.append(" ").append(printable(a)).append("=").append(printable(*t));
      }
      out << pad(printable(p) + "/", 52) << "group" << attrs << "\n";
      walk(f, p, out);
    } else if (f.is_dataset(p)) {
      std::string unit = f.attr_string(p, schema::kUnits).value_or("");
      out << pad(printable(p), 52) << pad(f.type_name(p) + shape(f.dims(p)), 22) << printable(unit)
          << "\n";
    }
  }
}

void print_provenance(const std::map<std::string, std::string>& prov, std::ostream& out) {
  out << "Provenance\n";
  for (const auto& [k, v] : prov) {
    if (v.find('\n') != std::string::npos) {
      const auto lines = std::count(v.begin(), v.end(), '\n');
      out << "  " << pad(printable(k), 18) << "(" << lines
          << " lines of text; `placesim report` shows it)\n";
      continue;
    }
    out << "  " << pad(printable(k), 18) << printable(v) << "\n";
  }
}

}  // namespace

void print_inspect(const H5Reader& f, std::ostream& out) {
  const FileKind kind = detect_kind(f);
  const auto prov = read_provenance(f);
  out << printable(f.path()) << ": placesim "
      << (kind == FileKind::kSweep ? "sweep summary" : "run output") << "\n\n";
  print_provenance(prov, out);
  out << "\nStructure (dataset, type[shape], units)\n";
  walk(f, "/", out);
  out << "\n";

  if (kind == FileKind::kRun) {
    const RunData run = load_run(f);
    out << "Headline figures over " << run.tick.size() << " days, " << run.arms.front().people
        << " people"
        << (run.replicates > 1 ? ", mean of " + std::to_string(run.replicates) + " replicates"
                               : std::string())
        << " (sim/indicators.cpp)\n";
    std::size_t w = 34;
    out << "  " << pad("", w);
    for (const auto& a : run.arms) out << pad(printable(a.name), 20);
    for (std::size_t i = 1; i < run.arms.size(); ++i)
      out << printable(run.arms[i].name) << " vs " << printable(run.arms[0].name) << "   ";
    out << "\n";
    for (const auto& h : headlines(run)) {
      out << "  " << pad(h.label, w);
      for (const auto& v : h.value) out << pad(v ? format_value(*v, h) : h.missing_reason, 20);
      // The report's words: the paired difference, its interval, and a verdict only if earned.
      for (std::size_t i = 1; i < run.arms.size(); ++i)
        if (const auto c = compare(h, 0, i))
          out << c->change << (c->verdict.empty() ? "" : " (" + c->verdict + ")") << ", "
              << c->interval << (i + 1 < run.arms.size() ? "; " : "");
      out << "\n";
    }
    const Sample& s = run.arms.front().sample;
    if (s.cols() > 0) {
      out << "\nSampled people (per-person series; use with `placesim report --person ID`): "
          << s.cols() << " people, ids " << static_cast<long long>(s.citizen.front()) << ", "
          << (s.cols() > 1 ? std::to_string(static_cast<long long>(s.citizen[1])) + ", ..., " : "")
          << static_cast<long long>(s.citizen.back()) << "\n";
    }
  } else {
    const SweepData d = load_sweep(f);
    const auto ok = std::count(d.ok.begin(), d.ok.end(), true);
    out << "Sweep: " << d.rows << " runs, " << ok << " succeeded, "
        << (d.rows - static_cast<std::size_t>(ok)) << " failed\n";
    for (Role r : {Role::kParameter, Role::kOutcome}) {
      out << (r == Role::kParameter ? "Parameters\n"
                                    : "Outcomes (mean, min, max over successful runs)\n");
      for (const SweepColumn* c : d.of(r)) {
        double sum = 0, lo = INFINITY, hi = -INFINITY;
        int n = 0;
        for (std::size_t i = 0; i < d.rows; ++i)
          if (d.ok[i] && std::isfinite(c->v[i])) {
            sum += c->v[i];
            lo = std::min(lo, c->v[i]);
            hi = std::max(hi, c->v[i]);
            ++n;
          }
        out << "  " << pad(printable(c->name), 40);
        if (r == Role::kOutcome)
          out << pad(svg::short_num(n ? sum / n : NAN), 10) << pad(svg::short_num(lo), 10)
              << pad(svg::short_num(hi), 10);
        else
          out << svg::short_num(lo) << " to " << svg::short_num(hi);
        out << (c->unit.empty() ? "" : "  " + printable(c->unit)) << "\n";
      }
    }
  }
}

}  // namespace placesim::analysis
