// `placesim presets` and `placesim params`: what can be run and what can be set.
#include <cxxopts.hpp>
#include <toml++/toml.h>

#include <cstdio>
#include <iostream>

#include "cli/cli.hpp"
#include "cli/experiment_text.hpp"
#include "core/printable.hpp"
#include "analysis/report.hpp"
#include "analysis/worksheet.hpp"
#include "experiments/preset_registry.hpp"
#include "sim/output_target.hpp"
#include "sim/runner.hpp"

namespace placesim::cli {
namespace {

void print_param(const ParamSpec& s, const Config& defaults) {
  std::printf("%s = %s", s.key.c_str(), format_param(s, defaults).c_str());
  if (s.kind == ParamKind::Integer || s.kind == ParamKind::Real)
    std::printf("   [%g, %g]", s.min, s.max);
  if (!s.unit.empty()) std::printf("   (%s)", s.unit.c_str());
  std::printf("   %s\n    %s\n", role_name(s.role), s.description.c_str());
}

// One key as a JSON object (through toml++'s JSON formatter, so strings are escaped by a
// library, not by hand). The default keeps its type: integer, number, boolean or string.
toml::table param_json(const ParamSpec& s, const Config& defaults) {
  Config& c = const_cast<Config&>(defaults);  // the accessors return references; we only read
  toml::table t;
  t.insert("key", s.key);
  t.insert("section", param_section(s.key));
  t.insert("role", role_name(s.role));
  t.insert("type", s.kind == ParamKind::Integer ? "integer"
                   : s.kind == ParamKind::Real  ? "number"
                   : s.kind == ParamKind::Boolean ? "boolean"
                                                  : "string");
  switch (s.kind) {
    case ParamKind::Integer: t.insert("default", s.integer(c)); break;
    case ParamKind::Real: t.insert("default", s.real(c)); break;
    case ParamKind::Boolean: t.insert("default", s.boolean(c)); break;
    case ParamKind::Text: t.insert("default", s.text(c)); break;
  }
  if (s.kind == ParamKind::Integer || s.kind == ParamKind::Real) {
    t.insert("min", s.min);
    t.insert("max", s.max);
  }
  t.insert("unit", s.unit);
  t.insert("description", s.description);
  return t;
}

}  // namespace

int cmd_presets(int argc, char** argv) {
  cxxopts::Options opts("placesim presets",
                        "List the preset experiments, show one, or write a printable one-page "
                        "worksheet for a class (story, a prediction to make before running, "
                        "where to look, questions):\n"
                        "  placesim presets\n  placesim presets show NAME\n"
                        "  placesim presets worksheet NAME [--out FILE]");
  // clang-format off
  opts.add_options()
    ("out", "worksheet HTML file (default: NAME-worksheet.html)", cxxopts::value<std::string>())
    ("overwrite", "replace the worksheet file if it exists")
    ("help", "show this help")
    ("args", "", cxxopts::value<std::vector<std::string>>());
  // clang-format on
  opts.parse_positional({"args"});
  opts.positional_help("[show NAME | worksheet NAME]");
  cxxopts::ParseResult args;
  if (auto stop = parse_command(opts, argc, argv, args)) return *stop;
  std::vector<std::string> pos;
  if (args.count("args")) pos = args["args"].as<std::vector<std::string>>();
  try {
    if (pos.empty()) {
      for (const auto& p : embedded_presets()) {
        RunRequest req{parse_experiment(p.toml, p.name), {}, {}};
        std::cout << experiment_line(p.name, prepare_arms(req));
      }
      return kOk;
    }
    if (pos.size() == 2 && pos[0] == "worksheet") {
      RunRequest req{load_preset(pos[1]), {}, {}};
      const auto arms = prepare_arms(req);
      std::vector<std::string> names;
      for (const auto& a : arms) names.push_back(a.name);
      const std::string out =
          args.count("out") ? args["out"].as<std::string>() : pos[1] + "-worksheet.html";
      analysis::write_report(out, args.count("overwrite") > 0,
                             analysis::worksheet_html(pos[1], arms.front().cfg, names));
      std::fprintf(stderr, "placesim presets: wrote %s\n", printable(out).c_str());
      return kOk;
    }
    if (args.count("out") || args.count("overwrite")) {
      std::fprintf(stderr, "placesim presets: --out and --overwrite go with `worksheet NAME`\n");
      return kBadInput;
    }
    if (pos.size() == 2 && pos[0] == "show") {
      RunRequest req{load_preset(pos[1]), {}, {}};
      std::cout << experiment_description(pos[1], prepare_arms(req), find_preset(pos[1])->toml);
      return kOk;
    }
  } catch (const ConfigError& e) {
    for (const auto& m : e.messages())
      std::fprintf(stderr, "placesim presets: %s\n", printable(m).c_str());
    return kBadInput;
  } catch (const OutputError& e) {  // the worksheet could not be written (full disk, ...)
    std::fprintf(stderr, "placesim presets: %s\n", printable(e.what()).c_str());
    return kFailed;
  } catch (const InputError& e) {  // the worksheet's path may not be written
    std::fprintf(stderr, "placesim presets: %s\n", printable(e.what()).c_str());
    return kBadInput;
  }
  std::fprintf(stderr, "placesim presets: expected no argument, `show NAME` or `worksheet NAME`\n");
  return kBadInput;
}

int cmd_params(int argc, char** argv) {
  cxxopts::Options opts("placesim params",
                        "List every configuration key, grouped by section: default, range, unit, "
                        "role and meaning; with FILTER, only the keys containing FILTER (a substring: a "
                        "section prefix such as `silo.` or a word such as `threshold`).\n"
                        "Roles: lever (a decision a manager or commissioner holds), uncertainty "
                        "(a fact the model can only estimate), setting (size, days, seed).\n"
                        "Keys go in an experiment file (`[life]` then `recovery_rate = 0.02`) or "
                        "on the command line (--set life.recovery_rate=0.02).\n"
                        "  placesim params                 every key\n"
                        "  placesim params silo.           only the keys of section silo\n"
                        "  placesim params --levers        only the levers\n"
                        "  placesim params --json threshold  as JSON, for scripts");
  // clang-format off
  opts.add_options()
    ("filter", "show only the keys containing FILTER (a substring)", cxxopts::value<std::string>())
    ("role", "show only the keys of this role: lever, uncertainty or setting",
     cxxopts::value<std::string>())
    ("levers", "show only the levers (same as --role lever)")
    ("json", "print the keys as a JSON array of objects (key, section, role, type, default, "
             "min, max, unit, description)")
    ("toml", "print the defaults as a TOML file (every key)")
    ("help", "show this help");
  // clang-format on
  opts.parse_positional({"filter"});
  opts.positional_help("[FILTER]");
  cxxopts::ParseResult args;
  if (auto stop = parse_command(opts, argc, argv, args)) return *stop;
  const Config defaults;
  if (args.count("toml")) {
    if (args.count("filter") || args.count("role") || args.count("levers") || args.count("json")) {
      std::fprintf(stderr, "placesim params: --toml prints every key; give it no FILTER, "
                           "--role, --levers or --json\n");
      return kBadInput;
    }
    std::cout << to_toml(defaults);
    return kOk;
  }
  std::string role = args.count("role") ? args["role"].as<std::string>() : "";
  if (args.count("levers")) {
    if (!role.empty() && role != "lever") {
      std::fprintf(stderr, "placesim params: --levers and --role %s contradict each other\n",
                   printable(role).c_str());
      return kBadInput;
    }
    role = "lever";
  }
  if (!role.empty() && role != "lever" && role != "uncertainty" && role != "setting") {
    std::fprintf(stderr, "placesim params: --role '%s': expected lever, uncertainty or setting\n",
                 printable(role).c_str());
    return kBadInput;
  }
  const std::string filter = args.count("filter") ? args["filter"].as<std::string>() : "";
  std::vector<const ParamSpec*> chosen;
  for (const auto& s : param_registry())
    if (s.key.find(filter) != std::string::npos && (role.empty() || role == role_name(s.role)))
      chosen.push_back(&s);
  if (chosen.empty()) {
    std::fprintf(stderr, "placesim params: no key%s%s%s%s (see placesim params)\n",
                 filter.empty() ? "" : " contains '", printable(filter).c_str(),
                 filter.empty() ? "" : "'", role.empty() ? "" : (" has role " + role).c_str());
    return kBadInput;
  }
  if (args.count("json")) {
    toml::array out;
    for (const ParamSpec* s : chosen) out.push_back(param_json(*s, defaults));
    std::cout << toml::json_formatter{out} << "\n";
    return kOk;
  }
  std::string section;
  for (const ParamSpec* s : chosen) {
    if (param_section(s->key) != section) {
      section = param_section(s->key);
      std::printf("%s[%s]\n", s == chosen.front() ? "" : "\n", section.c_str());
    }
    print_param(*s, defaults);
  }
  return kOk;
}

}  // namespace placesim::cli
