#pragma once
// Files of a sweep directory shared by the sweep's parts (not part of the public interface):
// atomic text writes, and the DIR/runs/<id>.failed records.
#include <filesystem>
#include <string>

#include "experiments/sweep_design.hpp"

namespace placesim {

std::string read_text(const std::filesystem::path& p);

// A unique temporary name next to the target, then rename: readers never see half a file,
// and processes of different shards sharing a directory never write the same temporary.
void write_atomically(const std::filesystem::path& p, const std::string& text);

void write_failure(const std::string& dir, const PlannedRun& run, const std::string& error);
// The error recorded in a .failed file.
std::string read_failure(const std::string& path);

}  // namespace placesim
