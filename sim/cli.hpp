#pragma once
// The command line: `placesim <command> [options]`. Each command lives in its own file and
// returns the process exit code: 0 success, 1 the work failed, 2 bad usage or input.
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

// The command line as one string, for provenance.
std::string joined_command_line(int argc, char** argv);

}  // namespace placesim::cli
