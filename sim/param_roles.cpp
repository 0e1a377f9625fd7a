#include "sim/param_roles.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace placesim {
namespace {

bool starts_with(std::string_view key, std::string_view prefix) {
  return key.substr(0, prefix.size()) == prefix;
}

// Sections of run settings: the size and shape of the place, the days, the seed and the
// degenerate docking configuration are chosen by whoever runs the model, not by a service.
constexpr std::array<std::string_view, 5> kSettingSections = {"experiment.", "run.", "place.",
                                                              "network.", "docking."};

// Sections whose keys are decisions: the rules of each design (MODEL.md section 5), per-unit
// exceptions, the roll-out, staffing and the commissioner's choices.
constexpr std::array<std::string_view, 6> kLeverSections = {
    "silo.", "relational.", "units.", "transition.", "staffing.", "commissioning."};

// Keys whose role differs from their section's. A key in a lever section that describes how
// people or workers behave (not a rule anyone sets) is an uncertainty, and so is every key that
// calibration fits; a decision in an otherwise behavioural section is a lever.
constexpr std::array<std::pair<std::string_view, ParamRole>, 7> kExceptions = {{
    {"groups.funding", ParamRole::Lever},           // voluntary-sector funding (commissioner)
    {"services.info_sharing", ParamRole::Lever},    // investment in information sharing
    {"workers.staff_per_10k", ParamRole::Lever},    // the size of the workforce (budget)
    {"services.enabled", ParamRole::Setting},       // switches the service system off for tests
    {"silo.notice_prob", ParamRole::Uncertainty},   // how often a worker notices: behaviour, fitted
    {"silo.transaction_level", ParamRole::Uncertainty},  // which requests are simple: fitted
    {"relational.notice_prob", ParamRole::Uncertainty},  // as silo.notice_prob
}};

}  // namespace

const char* role_name(ParamRole r) {
  switch (r) {
    case ParamRole::Lever: return "lever";
    case ParamRole::Uncertainty: return "uncertainty";
    case ParamRole::Setting: return "setting";
  }
  return "?";
}

ParamRole role_of(std::string_view key) {
  for (const auto& [k, role] : kExceptions)
    if (k == key) return role;
  for (auto s : kSettingSections)
    if (starts_with(key, s)) return ParamRole::Setting;
  for (auto s : kLeverSections)
    if (starts_with(key, s)) return ParamRole::Lever;
  return ParamRole::Uncertainty;
}

const std::vector<std::string_view>& role_exceptions() {
  static const std::vector<std::string_view> keys = [] {
    std::vector<std::string_view> v;
    for (const auto& e : kExceptions) v.push_back(e.first);
    return v;
  }();
  return keys;
}

}  // namespace placesim
