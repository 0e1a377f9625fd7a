#pragma once
// `placesim report`: one self-contained HTML page (inline SVG, no network) for a run, a
// comparison run or a sweep summary; and `placesim inspect`: the same file in a terminal.
#include <iosfwd>
#include <optional>
#include <string>

#include "sim/h5_reader.hpp"

namespace placesim::analysis {

struct ReportOptions {
  std::optional<long long> person;  // citizen id for the journey view
  std::string command_line;         // of the report itself, shown in the footer
};

std::string render_report(const H5Reader& file, const ReportOptions& opts);

// Writes under a temporary name in the same directory and renames into place, so a reader never
// sees half a report. Throws InputError if out exists and overwrite is false.
void write_report(const std::string& out, bool overwrite, const std::string& html);

// The structure, provenance and headline figures of a file, for a terminal.
void print_inspect(const H5Reader& file, std::ostream& out);

}  // namespace placesim::analysis
