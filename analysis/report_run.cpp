// The report of a run or comparison run: the page frame around the run-report sections.
#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"
#include "sim/output_schema.hpp"

namespace placesim::analysis::html {

std::string run_report(const H5Reader& f, const ReportOptions& opts) {
  const RunData run = load_run(f);
  const ExperimentText text = experiment_text(prov_get(run.prov, schema::kConfigToml));
  std::string title = text.title;
  const std::string experiment = prov_get(run.prov, schema::kExperiment);
  if (title.empty()) title = experiment.empty() ? "placesim run" : experiment;
  std::string arms;
  for (const auto& a : run.arms) arms += (arms.empty() ? "" : ", ") + a.name;
  const std::size_t days = run.tick.size();
  const std::size_t people = run.arms.front().people;
  std::string sub =
      esc(run.arms.size() > 1 ? "Comparison of " + std::to_string(run.arms.size()) + " designs (" +
                                    arms + ") on the same people and life events"
                              : "Single run");
  sub += " · " + thousands(static_cast<double>(people)) + " people · " +
         thousands(static_cast<double>(days)) + " days · experiment <b>" + esc(experiment) +
         "</b> · seed " + esc(prov_get(run.prov, schema::kSeed));

  std::string html = page_head("placesim report: " + title);
  html += header_block(title, sub, text);
  html += nav({{"headline", "Headline"},
               {"demand", "Demand"},
               {"queues", "Queues"},
               {"wellbeing", "Crisis & wellbeing"},
               {"money", "Money"},
               {"cost-curves", "Cost curves"},
               {"journey", "One life"},
               {"where", "Where"},
               {"health", "System health"},
               {"other", "Everything else"},
               {"provenance", "Provenance"}});
  html += "<main class=\"wrap\">";
  html += headline_section(run);
  html += demand_section(run);
  html += queue_section(run);
  html += crisis_wellbeing_section(run);
  html += money_section(run);
  html += cost_curve_section(run);
  html += journey_section(f, run, opts);
  html += where_section(f, run);
  html += health_section(run);
  html += other_series_section(run);
  html += "</main>";
  html += footer(run.prov, f.path(), opts);
  return html + "</body></html>\n";
}

}  // namespace placesim::analysis::html
