// `placesim export`: a run file as tidy CSV tables (analysis/export.hpp, docs/output.md).
#include <cxxopts.hpp>

#include <cstdio>
#include <filesystem>

#include "analysis/export.hpp"
#include "cli/cli.hpp"
#include "core/printable.hpp"
#include "sim/output_target.hpp"

namespace placesim::cli {
namespace {

// results.h5 -> results_csv (beside the file).
std::string default_dir(const std::string& in) {
  std::filesystem::path p(in);
  p.replace_extension();
  return p.string() + "_csv";
}

}  // namespace

int cmd_export(int argc, char** argv) {
  std::string tables;
  for (const auto& t : analysis::export_table_names()) tables += (tables.empty() ? "" : ", ") + t;
  cxxopts::Options opts(
      "placesim export",
      "Write a run file as tidy CSV tables (UTF-8, one header line) in a directory: time series "
      "long (replicate, arm, tick[, neighbourhood|unit], variable, value), people, cases and "
      "events wide (one row each). replicate is 0 in a file without replicates. Tables: " +
          tables +
          " (variables.csv gives each column's units and description).\n"
          "  placesim export results.h5 --format csv\n"
          "  placesim export results.h5 --format csv --out tables/ --overwrite");
  // clang-format off
  opts.add_options()
    ("file", "run file to export (HDF5)", cxxopts::value<std::string>())
    ("format", "output format (only csv)", cxxopts::value<std::string>()->default_value("csv"))
    ("out", "directory to write into, created if missing (default: FILE without .h5 + _csv)",
     cxxopts::value<std::string>())
    ("overwrite", "replace tables already in the directory")
    ("help", "show this help");
  // clang-format on
  opts.parse_positional({"file"});
  opts.positional_help("FILE.h5");
  cxxopts::ParseResult args;
  if (auto stop = parse_command(opts, argc, argv, args)) return *stop;
  if (!args.count("file")) {
    std::fprintf(stderr, "placesim export: give the run file to export (see --help)\n");
    return kBadInput;
  }
  const std::string format = args["format"].as<std::string>();
  if (format != "csv") {
    std::fprintf(stderr, "placesim export: --format '%s' is not known (csv is)\n",
                 printable(format).c_str());
    return kBadInput;
  }
  const std::string in = args["file"].as<std::string>();
  analysis::ExportOptions eo;
  eo.dir = args.count("out") ? args["out"].as<std::string>() : default_dir(in);
  eo.overwrite = args.count("overwrite") > 0;
  try {
    const H5Reader f(in);
    for (const auto& t : analysis::export_csv(f, eo))
      std::printf("placesim export: wrote %s (%zu rows)\n", printable(t.path).c_str(), t.rows);
  } catch (const InputError& e) {
    std::fprintf(stderr, "placesim export: error: %s\n", printable(e.what()).c_str());
    return kBadInput;
  } catch (const OutputError& e) {
    std::fprintf(stderr, "placesim export: error: %s\n", printable(e.what()).c_str());
    return kFailed;
  }
  return kOk;
}

}  // namespace placesim::cli
