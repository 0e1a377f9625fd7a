#include "sim/event_tables.hpp"

#include <cstdint>
#include <vector>

#include "sim/netcdf_dims.hpp"
#include "sim/output_schema.hpp"

namespace placesim {
namespace {

namespace S = schema;
namespace D = schema::dims;

void mark(H5Writer& w, hid_t g, const ServiceSystem& sv, bool kept) {
  w.attr_int32(g, S::kKept, kept ? 1 : 0);
  w.attr_int32(g, S::kFullFromDay, sv.event_tables_full_from());
}

void write_contacts(H5Writer& w, hid_t arm, const ServiceSystem& sv, bool kept) {
  namespace C = S::contacts;
  const auto& rows = sv.contact_log();
  const hsize_t n = rows.size();
  std::vector<std::uint32_t> citizen(n);
  std::vector<std::int32_t> day(n);
  std::vector<std::uint8_t> unit(n), kind(n), crisis(n);
  for (hsize_t k = 0; k < n; ++k) {
    citizen[k] = rows[k].citizen;
    day[k] = rows[k].day;
    unit[k] = rows[k].unit;
    kind[k] = rows[k].kind & 3u;
    crisis[k] = (rows[k].kind & ContactRow::kCrisisBit) ? 1 : 0;
  }
  H5Handle g = w.create_group(arm, S::kContactsGroup);
  const hid_t gid = g.get();
  w.attr_string(gid, S::kDescription,
                "One row per contact a person made with services, in the order they were "
                "routed (day, then citizen). Per day, the rows equal contacts_value + "
                "contacts_failure (unless full_from_day >= 0: the table stopped growing that day).");
  mark(w, gid, sv, kept);
  write_dimension(w, gid, D::kContact, n, "Row number of the contact.");
  write_variable(w, gid, C::kCitizen, citizen, {n}, {D::kContact}, "id",
                 "Citizen who made the contact.");
  write_variable(w, gid, C::kDay, day, {n}, {D::kContact}, "day", "Day of the contact.");
  write_variable(w, gid, C::kUnit, unit, {n}, {D::kContact}, "id",
                 "Unit the contact went to (index into /unit_name): the person's door, the "
                 "front door when they went to another door, or the unit holding their case "
                 "for a call made in crisis.");
  H5Handle kd = create_variable(w, gid, C::kKind, kind, {n}, {D::kContact}, "code",
                                "Vanguard classification: 0 value demand, 1 repeat (failure "
                                "demand: back with a problem left undone), 2 chase (failure "
                                "demand: progress chasing).");
  w.attr_string(kd.get(), C::kKindCodes, C::kKindCodesText);
  w.close(kd);
  write_variable(w, gid, C::kCrisis, crisis, {n}, {D::kContact}, "flag",
                 "1 if the contact was made in crisis.");
  w.close(g);
}

void write_pulls(H5Writer& w, hid_t arm, const ServiceSystem& sv, bool kept) {
  namespace P = S::pulls;
  const auto& rows = sv.pull_log();
  const hsize_t n = rows.size();
  std::vector<std::uint32_t> citizen(n);
  std::vector<std::int32_t> day(n);
  std::vector<std::uint8_t> unit(n), domain(n);
  for (hsize_t k = 0; k < n; ++k) {
    citizen[k] = rows[k].citizen;
    day[k] = rows[k].day;
    unit[k] = rows[k].unit;
    domain[k] = rows[k].domain;
  }
  H5Handle g = w.create_group(arm, S::kPullsGroup);
  const hid_t gid = g.get();
  w.attr_string(gid, S::kDescription,
                "One row per expert pull a team asked for, on the day it was asked, in the "
                "order the requests were applied (unit, then emission order). The row count "
                "equals the sum of expert_pulls (unless full_from_day >= 0).");
  mark(w, gid, sv, kept);
  write_dimension(w, gid, D::kPull, n, "Row number of the pull.");
  write_variable(w, gid, P::kCitizen, citizen, {n}, {D::kPull}, "id",
                 "Citizen the expert is pulled in for.");
  write_variable(w, gid, P::kDay, day, {n}, {D::kPull}, "day", "Day the pull was asked for.");
  write_variable(w, gid, P::kUnit, unit, {n}, {D::kPull}, "id",
                 "Department asked (index into /unit_name).");
  write_variable(w, gid, P::kDomain, domain, {n}, {D::kPull}, "id",
                 "Need the expert is pulled in for (0 housing ... 7 substances).");
  w.close(g);
}

}  // namespace

void write_event_tables(H5Writer& w, hid_t arm, const ServiceSystem& sv, bool kept) {
  write_contacts(w, arm, sv, kept);
  write_pulls(w, arm, sv, kept);
}

}  // namespace placesim
