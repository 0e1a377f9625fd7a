// Queues and waits, one line per design.

#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"
#include "sim/output_schema.hpp"

namespace placesim::analysis::html {

std::string queue_section(const RunData& run) {
  std::string s =
      "<section id=\"queues\"><h2>Queues and waits</h2><p class=\"lead\">How many "
      "people are waiting for a service, and for how long.</p><div class=\"grid\">";
  bool any = false;
  if (auto c = arms_chart(run, schema::series::kQueueLength, "chart-queue",
                          "People waiting in queues", "People waiting")) {
    any = true;
    s += figure(c->title, svg::render(*c),
                "People waiting for any service at the end of each day; a queue that keeps growing "
                "means demand exceeds capacity.");
  }
  if (auto c = arms_chart(run, schema::series::kMeanWait, "chart-wait", "Mean wait", "Mean wait")) {
    any = true;
    s += figure(c->title, svg::render(*c),
                "Average time people have been waiting; long waits erode trust and people arrive "
                "later and worse.");
  }
  if (!any) s += note("Not recorded in this file: no queue_length / mean_wait series.");
  return s + "</div></section>";
}

}  // namespace placesim::analysis::html
