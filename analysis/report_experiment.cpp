// The experiment's title and question, read from the resolved configuration with toml++.
#include <toml++/toml.h>

#include <sstream>

#include "analysis/report_html.hpp"

namespace placesim::analysis::html {

ExperimentText experiment_text(const std::string& config_toml) {
  ExperimentText e;
  if (config_toml.empty()) return e;  // a sweep summary stores no resolved configuration
  toml::table tbl;
  try {
    tbl = toml::parse(std::string_view(config_toml), std::string_view("config_toml"));
  } catch (const toml::parse_error& err) {
    std::ostringstream msg;
    msg << "The resolved configuration stored in the file (attribute config_toml) is not valid "
           "TOML (line "
        << err.source().begin.line << ": " << err.description()
        << "), so the experiment's title and question are not shown";
    e.problem = msg.str();
    return e;
  }
  const auto text = [&](const char* path) { return tbl.at_path(path).value_or(std::string()); };
  e.title = text("experiment.title");
  e.question = text("experiment.question");
  e.look_at = text("experiment.look_at");
  e.expected = text("experiment.expected");
  return e;
}

}  // namespace placesim::analysis::html
