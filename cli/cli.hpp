#pragma once
// The command line: `placesim <command> [options]`. Each command lives in its own file and
// returns the process exit code: 0 success, 1 the work failed, 2 bad usage or input.
#include <cxxopts.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
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
int cmd_serve(int argc, char** argv);
int cmd_export(int argc, char** argv);

// Bad usage found after parsing (an option value that is not what the option takes). The
// message names the option and is printable; `placesim` reports it as `placesim NAME: ...`
// and exits with kBadInput.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parse a command's options the same way for every command (`opts.program()` names it in the
// messages): a parse error or a stray argument is reported (exit 2), --help prints the help
// (exit 0). Returns the exit code when the command should stop here, nothing when it should
// go on with `args`. Declare numeric options as strings and read them with whole_number().
// With speak false nothing is printed (the MPI ranks that would repeat rank 0's messages).
std::optional<int> parse_command(cxxopts::Options& opts, int argc, char** argv,
                                 cxxopts::ParseResult& args, bool speak = true);

struct WholeRange {
  std::int64_t lo;
  std::int64_t hi;
};

// The bounds of an integer key of the parameter registry, so an option that sets or stands
// for the key accepts exactly what the key accepts.
WholeRange key_range(const std::string& key);

// The value of a numeric option, converted here rather than by cxxopts so that a bad value is
// a UsageError naming the option: "--days 'abc' is not a whole number",
// "--threads '100000' is out of range [0, 1024]". The option must have been given or have a
// default value.
std::int64_t whole_number(const cxxopts::ParseResult& args, const std::string& option,
                          WholeRange range);

// The command line as one string, for provenance: `program` then argv[0..argc).
std::string joined_command_line(int argc, char** argv, const std::string& program = "placesim");

}  // namespace placesim::cli
