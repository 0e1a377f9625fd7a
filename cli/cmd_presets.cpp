// `placesim presets` and `placesim params`: what can be run and what can be set.
#include <cxxopts.hpp>

#include <cstdio>
#include <iostream>

#include "cli/cli.hpp"
#include "cli/experiment_text.hpp"
#include "core/printable.hpp"
#include "experiments/preset_registry.hpp"
#include "sim/runner.hpp"

namespace placesim::cli {
namespace {

void print_param(const ParamSpec& s, const Config& defaults) {
  std::printf("%s = %s", s.key.c_str(), format_param(s, defaults).c_str());
  if (s.kind == ParamKind::Integer || s.kind == ParamKind::Real)
    std::printf("   [%g, %g]", s.min, s.max);
  if (!s.unit.empty()) std::printf("   (%s)", s.unit.c_str());
  std::printf("\n    %s\n", s.description.c_str());
}

}  // namespace

int cmd_presets(int argc, char** argv) {
  cxxopts::Options opts("placesim presets",
                        "List the preset experiments, or show one:\n"
                        "  placesim presets\n  placesim presets show NAME");
  opts.add_options()("help", "show this help")("args", "",
                                               cxxopts::value<std::vector<std::string>>());
  opts.parse_positional({"args"});
  opts.positional_help("[show NAME]");
  cxxopts::ParseResult args;
  if (auto stop = parse_command(opts, argc, argv, args)) return *stop;
  std::vector<std::string> pos;
  if (args.count("args")) pos = args["args"].as<std::vector<std::string>>();
  try {
    if (pos.empty()) {
      for (const auto& p : embedded_presets()) {
        RunRequest req{parse_experiment(p.toml, p.name), {}};
        std::cout << experiment_line(p.name, prepare_arms(req));
      }
      return kOk;
    }
    if (pos.size() == 2 && pos[0] == "show") {
      RunRequest req{load_preset(pos[1]), {}};
      std::cout << experiment_description(pos[1], prepare_arms(req), find_preset(pos[1])->toml);
      return kOk;
    }
  } catch (const ConfigError& e) {
    for (const auto& m : e.messages())
      std::fprintf(stderr, "placesim presets: %s\n", printable(m).c_str());
    return kBadInput;
  }
  std::fprintf(stderr, "placesim presets: expected no argument or `show NAME`\n");
  return kBadInput;
}

int cmd_params(int argc, char** argv) {
  cxxopts::Options opts("placesim params",
                        "List every configuration key: default, range, unit and meaning; with "
                        "FILTER, only the keys containing FILTER (a substring).\n"
                        "Keys go in an experiment file (`[life]` then `recovery_rate = 0.02`) or "
                        "on the command line (--set life.recovery_rate=0.02).\n"
                        "  placesim params            every key\n"
                        "  placesim params silo       only the keys containing `silo`");
  // clang-format off
  opts.add_options()
    ("filter", "show only the keys containing FILTER (a substring)", cxxopts::value<std::string>())
    ("toml", "print the defaults as a TOML file (every key)")
    ("help", "show this help");
  // clang-format on
  opts.parse_positional({"filter"});
  opts.positional_help("[FILTER]");
  cxxopts::ParseResult args;
  if (auto stop = parse_command(opts, argc, argv, args)) return *stop;
  const Config defaults;
  if (args.count("toml")) {
    if (args.count("filter")) {
      std::fprintf(stderr, "placesim params: --toml prints every key; give it no FILTER\n");
      return kBadInput;
    }
    std::cout << to_toml(defaults);
    return kOk;
  }
  const std::string filter = args.count("filter") ? args["filter"].as<std::string>() : "";
  int shown = 0;
  for (const auto& s : param_registry())
    if (s.key.find(filter) != std::string::npos) {
      print_param(s, defaults);
      ++shown;
    }
  if (shown == 0) {
    std::fprintf(stderr, "placesim params: no key contains '%s' (see placesim params)\n",
                 printable(filter).c_str());
    return kBadInput;
  }
  return kOk;
}

}  // namespace placesim::cli
