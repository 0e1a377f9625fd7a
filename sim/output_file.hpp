#pragma once
// The HDF5 output of a run (schema in docs/output.md). The file is written under a temporary
// name in the same directory and renamed into place only when complete, so an interrupted
// run never leaves a file that looks finished.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/simulation.hpp"

namespace placesim {

struct Provenance {
  std::string experiment;
  std::string source;       // experiment file or preset:NAME
  std::string config_toml;  // resolved config of the first arm
  std::string command_line;
  std::int64_t seed = 0;
  std::int64_t threads = 0;
  std::string started_utc;
  std::string finished_utc;
  double wall_seconds = 0;
};

struct ArmResult {
  std::string name;
  std::string config_toml;
  const Simulation* sim;
};

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Fails early (before hours of computing) if the output exists and overwrite is false, or its
// directory does not exist.
void check_output_path(const std::string& path, bool overwrite);

void write_output(const std::string& path, bool overwrite, const Provenance& prov,
                  const std::vector<ArmResult>& arms);

std::string utc_now();

}  // namespace placesim
