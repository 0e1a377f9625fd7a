// `placesim report` and `placesim inspect`: read an output file, never write one.
#include <cxxopts.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>

#include "analysis/report.hpp"
#include "cli/cli.hpp"
#include "core/printable.hpp"

namespace placesim::cli {
namespace {

// Bad or unreadable input files exit with kBadInput and a message naming the file.
int bad_input(const char* cmd, const std::exception& e) {
  std::fprintf(stderr, "placesim %s: error: %s\n", cmd, printable(e.what()).c_str());
  return kBadInput;
}

std::string default_report_name(const std::string& in) {
  std::filesystem::path p(in);
  p.replace_extension(".html");
  return p.string();
}

}  // namespace

int cmd_report(int argc, char** argv) {
  cxxopts::Options opts("placesim report",
                        "Write a self-contained HTML report (inline SVG charts, no network) of a "
                        "run, a comparison run or a sweep summary.\n"
                        "  placesim report results.h5 -o results.html\n"
                        "  placesim report sweep/summary.h5 --overwrite");
  // clang-format off
  opts.add_options()
    ("file", "output file to report on (HDF5)", cxxopts::value<std::string>())
    ("o,output", "HTML file to write (default: FILE with .html)", cxxopts::value<std::string>())
    ("overwrite", "replace the HTML file if it exists")
    ("person", "citizen id for the one-life journey view (default: the sampled person with the "
               "most contacts)", cxxopts::value<std::string>())
    ("help", "show this help");
  // clang-format on
  opts.parse_positional({"file"});
  opts.positional_help("FILE.h5");
  cxxopts::ParseResult args;
  if (auto stop = parse_command(opts, argc, argv, args)) return *stop;
  if (!args.count("file")) {
    std::fprintf(stderr, "placesim report: give the output file to report on (see --help)\n");
    return kBadInput;
  }
  const std::string in = args["file"].as<std::string>();
  const std::string out =
      args.count("output") ? args["output"].as<std::string>() : default_report_name(in);
  if (std::filesystem::path(out) == std::filesystem::path(in)) {
    std::fprintf(stderr, "placesim report: the report would overwrite its input %s\n",
                 printable(in).c_str());
    return kBadInput;
  }
  analysis::ReportOptions ro;
  ro.command_line = joined_command_line(argc, argv);
  // Which ids exist is known only from the file, so the report checks the range and names it.
  if (args.count("person"))
    ro.person = whole_number(
        args, "person",
        {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()});
  try {
    if (std::filesystem::exists(out) && !args.count("overwrite")) {
      std::fprintf(stderr, "placesim report: error: %s: exists; pass --overwrite to replace it\n",
                   printable(out).c_str());
      return kBadInput;
    }
    const H5Reader f(in);
    const std::string html = analysis::render_report(f, ro);
    analysis::write_report(out, args.count("overwrite") > 0, html);
  } catch (const InputError& e) {
    return bad_input("report", e);
  }
  std::printf("placesim report: wrote %s\n", printable(out).c_str());
  return kOk;
}

int cmd_inspect(int argc, char** argv) {
  cxxopts::Options opts("placesim inspect",
                        "Print the structure, provenance and headline figures of an output file.\n"
                        "  placesim inspect results.h5");
  opts.add_options()("file", "output file (HDF5)", cxxopts::value<std::string>())("help",
                                                                                  "show this help");
  opts.parse_positional({"file"});
  opts.positional_help("FILE.h5");
  cxxopts::ParseResult args;
  if (auto stop = parse_command(opts, argc, argv, args)) return *stop;
  if (!args.count("file")) {
    std::fprintf(stderr, "placesim inspect: give the output file to inspect (see --help)\n");
    return kBadInput;
  }
  try {
    const H5Reader f(args["file"].as<std::string>());
    analysis::print_inspect(f, std::cout);
  } catch (const InputError& e) {
    return bad_input("inspect", e);
  }
  return kOk;
}

}  // namespace placesim::cli
