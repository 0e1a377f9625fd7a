#pragma once
// The HDF5 output of a run (schema in docs/output.md, names in sim/output_schema.hpp). It is
// written into an OutputTarget's temporary file, every HDF5 call checked, flushed, closed and
// synced, then renamed into place; any failure removes the temporary and throws OutputError.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/output_target.hpp"
#include "sim/simulation.hpp"

namespace placesim {
struct ArmReplicates;
}

namespace placesim {

struct Provenance {
  std::string experiment;
  std::string source;       // experiment file or preset:NAME
  std::string config_toml;  // resolved config of the first arm
  std::string command_line;
  std::int64_t seed = 0;
  std::int64_t threads = 0;  // threads actually used (Simulation::threads), never 0
  std::string started_utc;
  std::string finished_utc;
  double wall_seconds = 0;
};

struct ArmResult {
  std::string name;
  std::string config_toml;
  const Simulation* sim;  // finished: run() has returned
  // Every replicate's series (sim/replicate_output.hpp); null: one replicate, none written.
  const ArmReplicates* replicates = nullptr;
};

// Writes the file into `target` and commits it (OutputTarget::commit). Throws OutputError; the
// target then holds nothing and its path is untouched.
void write_output(OutputTarget& target, const Provenance& prov, const std::vector<ArmResult>& arms);

// The same through a target of its own, for callers that claim the path only now.
void write_output(const std::string& path, bool overwrite, const Provenance& prov,
                  const std::vector<ArmResult>& arms);

std::string utc_now();

}  // namespace placesim
