#include "cli/cli.hpp"

#include <charconv>
#include <cstdio>
#include <iostream>
#include <limits>

#include "core/printable.hpp"
#include "placesim/version.hpp"
#include "sim/param_registry.hpp"

namespace placesim::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> cmds = {
      {"run", "run an experiment (a preset or a TOML file) and write an HDF5 file", cmd_run},
      {"presets", "list the preset experiments, or show one", cmd_presets},
      {"params", "list the configuration keys, or those containing FILTER: default, unit, meaning",
       cmd_params},
      {"sweep", "run a parameter sweep (factorial, Latin hypercube, Morris, Sobol, replicates) into a directory",
       cmd_sweep},
      {"sweep-merge", "build the summary of a sharded sweep, checking no run is missing",
       cmd_sweep_merge},
      {"report", "write a self-contained HTML report of a run, comparison or sweep summary",
       cmd_report},
      {"inspect", "print the structure, provenance and headline figures of an output file",
       cmd_inspect},
      {"serve", "a live page: two designs of a preset side by side, with sliders (a web server)",
       cmd_serve},
      {"export", "write a run file as tidy CSV tables (long series, per-person and per-event tables)",
       cmd_export},
  };
  return cmds;
}

std::string joined_command_line(int argc, char** argv, const std::string& program) {
  std::string s = program;
  for (int i = 0; i < argc; ++i) s += std::string(" ") + argv[i];
  return s;
}

std::optional<int> parse_command(cxxopts::Options& opts, int argc, char** argv,
                                 cxxopts::ParseResult& args, bool speak) {
  const char* name = opts.program().c_str();
  std::string problem;
  try {
    args = opts.parse(argc, argv);
    if (args.count("help")) {
      if (speak) std::cout << opts.help() << std::endl;
      return kOk;
    }
    if (!args.unmatched().empty()) problem = "unexpected argument '" + args.unmatched()[0] + "'";
  } catch (const cxxopts::exceptions::exception& e) {
    problem = e.what();
  }
  if (problem.empty()) return std::nullopt;
  if (speak)
    std::fprintf(stderr, "%s: %s\n(see %s --help)\n", name, printable(problem).c_str(), name);
  return kBadInput;
}

WholeRange key_range(const std::string& key) {
  const ParamSpec* spec = find_param(key);
  if (!spec || spec->kind != ParamKind::Integer)
    throw std::logic_error("key_range: '" + key + "' is not an integer key");
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  // 2^63 - 1 is not a double; a bound at or above 2^63 means "no bound".
  const std::int64_t hi =
      spec->max >= 9223372036854775807.0 ? kMax : static_cast<std::int64_t>(spec->max);
  return {static_cast<std::int64_t>(spec->min), hi};
}

std::int64_t whole_number(const cxxopts::ParseResult& args, const std::string& option,
                          WholeRange range) {
  const std::string text = args[option].as<std::string>();
  const std::string given = "--" + option + " '" + printable(text) + "'";
  const std::size_t first_digit = !text.empty() && text[0] == '-' ? 1 : 0;
  if (text.size() == first_digit ||
      text.find_first_not_of("0123456789", first_digit) != std::string::npos)
    throw UsageError(given + " is not a whole number");
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < range.lo || v > range.hi)
    throw UsageError(given + " is out of range [" + std::to_string(range.lo) + ", " +
                     std::to_string(range.hi) + "]");
  return v;
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
      } catch (const UsageError& e) {
        std::fprintf(stderr, "placesim %s: %s\n(see placesim %s --help)\n", c.name, e.what(),
                     c.name);
        return kBadInput;
      } catch (const std::exception& e) {
        std::fprintf(stderr, "placesim %s: error: %s\n", c.name, printable(e.what()).c_str());
        return kFailed;
      }
    }
  if (first.size() > 1 && first[0] == '-')
    std::fprintf(stderr, "placesim: '%s' is not a command; options go after the command\n\n",
                 printable(first).c_str());
  else
    std::fprintf(stderr, "placesim: unknown command '%s'\n\n", printable(first).c_str());
  usage(stderr);
  return kBadInput;
}

}  // namespace placesim::cli
