#include "cli/experiment_text.hpp"

#include "core/printable.hpp"

namespace placesim::cli {

std::string experiment_line(const std::string& name, const std::vector<PreparedArm>& arms) {
  std::string head = printable(name);
  if (head.size() < 22) head.resize(22, ' ');
  return head + " " + printable(arms.front().cfg.experiment.title) + "\n";
}

std::string experiment_description(const std::string& name, const std::vector<PreparedArm>& arms,
                                   const std::string& toml) {
  const ExperimentInfo& e = arms.front().cfg.experiment;
  std::string out = printable(name);
  out += ": ";
  out += printable(e.title);
  for (const auto& [heading, text] : {std::pair{"Story", &e.story},
                                      {"What to look at", &e.look_at},
                                      {"Question", &e.question},
                                      {"Expected", &e.expected}}) {
    out += "\n\n";
    out += heading;
    out += "\n  ";
    out += printable(*text, true);
  }
  out += "\n\nArms:";
  for (const auto& a : arms) {
    out += ' ';
    out += printable(a.name);
  }
  out += "\n\nExperiment file\n";
  out += printable(toml, true);
  out += "\n";
  return out;
}

}  // namespace placesim::cli
