#pragma once
// The eight life domains of MODEL.md section 2, in a fixed order used by every array.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace placesim {

inline constexpr int kDomains = 8;

enum Domain : std::uint8_t {
  Housing = 0,
  Money = 1,
  Health = 2,
  Mental = 3,
  Family = 4,
  Work = 5,
  Connection = 6,
  Substances = 7,
};

inline constexpr std::array<std::string_view, kDomains> kDomainNames = {
    "housing", "money", "health", "mental", "family", "work", "connection", "substances"};

inline std::optional<int> domain_from_name(std::string_view name) {
  for (int d = 0; d < kDomains; ++d)
    if (kDomainNames[d] == name) return d;
  return std::nullopt;
}

template <class T>
using PerDomain = std::array<T, kDomains>;

}  // namespace placesim
