#include "sim/toml_value.hpp"

#include <cmath>
#include <cstdint>

namespace placesim {

bool toml_to_param(ParamKind kind, const toml::node& node, ParamValue& out) {
  switch (kind) {
    case ParamKind::Integer:
      if (auto v = node.as_integer()) {
        out = v->get();
        return true;
      }
      if (auto v = node.as_floating_point()) {
        const double x = v->get();
        if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 9.0e15) {
          out = static_cast<std::int64_t>(x);
          return true;
        }
      }
      return false;
    case ParamKind::Real:
      if (auto v = node.as_floating_point()) {
        out = v->get();
        return true;
      }
      if (auto v = node.as_integer()) {
        out = static_cast<double>(v->get());
        return true;
      }
      return false;
    case ParamKind::Boolean:
      if (auto v = node.as_boolean()) {
        out = v->get();
        return true;
      }
      return false;
    case ParamKind::Text:
      if (auto v = node.as_string()) {
        out = v->get();
        return true;
      }
      return false;
  }
  return false;
}

}  // namespace placesim
