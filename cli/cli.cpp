#include "cli/cli.hpp"

#include <cstdio>
#include <cstring>
#include <iostream>

#include "placesim/version.hpp"

namespace placesim::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> cmds = {
      {"run", "run an experiment (a preset or a TOML file) and write an HDF5 file", cmd_run},
      {"presets", "list the preset experiments, or show one", cmd_presets},
      {"params", "list every configuration key with its default, unit and meaning", cmd_params},
      {"sweep", "run a parameter sweep (factorial, Latin hypercube, replicates) into a directory", cmd_sweep},
      {"sweep-merge", "build the summary of a sharded sweep, checking no run is missing", cmd_sweep_merge},
      {"report", "write a self-contained HTML report of a run, comparison or sweep summary", cmd_report},
      {"inspect", "print the structure, provenance and headline figures of an output file", cmd_inspect},
  };
  return cmds;
}

std::string joined_command_line(int argc, char** argv) {
  std::string s = "placesim";
  for (int i = 0; i < argc; ++i) s += std::string(" ") + argv[i];
  return s;
}

std::optional<int> parse_command(cxxopts::Options& opts, const char* name, int argc, char** argv,
                                 cxxopts::ParseResult& args) {
  try {
    args = opts.parse(argc, argv);
  } catch (const cxxopts::exceptions::exception& e) {
    std::fprintf(stderr, "placesim %s: %s\n(see placesim %s --help)\n", name, e.what(), name);
    return kBadInput;
  }
  if (args.count("help")) {
    std::cout << opts.help() << std::endl;
    return kOk;
  }
  if (!args.unmatched().empty()) {
    std::fprintf(stderr, "placesim %s: unexpected argument '%s'\n", name, args.unmatched()[0].c_str());
    return kBadInput;
  }
  return std::nullopt;
}

namespace {

void usage(std::FILE* out) {
  std::fprintf(out,
               "placesim %s: agent-based simulation of a place-based public-service system\n\n"
               "Usage: placesim <command> [options]\n       placesim --version\n\nCommands:\n",
               kVersion);
  for (const auto& c : commands()) std::fprintf(out, "  %-12s %s\n", c.name, c.summary);
  std::fprintf(out,
               "\nRun `placesim <command> --help` for the options of a command.\n"
               "Exit codes: 0 success, 1 the work failed, 2 bad usage or input.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(stderr);
    return kBadInput;
  }
  const std::string first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    usage(stdout);
    return kOk;
  }
  if (first == "--version" || first == "version") {
    std::printf("placesim %s (git %s, output schema %d)\n", kVersion, kGitCommit,
                kOutputSchemaVersion);
    return kOk;
  }
  for (const auto& c : commands())
    if (first == c.name) {
      try {
        return c.main(argc - 1, argv + 1);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "placesim %s: error: %s\n", c.name, e.what());
        return kFailed;
      }
    }
  std::fprintf(stderr, "placesim: unknown command '%s'\n\n", first.c_str());
  usage(stderr);
  return kBadInput;
}

}  // namespace placesim::cli
