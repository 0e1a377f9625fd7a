#pragma once
// The command line: `placesim <command> [options]`. Each command lives in its own file and
// returns the process exit code: 0 success, 1 the work failed, 2 bad usage or input.
#include <cxxopts.hpp>

#include <optional>
#include <string>
#include <vector>

namespace placesim::cli {

inline constexpr int kOk = 0;
inline constexpr int kFailed = 1;
inline constexpr int kBadInput = 2;

struct Command {
  const char* name;
  const char* summary;
  int (*main)(int argc, char** argv);  // argv[0] is the command name
};

const std::vector<Command>& commands();
int main(int argc, char** argv);

int cmd_run(int argc, char** argv);
int cmd_presets(int argc, char** argv);
int cmd_params(int argc, char** argv);
int cmd_sweep(int argc, char** argv);
int cmd_sweep_merge(int argc, char** argv);
int cmd_report(int argc, char** argv);
int cmd_inspect(int argc, char** argv);

// Parse a command's options the same way for every command: a parse error or a stray argument
// is reported as `placesim NAME: ...` (exit 2), --help prints the help (exit 0). Returns the
// exit code when the command should stop here, nothing when it should go on with `args`.
std::optional<int> parse_command(cxxopts::Options& opts, const char* name, int argc, char** argv,
                                 cxxopts::ParseResult& args);

// The command line as one string, for provenance.
std::string joined_command_line(int argc, char** argv);

}  // namespace placesim::cli
