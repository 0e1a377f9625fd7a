// `placesim report`: choose the report for the kind of file, and write it safely. The report
// is built in analysis/report_*.cpp, one file per section (see docs/report.md).
#include "analysis/report.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "analysis/report_sections.hpp"
#include "analysis/run_data.hpp"

namespace placesim::analysis {
namespace fs = std::filesystem;

std::string render_report(const H5Reader& file, const ReportOptions& opts) {
  return detect_kind(file) == FileKind::kSweep ? html::sweep_report(file, opts)
                                               : html::run_report(file, opts);
}

void write_report(const std::string& out, bool overwrite, const std::string& html) {
  const fs::path p(out);
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw InputError(out + ": directory '" + dir.string() + "' does not exist");
  if (fs::exists(p, ec) && !overwrite)
    throw InputError(out + ": exists; pass --overwrite to replace it");
  const std::string tmp = out + ".partial-" + std::to_string(::getpid());
  {
    std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
    o << html;
    o.close();
    if (!o) {
      fs::remove(tmp, ec);
      throw std::runtime_error(out + ": cannot write the report");
    }
  }
  fs::rename(tmp, p, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error(out + ": cannot rename the finished report into place");
  }
}

}  // namespace placesim::analysis
