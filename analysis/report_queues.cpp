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
  // queue_length counts cases and contacts, not people (a person with two open cases waits in
  // two queues), and mean_wait is the wait of the cases started that day, not of those still
  // waiting: the titles and guides say so.
  if (auto c = arms_chart(run, schema::series::kQueueLength, "chart-queue",
                          "Cases and contacts waiting", "Waiting")) {
    any = true;
    s += figure(c->title, svg::render(*c),
                "Cases and contacts waiting for a worker at the end of each day, over all units (a "
                "person waiting at two units counts twice); a queue that keeps growing means "
                "demand exceeds capacity. Unit by unit: see Where.");
  }
  if (auto c = arms_chart(run, schema::series::kMeanWait, "chart-wait",
                          "Wait of the cases started each day", "Mean wait")) {
    any = true;
    s += figure(c->title, svg::render(*c),
                "The mean wait (start day minus the day the case joined the queue) of the cases a "
                "worker started that day, 0 on a day none started; people still waiting are not "
                "in it until they are seen. Long waits erode trust and people arrive later and "
                "worse.");
  }
  if (!any) s += note("Not recorded in this file: no queue_length / mean_wait series.");
  return s + "</div></section>";
}

}  // namespace placesim::analysis::html
