#pragma once
// The registry of every configuration key: its type, range, unit, default and meaning.
// Parsing, validation, --set overrides, `placesim params` and the resolved config stored in
// every output are all driven by this one table, so a key cannot exist in one and not the
// others.
#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "core/config.hpp"
#include "sim/param_roles.hpp"

namespace placesim {

enum class ParamKind { Integer, Real, Boolean, Text };

// What a value of this kind is, for messages: "expected an integer".
inline const char* kind_name(ParamKind k) {
  switch (k) {
    case ParamKind::Integer:
      return "an integer";
    case ParamKind::Real:
      return "a number";
    case ParamKind::Boolean:
      return "true or false";
    case ParamKind::Text:
      return "a string";
  }
  return "?";
}

struct ParamSpec {
  std::string key;
  ParamKind kind = ParamKind::Real;
  double min = 0;  // inclusive bounds for numbers
  double max = 0;
  std::string unit;
  std::string description;
  ParamRole role = ParamRole::Uncertainty;  // set from the key (sim/param_roles.cpp)
  std::function<std::int64_t&(Config&)> integer;
  std::function<double&(Config&)> real;
  std::function<bool&(Config&)> boolean;
  std::function<std::string&(Config&)> text;
};

// The part of a key before its first dot: `silo` for `silo.threshold`.
inline std::string param_section(const std::string& key) { return key.substr(0, key.find('.')); }

using ParamValue = std::variant<std::int64_t, double, bool, std::string>;

// Adds specs to a registry under construction; each module registers its own keys.
class ParamBuilder {
 public:
  explicit ParamBuilder(std::vector<ParamSpec>& out) : out_(out) {}

  void integer(std::string key, std::function<std::int64_t&(Config&)> f, double lo, double hi,
               std::string unit, std::string desc) {
    ParamSpec s = spec(std::move(key), ParamKind::Integer, lo, hi, std::move(unit), std::move(desc));
    s.integer = std::move(f);
    out_.push_back(std::move(s));
  }
  void real(std::string key, std::function<double&(Config&)> f, double lo, double hi,
            std::string unit, std::string desc) {
    ParamSpec s = spec(std::move(key), ParamKind::Real, lo, hi, std::move(unit), std::move(desc));
    s.real = std::move(f);
    out_.push_back(std::move(s));
  }
  void boolean(std::string key, std::function<bool&(Config&)> f, std::string desc) {
    ParamSpec s = spec(std::move(key), ParamKind::Boolean, 0, 1, "", std::move(desc));
    s.boolean = std::move(f);
    out_.push_back(std::move(s));
  }
  void text(std::string key, std::function<std::string&(Config&)> f, std::string desc) {
    ParamSpec s = spec(std::move(key), ParamKind::Text, 0, 0, "", std::move(desc));
    s.text = std::move(f);
    out_.push_back(std::move(s));
  }

 private:
  static ParamSpec spec(std::string key, ParamKind kind, double lo, double hi, std::string unit,
                        std::string desc) {
    ParamSpec s;
    s.key = std::move(key);
    s.kind = kind;
    s.min = lo;
    s.max = hi;
    s.unit = std::move(unit);
    s.description = std::move(desc);
    return s;
  }
  std::vector<ParamSpec>& out_;
};

// Defined in sim/service_params.cpp: the keys of the service system.
void register_service_params(ParamBuilder& b);
void validate_services(const Config& cfg, std::vector<std::string>& errors);
// Issue 10: one file of keys per piece (sim/params_*.cpp), called by register_service_params.
void register_mechanics_params(ParamBuilder& b);
void register_staffing_params(ParamBuilder& b);
void register_people_params(ParamBuilder& b);
void register_commissioning_params(ParamBuilder& b);
void validate_commissioning(const Config& cfg, std::vector<std::string>& errors);

const std::vector<ParamSpec>& param_registry();
const ParamSpec* find_param(const std::string& key);

// The closest registered key by edit distance, for "did you mean" messages.
std::string nearest_param(const std::string& key);

// Value of a parameter in a config, formatted as a TOML value (round-trips exactly).
std::string format_param(const ParamSpec& spec, const Config& cfg);

}  // namespace placesim
