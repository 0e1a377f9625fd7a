// `placesim presets` and `placesim params`: what can be run and what can be set.
#include <cxxopts.hpp>

#include <cstdio>
#include <iostream>

#include "experiments/preset_registry.hpp"
#include "cli/cli.hpp"
#include "sim/runner.hpp"

namespace placesim::cli {

int cmd_presets(int argc, char** argv) {
  cxxopts::Options opts("placesim presets",
                        "List the preset experiments, or show one:\n"
                        "  placesim presets\n  placesim presets show NAME");
  opts.add_options()("help", "show this help")("args", "", cxxopts::value<std::vector<std::string>>());
  opts.parse_positional({"args"});
  opts.positional_help("[show NAME]");
  cxxopts::ParseResult args;
  try {
    args = opts.parse(argc, argv);
  } catch (const cxxopts::exceptions::exception& e) {
    std::fprintf(stderr, "placesim presets: %s\n", e.what());
    return kBadInput;
  }
  if (args.count("help")) {
    std::cout << opts.help() << std::endl;
    return kOk;
  }
  std::vector<std::string> pos;
  if (args.count("args")) pos = args["args"].as<std::vector<std::string>>();
  try {
    if (pos.empty()) {
      for (const auto& p : embedded_presets()) {
        RunRequest req{parse_experiment(p.toml, p.name), {}};
        const auto arms = prepare_arms(req);
        std::printf("%-22s %s\n", p.name, arms.front().cfg.experiment.title.c_str());
      }
      return kOk;
    }
    if (pos.size() == 2 && pos[0] == "show") {
      RunRequest req{load_preset(pos[1]), {}};
      const auto arms = prepare_arms(req);
      const ExperimentInfo& e = arms.front().cfg.experiment;
      std::printf("%s: %s\n\nStory\n  %s\n\nWhat to look at\n  %s\n\nQuestion\n  %s\n\n"
                  "Expected\n  %s\n\nArms:",
                  pos[1].c_str(), e.title.c_str(), e.story.c_str(), e.look_at.c_str(),
                  e.question.c_str(), e.expected.c_str());
      for (const auto& a : arms) std::printf(" %s", a.name.c_str());
      std::printf("\n\nExperiment file\n%s\n", find_preset(pos[1])->toml);
      return kOk;
    }
  } catch (const ConfigError& e) {
    for (const auto& m : e.messages()) std::fprintf(stderr, "placesim presets: %s\n", m.c_str());
    return kBadInput;
  }
  std::fprintf(stderr, "placesim presets: expected no argument or `show NAME`\n");
  return kBadInput;
}

int cmd_params(int argc, char** argv) {
  cxxopts::Options opts("placesim params",
                        "List every configuration key: default, range, unit and meaning.\n"
                        "Keys go in an experiment file (`[life]` then `recovery_rate = 0.02`) or "
                        "on the command line (--set life.recovery_rate=0.02).");
  opts.add_options()("help", "show this help")("toml", "print the defaults as a TOML file");
  cxxopts::ParseResult args;
  try {
    args = opts.parse(argc, argv);
  } catch (const cxxopts::exceptions::exception& e) {
    std::fprintf(stderr, "placesim params: %s\n", e.what());
    return kBadInput;
  }
  if (args.count("help")) {
    std::cout << opts.help() << std::endl;
    return kOk;
  }
  const Config defaults;
  if (args.count("toml")) {
    std::cout << to_toml(defaults);
    return kOk;
  }
  for (const auto& s : param_registry()) {
    std::printf("%s = %s", s.key.c_str(), format_param(s, defaults).c_str());
    if (s.kind == ParamKind::Integer || s.kind == ParamKind::Real)
      std::printf("   [%g, %g]", s.min, s.max);
    if (!s.unit.empty()) std::printf("   (%s)", s.unit.c_str());
    std::printf("\n    %s\n", s.description.c_str());
  }
  return kOk;
}

}  // namespace placesim::cli
