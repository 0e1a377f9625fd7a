#pragma once
// `placesim export`: a run file as tidy CSV tables (docs/output.md, "Export"), for tools that
// expect long tables (pandas, R's tidyverse, Mesa's DataCollector, NetLogo BehaviorSpace users).
//
// Time series are long: one row per (replicate, arm, tick[, neighbourhood | unit], variable);
// per-person, per-case and per-event tables are wide: one row per person or event, one column
// per dataset. A file without a replicate dimension has replicate = 0. Strings are UTF-8.
#include <string>
#include <vector>

#include "sim/h5_reader.hpp"

namespace placesim::analysis {

struct ExportOptions {
  std::string dir;         // created if missing (its parent must exist)
  bool overwrite = false;  // replace tables already in dir
};

struct ExportedTable {
  std::string path;
  std::size_t rows = 0;
};

// The CSV files export_csv writes, in order (names only).
std::vector<std::string> export_table_names();

// Writes every table of run file `f` into opts.dir. Each file is written under a temporary name
// and renamed when complete; if any table already exists and overwrite is false, nothing is
// written. Throws InputError (not a run file, or a table that may not be written) or
// OutputError (a write failed).
std::vector<ExportedTable> export_csv(const H5Reader& f, const ExportOptions& opts);

}  // namespace placesim::analysis
