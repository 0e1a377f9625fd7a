#pragma once
// Files of a sweep directory shared by the sweep's parts (not part of the public interface):
// atomic text writes, shard table names, the summary written as a write (not a usage) error,
// and the DIR/runs/<id>.failed records.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "experiments/sweep.hpp"

namespace placesim {

std::string read_text(const std::filesystem::path& p);

// A unique temporary name next to the target, then rename: readers never see half a file,
// and processes of different shards sharing a directory never write the same temporary.
void write_atomically(const std::filesystem::path& p, const std::string& text);

// DIR/shards/shard-I-of-N.h5, the table of one shard's runs.
std::string shard_table_path(const std::string& dir, std::int64_t index, std::int64_t count);
// Whether a file name in DIR/shards is one a sweep writes: a shard table, or the partial file
// of one being written.
bool is_shard_table_name(const std::string& name, bool with_partials);

// The summary (shard == nullptr) or a shard's table. Any failure to write it is a
// SweepWriteError (exit code 1: the work failed), not a refused directory.
void write_table(const std::string& path, const Manifest& m, const std::vector<SummaryRow>& rows,
                 const Shard* shard);

void write_failure(const std::string& dir, const PlannedRun& run, const std::string& error);
// The error recorded in a .failed file.
std::string read_failure(const std::string& path);

}  // namespace placesim
