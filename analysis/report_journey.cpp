// One life: one person under every design.
#include <algorithm>
#include <cmath>

#include "core/domains.hpp"

#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"
#include "sim/output_schema.hpp"

namespace placesim::analysis::html {
namespace {

std::string journey_cases(const RunData& run, long long id) {
  std::string rows;
  bool recorded = false;
  for (std::size_t i = 0; i < run.arms.size(); ++i) {
    const Cases& c = run.arms[i].cases;
    recorded = recorded || c.recorded;
    for (std::size_t k = 0; k < c.size(); ++k) {
      if (static_cast<long long>(c.citizen[k]) != id) continue;
      const auto unit_idx = static_cast<std::size_t>(std::isfinite(c.unit[k]) ? c.unit[k] : 1e9);
      const std::string unit =
          unit_idx < run.unit_names.size() ? run.unit_names[unit_idx] : svg::short_num(c.unit[k]);
      const auto dom = static_cast<int>(std::isfinite(c.domain[k]) ? c.domain[k] : -1);
      const std::string domain = dom >= 0 && dom < kDomains ? std::string(kDomainNames[dom]) : "–";
      const auto out = c.outcome_names.find(static_cast<int>(c.outcome[k]));
      rows += "<tr><td><span class=\"swatch\" style=\"background:" + svg::palette(i) +
              "\"></span>" + esc(run.arms[i].name) + "</td><td>" + esc(unit) + "</td><td>" +
              esc(domain) + "</td><td>" + esc(svg::short_num(c.opened[k])) + "</td><td>" +
              esc(svg::short_num(c.closed[k])) + "</td><td>" + esc(svg::short_num(c.hours[k])) +
              "</td><td>" +
              esc(out == c.outcome_names.end() ? svg::short_num(c.outcome[k]) : out->second) +
              "</td></tr>";
    }
  }
  if (!recorded) return "";
  if (rows.empty())
    return note("No case of citizen " + std::to_string(id) +
                " closed during the run in any design.");
  return "<h3 class=\"outcome\">Cases closed during the run</h3><div class=\"scroll\"><table "
         "id=\"journey-cases\"><tr><th>Design</th>"
         "<th>Unit</th><th>Presenting need</th><th>Opened (day)</th><th>Closed (day)</th>"
         "<th>Staff hours</th><th>How it ended</th></tr>" +
         rows + "</table></div>";
}

std::string cell(std::optional<double> v, bool money) {
  if (!v) return "<td class=\"nr\">not recorded</td>";
  const double x = *v;
  if (money) return "<td>£" + thousands(x, 0) + "</td>";
  if (x != std::floor(x)) return "<td>" + thousands(x, 2) + "</td>";
  return "<td>" + thousands(x, 0) + "</td>";
}

// The person's final counters, one row per counter and one column per design.
std::string journey_counters(const RunData& run, long long id, const std::string& head) {
  struct Row {
    std::string label, field;
    bool money = false;
  };
  const std::vector<Row> rows = {
      {"Contacts with services", schema::citizens::kContacts},
      {"of which failure demand", schema::citizens::kFailureContacts},
      {"Assessments", schema::citizens::kAssessments},
      {"Referrals", schema::citizens::kReferrals},
      // citizens/workers_met counts meetings (each assessment, team case start and first
      // expert pull for a domain), not distinct workers: the same worker met twice counts 2.
      {"Times a worker took up their case (assessments, case starts, expert pulls)",
       schema::citizens::kWorkersMet},
      {"Distinct service units met", schema::citizens::kServicesMet},
      {"Staff hours spent on them", schema::citizens::kStaffHours},
      {"Voluntary-group memberships at the end", schema::citizens::kGroupMemberships},
      {"Crises", schema::citizens::kCrises},
      {"Cost attributed (GBP)", schema::citizens::kCost, true},
      {"of which reactive crisis cost (GBP)", schema::citizens::kCrisisCost, true},
      {"Trust in services at the end (0-1)", schema::citizens::kTrust},
      {"Wellbeing at the end (0-1)", schema::citizens::kWellbeing}};
  std::string s = "<table id=\"journey-table\"><tr><th>Citizen " + std::to_string(id) +
                  ": what happened</th>" + head + "</tr>";
  for (const auto& r : rows) {
    s += "<tr><td>" + esc(r.label) + "</td>";
    std::vector<std::optional<double>> vals;
    for (const auto& a : run.arms) {
      std::optional<double> v;
      if (const Series* c = a.find_citizen(r.field);
          c && id >= 0 && static_cast<std::size_t>(id) < c->v.size())
        v = c->v[static_cast<std::size_t>(id)];
      s += cell(v, r.money);
      vals.push_back(v);
    }
    // Counters are whole numbers: show their differences without decimals.
    bool whole = true;
    for (const auto& v : vals) whole = whole && (!v || *v == std::floor(*v));
    for (std::size_t i = 1; i < vals.size(); ++i)
      s += vs_baseline_cell(vals[i] ? *vals[i] : kNaN, vals[0] ? *vals[0] : kNaN,
                            r.money || whole ? 0 : 2);
    s += "</tr>";
  }
  return s + "</table>";
}

// The person's needs at the end, read one element at a time: a large run's need arrays are not
// otherwise loaded.
std::string journey_needs(const H5Reader& f, const RunData& run, long long id,
                          const std::string& head) {
  std::string needs;
  for (const auto& dn : kDomainNames) {
    const std::string d(dn);
    bool any = false;
    std::string row = "<tr><td>" + d + "</td>";
    std::vector<std::optional<double>> vals;
    for (const auto& a : run.arms) {
      std::optional<double> v;
      if (id >= 0)
        v = f.read_element(schema::arm_path(a.name, schema::kCitizensGroup) + "/" +
                               schema::citizens::kNeedPrefix + d,
                           static_cast<std::uint64_t>(id));
      any = any || v.has_value();
      row += cell(v, false);
      vals.push_back(v);
    }
    for (std::size_t i = 1; i < vals.size(); ++i)
      row += vs_baseline_cell(vals[i] ? *vals[i] : kNaN, vals[0] ? *vals[0] : kNaN, 2);
    if (any) needs += row + "</tr>";
  }
  if (needs.empty()) return "";
  return "<table id=\"journey-needs\"><tr><th>Need at the end (0 fine, 1 crisis)</th>" + head +
         "</tr>" + needs + "</table>";
}

// The person's cumulative cost and wellbeing over time, if the person was sampled.
std::string journey_curves(const RunData& run, long long id) {
  svg::LineChart cost, wb;
  cost.id = "chart-journey-cost";
  cost.title = "Citizen " + std::to_string(id) + ": cumulative cost";
  cost.x_label = day_label(run);
  wb.id = "chart-journey-wellbeing";
  wb.title = "Citizen " + std::to_string(id) + ": wellbeing";
  wb.x_label = day_label(run);
  wb.y_label = "Wellbeing (index 0-1)";
  std::string unit = "GBP";
  for (std::size_t i = 0; i < run.arms.size(); ++i) {
    const Sample& sm = run.arms[i].sample;
    const auto it = std::find(sm.citizen.begin(), sm.citizen.end(), static_cast<double>(id));
    if (it == sm.citizen.end()) continue;
    const std::size_t col = static_cast<std::size_t>(it - sm.citizen.begin());
    std::vector<double> cv, wv;
    for (std::size_t k = 0; k < sm.rows(); ++k) {
      if (sm.cost.size() == sm.rows() * sm.cols()) cv.push_back(sm.cost[k * sm.cols() + col]);
      if (sm.wellbeing.size() == sm.rows() * sm.cols())
        wv.push_back(sm.wellbeing[k * sm.cols() + col]);
    }
    unit = sm.cost_unit;
    if (!cv.empty()) cost.lines.push_back({run.arms[i].name, svg::palette(i), sm.tick, cv});
    if (!wv.empty()) wb.lines.push_back({run.arms[i].name, svg::palette(i), sm.tick, wv});
  }
  cost.y_label = with_unit("Cumulative cost", unit);
  if (cost.lines.empty() && wb.lines.empty())
    return note("Citizen " + std::to_string(id) +
                " is not in the per-person sample, so only the "
                "final counters above are recorded; choose a sampled person (see placesim "
                "inspect) to see the curves.");
  return "<div class=\"grid\" style=\"margin-top:16px\">" +
         figure(cost.title, svg::render(cost),
                "Each line is this person under one design; steps are service contacts or crises "
                "that cost money.") +
         figure(wb.title, svg::render(wb),
                "Each line is this person's wellbeing under one design; dips are life shocks, "
                "recoveries are help or time.") +
         "</div>";
}

}  // namespace

std::string journey_section(const H5Reader& f, const RunData& run, const ReportOptions& opts) {
  std::string s = "<section id=\"journey\"><h2>One life</h2>";
  // Throws InputError for a --person that is not a citizen of this file.
  const auto person = pick_person(run, opts.person);
  if (!person) {
    return s + note("No sampled people in this file, and no --person given.") + "</section>";
  }
  const long long id = *person;
  s += "<p class=\"lead\">The journey of citizen " + std::to_string(id) +
       (opts.person ? " (chosen with --person)" : " (the sampled person with the most contacts)") +
       " under each design: the same person and the same life events, met by a different service "
       "system.</p>";
  std::string head;
  for (std::size_t i = 0; i < run.arms.size(); ++i)
    head += "<th><span class=\"swatch\" style=\"background:" + svg::palette(i) + "\"></span>" +
            esc(run.arms[i].name) + "</th>";
  // Every further design against the first (the baseline): the same person, so the
  // difference is the design's.
  for (std::size_t i = 1; i < run.arms.size(); ++i)
    head += "<th>" + esc(run.arms[i].name) + " vs " + esc(run.arms[0].name) + "</th>";
  // With more than two designs the tables are wide: one above the other.
  s += std::string(run.arms.size() > 2 ? "<div class=\"journey wide\">" : "<div class=\"journey\">") +
       journey_counters(run, id, head) +
       journey_needs(f, run, id, head) + "</div>";
  s += journey_cases(run, id);
  s += journey_curves(run, id);
  return s + "</section>";
}

}  // namespace placesim::analysis::html
