// `placesim report`: choose the report for the kind of file, and write it safely. The report
// is built in analysis/report_*.cpp, one file per section (see docs/report.md).
#include "analysis/report.hpp"

#include <optional>

#include "analysis/report_sections.hpp"
#include "analysis/run_data.hpp"
#include "sim/output_target.hpp"

namespace placesim::analysis {

std::string render_report(const H5Reader& file, const ReportOptions& opts) {
  return detect_kind(file) == FileKind::kSweep ? html::sweep_report(file, opts)
                                               : html::run_report(file, opts);
}

void write_report(const std::string& out, bool overwrite, const std::string& html) {
  // The run file's write path: only a regular file is replaced (never a device node, a FIFO
  // or what a link points to), a full disk is reported, and a signal leaves no temporary.
  std::optional<OutputTarget> target;
  try {
    target.emplace(out, overwrite);
  } catch (const OutputError& e) {
    throw InputError(e.what());
  }
  target->write(html.data(), html.size());
  target->commit();
}

}  // namespace placesim::analysis
