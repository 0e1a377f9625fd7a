#pragma once
// Service units: the customer-services front door, one department per life domain, and the
// relational locality team. Unit u owns domain u-1 for departments (kDeptOf).
#include <array>
#include <cstdint>
#include <string_view>

#include "core/domains.hpp"

namespace placesim {

enum class UnitKind : std::uint8_t { FrontDoor, Department, Team };

inline constexpr int kUnits = 10;
inline constexpr int kFrontDoor = 0;
inline constexpr int kTeam = 9;
constexpr int dept_of(int domain) { return domain + 1; }
constexpr int domain_of_dept(int unit) { return unit - 1; }

inline constexpr std::array<std::string_view, kUnits> kUnitNames = {
    "customer_services", "housing",          "revenues_benefits", "primary_care",
    "mental_health",     "children_families", "employment_support", "adult_social_care",
    "drug_alcohol",      "relational_team"};

// Share of all front-line staff in each unit before any relational team exists. Reasoning:
// customer services and the statutory departments carry most of the load; drug and alcohol
// and employment support are smaller (documented in docs/model.md).
inline constexpr std::array<double, kUnits> kStaffWeight = {0.12, 0.12, 0.12, 0.14, 0.12,
                                                            0.12, 0.08, 0.12, 0.06, 0.0};

// Departments with statutory assessment duties (Care Act, Children Act, Mental Health Act):
// these assess even when pulled into a relational case.
constexpr bool statutory_unit(int u) {
  return u == dept_of(Family) || u == dept_of(Connection) || u == dept_of(Mental);
}

constexpr UnitKind unit_kind(int u) {
  return u == kFrontDoor ? UnitKind::FrontDoor : (u == kTeam ? UnitKind::Team : UnitKind::Department);
}

}  // namespace placesim
