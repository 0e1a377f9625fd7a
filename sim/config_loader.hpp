#pragma once
// Reads experiment files (TOML) and --set overrides into validated Config values. All errors
// are collected and reported together, each naming the key and where it came from
// (file:line:column, or --set), before anything runs.
#include <stdexcept>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "sim/param_registry.hpp"

namespace placesim {

class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<std::string> messages);
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::vector<std::string> messages_;
};

struct Assignment {
  std::string key;
  ParamValue value;
  std::string source;  // "file:line:col" or "--set"
};

// Keys that change on a given day ([[schedule]] tables): rules changing over time, a surge,
// a cut. Only keys outside run.*, place.*, network.* and experiment.* may change.
struct ScheduleEntry {
  std::int64_t day = 0;
  std::vector<Assignment> assignments;
  std::string source;
};

// One arm of a comparison experiment: a name, the keys it changes from the base, and its
// own schedule (applied after the base schedule's entries of the same day).
struct Arm {
  std::string name;
  std::vector<Assignment> assignments;
  std::vector<ScheduleEntry> schedule;
};

struct ExperimentDocument {
  std::string source_name;  // file path or "preset:NAME"
  std::vector<Assignment> base;
  std::vector<ScheduleEntry> schedule;
  std::vector<Arm> arms;  // empty for a single-arm experiment
};

// Arm names become HDF5 group names and are listed, comma-separated, in the output's `arms`
// attribute: why `name` cannot be one ("is empty", "contains '/'", ...), or "" when it can.
inline constexpr std::size_t kMaxArmNameBytes = 64;
std::string arm_name_problem(const std::string& name);

// Parse TOML text. Throws ConfigError listing every problem found. An arm may not set keys
// that every arm shares (run.*, place.*, experiment.*); a [[schedule]] entry may not change
// those, the network, or what is set up on day 0 (docs/presets.md).
ExperimentDocument parse_experiment(const std::string& text, const std::string& source_name);
// Only a regular file of at most kMaxTextFileBytes (sim/text_file.hpp) is read.
ExperimentDocument load_experiment_file(const std::string& path);

// Parse "key=value" overrides from the command line. `option` names where they came from in
// messages ("--set key: ...").
std::vector<Assignment> parse_overrides(const std::vector<std::string>& sets,
                                        const std::string& option = "--set");

// A command-line override of one arm: `--arm NAME:key=value` (issue 11: a teacher changes one
// arm without erasing the difference between arms, which --set on every arm would).
struct ArmOverride {
  std::string arm;
  Assignment assignment;
};
// Parse "NAME:key=value" specs. Keys every arm shares (run.*, place.*, experiment.*) are
// refused as they are in an arm of a file. Throws ConfigError listing every problem.
std::vector<ArmOverride> parse_arm_overrides(const std::vector<std::string>& specs);

// Defaults, then each list of assignments in order, then cross-field validation.
// Throws ConfigError.
Config build_config(const std::vector<const std::vector<Assignment>*>& layers);

// Problems that involve more than one key (min above max, ...). Empty when valid.
std::vector<std::string> validate(const Config& cfg);

// The full resolved config as TOML text (every key, dotted form), stored in every output.
std::string to_toml(const Config& cfg);

}  // namespace placesim
