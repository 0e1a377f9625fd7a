#pragma once
// All of the sweep's own HDF5 code: the summary and shard tables, and the few reads of run
// files and shard tables the directory protocol needs.
#include <mutex>
#include <string>
#include <vector>

#include "experiments/sweep.hpp"

namespace placesim {

// The HDF5 library may be built without thread safety; every HDF5 call of the sweep goes
// through this lock so that concurrent runs can still write their files.
std::mutex& hdf5_mutex();

// The config hash of a finished run's file, from the resolved configs it stores per arm;
// empty when the file is unfinished or unreadable.
std::string stored_config_hash(const std::string& path);

// The run ids a shard table claims. Throws SweepError.
std::vector<std::string> read_run_ids(const std::string& path);

// The summary table (shard == nullptr) or a shard's table, written atomically.
void write_summary_table(const std::string& path, const Manifest& m,
                         const std::vector<SummaryRow>& rows, const Shard* shard);

}  // namespace placesim
