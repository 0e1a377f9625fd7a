#include "sim/output_file.hpp"

#include <bit>
#include <chrono>
#include <ctime>

#include "placesim/version.hpp"
#include "sim/event_tables.hpp"
#include "sim/h5_writer.hpp"
#include "sim/output_schema.hpp"
#include "sim/replicate_output.hpp"

namespace placesim {
namespace {

namespace S = schema;

// The datasets every arm's series are attached to as dimension scales; open while arms are
// written.
struct Scales {
  H5Handle tick, neighbourhood, unit;
};

void write_citizens(H5Writer& w, hid_t arm, const Simulation& sim) {
  namespace C = S::citizens;
  const Citizens& c = sim.state().citizens;
  const Place& p = sim.model().place;
  H5Handle g = w.create_group(arm, S::kCitizensGroup);
  const hsize_t n = c.n;
  const hid_t gid = g.get();
  w.attr_string(gid, S::kDescription, "Final state of every citizen, indexed by citizen id.");
  for (int d = 0; d < kDomains; ++d) {
    const std::string dn(kDomainNames[d]);
    w.write_array(gid, C::kNeedPrefix + dn, c.need[d], {n}, "need 0-1", "Final " + dn + " need.");
    w.write_array(gid, C::kCausePrefix + dn, c.cause[d], {n}, "cause 0-1",
                  "Final intensity of the latent cause in the " + dn + " domain.");
  }
  w.write_array(gid, C::kHousehold, p.household_of, {n}, "id", "Household of each citizen.");
  w.write_array(gid, C::kNeighbourhood, p.nbhd_of, {n}, "id", "Neighbourhood of each citizen.");
  w.write_array(gid, C::kResilience, c.resilience, {n}, "",
                "Personal resilience (multiplies recovery).");
  w.write_array(gid, C::kTrust, c.trust, {n}, "index 0-1", "Final trust in services.");
  w.write_array(gid, C::kWellbeing, c.wellbeing, {n}, "index 0-1",
                "Final wellbeing, 1 - RMS(need).");
  w.write_array(gid, C::kSupport, c.support, {n}, "index 0-1", "Final social support.");
  w.write_array(gid, C::kCrises, c.crises, {n}, "crisis", "Crises over the run.");
  w.write_array(gid, C::kContacts, c.contacts, {n}, "contact",
                "Contacts with services over the run.");
  w.write_array(gid, C::kFailureContacts, c.failure_contacts, {n}, "contact",
                "Contacts classified as failure demand over the run.");
  w.write_array(gid, C::kAssessments, c.assessments, {n}, "assessment",
                "Assessments over the run.");
  w.write_array(gid, C::kReferrals, c.referrals, {n}, "referral", "Referrals over the run.");
  w.write_array(gid, C::kWorkersMet, c.workers_met, {n}, "worker", "Distinct workers met.");
  w.write_array(gid, C::kCost, c.cost, {n}, "GBP",
                "Cumulative cost attributed to the person (service time and reactive crisis use).");
  w.write_array(gid, C::kStaffHours, c.staff_hours, {n}, "hour",
                "Staff hours spent on the person.");
  std::vector<std::uint8_t> units_met(n), groups(n);
  for (hsize_t i = 0; i < n; ++i) {
    units_met[i] = static_cast<std::uint8_t>(std::popcount(c.services_met[i]));
    groups[i] = static_cast<std::uint8_t>(std::popcount(c.groups[i]));
  }
  w.write_array(gid, C::kServicesMet, units_met, {n}, "unit", "Distinct service units met.");
  w.write_array(gid, C::kGroupMemberships, groups, {n}, "membership",
                "Voluntary-group memberships at the end.");
  w.write_array(gid, C::kCrisisCost, c.crisis_cost, {n}, "GBP", "Cumulative reactive crisis cost.");
  w.close(g);
}

void write_cases(H5Writer& w, hid_t arm, const ServiceSystem& sv) {
  namespace K = S::cases;
  const auto& J = sv.journeys();
  const hsize_t n = J.size();
  std::vector<std::uint32_t> citizen(n);
  std::vector<std::uint8_t> unit(n), domain(n), outcome(n);
  std::vector<std::int32_t> opened(n), closed(n);
  std::vector<float> hours(n);
  for (hsize_t k = 0; k < n; ++k) {
    citizen[k] = J[k].citizen;
    unit[k] = J[k].unit;
    domain[k] = J[k].domain;
    outcome[k] = J[k].outcome;
    opened[k] = J[k].opened;
    closed[k] = J[k].closed;
    hours[k] = J[k].hours;
  }
  H5Handle g = w.create_group(arm, S::kCasesGroup);
  const hid_t gid = g.get();
  w.attr_string(gid, S::kDescription, "One row per case closed during the run, in closing order.");
  w.attr_string(gid, S::kOutcomeCodes, K::kOutcomeCodesText);
  w.write_array(gid, K::kCitizen, citizen, {n}, "id", "Citizen of the case.");
  w.write_array(gid, K::kUnit, unit, {n}, "id", "Unit of the case (index into /unit_name).");
  w.write_array(gid, K::kDomain, domain, {n}, "id",
                "Presenting domain (0 housing ... 7 substances).");
  w.write_array(gid, K::kOutcome, outcome, {n}, "code", "How the case ended (see outcome_codes).");
  w.write_array(gid, K::kOpened, opened, {n}, "day", "Day the case opened.");
  w.write_array(gid, K::kClosed, closed, {n}, "day", "Day the case closed.");
  w.write_array(gid, K::kHours, hours, {n}, "hour", "Staff hours spent on the case.");
  w.close(g);
}

void write_units(H5Writer& w, hid_t arm, const Recorder& rec, const Scales& scales) {
  const hsize_t T = rec.ticks.size();
  H5Handle g = w.create_group(arm, S::kUnitsGroup);
  w.attr_string(g.get(), S::kDescription,
                "Per-unit time series, shape (tick, unit); unit names in /unit_name.");
  for (std::size_t s = 0; s < rec.unit_meta().size(); ++s) {
    const auto& m = rec.unit_meta()[s];
    H5Handle ds =
        w.create_array(g.get(), m.name, rec.unit_data()[s], {T, kUnits}, m.unit, m.description);
    w.attach_scale(ds.get(), scales.tick.get(), 0);
    w.attach_scale(ds.get(), scales.unit.get(), 1);
    w.close(ds);
  }
  w.close(g);
}

void write_series(H5Writer& w, hid_t arm, const Recorder& rec, const Scales& scales) {
  const hsize_t T = rec.ticks.size();
  H5Handle series = w.create_group(arm, S::kSeriesGroup);
  w.attr_string(series.get(), S::kDescription, "Place-level time series, one value per day.");
  for (std::size_t s = 0; s < rec.place_meta().size(); ++s) {
    const auto& m = rec.place_meta()[s];
    H5Handle ds =
        w.create_array(series.get(), m.name, rec.place_data()[s], {T}, m.unit, m.description);
    w.attach_scale(ds.get(), scales.tick.get(), 0);
    w.close(ds);
  }
  w.close(series);

  const hsize_t NB = rec.neighbourhoods();
  H5Handle nb = w.create_group(arm, S::kNeighbourhoodGroup);
  w.attr_string(nb.get(), S::kDescription,
                "Per-neighbourhood time series, shape (tick, neighbourhood).");
  for (std::size_t s = 0; s < rec.nbhd_meta().size(); ++s) {
    const auto& m = rec.nbhd_meta()[s];
    H5Handle ds =
        w.create_array(nb.get(), m.name, rec.nbhd_data()[s], {T, NB}, m.unit, m.description);
    w.attach_scale(ds.get(), scales.tick.get(), 0);
    w.attach_scale(ds.get(), scales.neighbourhood.get(), 1);
    w.close(ds);
  }
  w.close(nb);
}

void write_sample(H5Writer& w, hid_t arm, const Recorder& rec) {
  namespace P = S::sample;
  H5Handle g = w.create_group(arm, S::kSampleGroup);
  const hid_t gid = g.get();
  w.attr_string(
      gid, S::kDescription,
      "Per-person series for an evenly spread sample of citizens, every run.sample_every days.");
  const hsize_t n = rec.sample_ids.size(), K = rec.sample_ticks.size();
  w.write_array(gid, P::kCitizen, rec.sample_ids, {n}, "id", "Citizen id of each sampled person.");
  w.write_array(gid, P::kTick, rec.sample_ticks, {K}, "day", "Day of each sample row.");
  w.write_array(gid, P::kCost, rec.sample_cost, {K, n}, "GBP",
                "Cumulative cost of each sampled person at each sample day.");
  w.write_array(gid, P::kWellbeing, rec.sample_wellbeing, {K, n}, "index 0-1",
                "Wellbeing of each sampled person at each sample day.");
  w.close(g);
}

void write_network(H5Writer& w, hid_t arm, const std::string& arm_name, const Simulation& sim) {
  namespace N = S::network;
  const NetworkSummary* ns = sim.network_summary();
  if (!ns) throw OutputError("arm '" + arm_name + "' has not finished its run: nothing to write");
  const auto& net = sim.model().net;
  H5Handle g = w.create_group(arm, S::kNetworkGroup);
  const hid_t gid = g.get();
  w.attr_string(gid, S::kDescription,
                "Summary of the citizens' social network (clustering over " +
                    std::to_string(kNetworkSummarySamples) + " sampled people, path length from " +
                    std::to_string(kNetworkSummarySources) + " sampled sources).");
  w.attr_int64(gid, N::kPeople, static_cast<std::int64_t>(net.vertices()));
  w.attr_int64(gid, N::kTies, static_cast<std::int64_t>(net.ties()));
  w.attr_double(gid, N::kMeanDegree, ns->mean_degree);
  w.attr_double(gid, N::kSdDegree, ns->sd_degree);
  w.attr_double(gid, N::kClustering, ns->clustering);
  w.attr_double(gid, N::kPathLength, ns->path_length);
  std::vector<std::int64_t> hist(ns->degree_histogram.begin(), ns->degree_histogram.end());
  w.write_array(gid, N::kDegreeHistogram, hist, {static_cast<hsize_t>(hist.size())}, "person",
                "Number of people with each degree (index = number of ties).");
  w.close(g);
}

// The posts the arm started with when they came from demand (sim/staffing_plan): an input of
// the run, recorded so that a reader knows the budget every arm shared.
void write_staffing_plan(H5Writer& w, hid_t arm, const StaffingPlan& plan) {
  namespace P = S::staffing_plan;
  if (!plan.valid) return;
  H5Handle g = w.create_group(arm, S::kStaffingPlanGroup);
  const hid_t gid = g.get();
  w.attr_string(gid, S::kDescription,
                "Posts per unit derived from demand: a pilot run of the silo baseline with ample "
                "staff measured each unit's hours worked per day after warm-up; posts = "
                "ceil(hours / (hours_per_day x availability x target_utilisation)). The same in "
                "every arm.");
  w.attr_double(gid, P::kTarget, plan.target);
  w.attr_double(gid, P::kWarmupDays, plan.warmup_days);
  w.attr_double(gid, P::kPilotDays, plan.measure_days);
  w.attr_double(gid, P::kPilotStaff, plan.pilot_staff_per_10k);
  const hsize_t n = kUnits;
  std::vector<std::int64_t> posts(plan.posts.begin(), plan.posts.end());
  std::vector<double> hours(plan.hours_per_day.begin(), plan.hours_per_day.end());
  std::vector<double> avail(plan.availability.begin(), plan.availability.end());
  w.write_array(gid, P::kPosts, posts, {n}, "worker", "Posts per unit at day 0 (before a team takes its share).");
  w.write_array(gid, P::kPilotHours, hours, {n}, "hour per day",
                "Hours worked per day in the pilot after warm-up (all activities but idle and absence).");
  w.write_array(gid, P::kPilotAvailability, avail, {n}, "share",
                "Hours available (worked + idle) over hours paid in the pilot.");
  w.close(g);
}

void write_arm(H5Writer& w, hid_t arms, const ArmResult& a, const Scales& scales) {
  H5Handle arm = w.create_group(arms, a.name);
  w.attr_string(arm.get(), S::kConfigToml, a.config_toml);
  const Recorder& rec = a.sim->recorder();
  write_series(w, arm.get(), rec, scales);
  write_sample(w, arm.get(), rec);
  write_citizens(w, arm.get(), *a.sim);
  write_units(w, arm.get(), rec, scales);
  if (const ServiceSystem* sv = a.sim->services()) {
    write_cases(w, arm.get(), *sv);
    write_event_tables(w, arm.get(), *sv, a.sim->model().cfg.people.event_tables);
    write_staffing_plan(w, arm.get(), sv->plan());
  }
  write_network(w, arm.get(), a.name, *a.sim);
  if (a.replicates) write_arm_replicates(w, arm.get(), *a.replicates);  // sim/replicate_output
  w.close(arm);
}

void write_provenance(H5Writer& w, const Provenance& prov, const std::vector<ArmResult>& arms) {
  const hid_t root = w.root();
  w.attr_string(root, S::kPlacesimVersion, kVersion);
  w.attr_string(root, S::kGitCommit, kGitCommit);
  w.attr_int32(root, S::kSchemaVersion, static_cast<std::int32_t>(kOutputSchemaVersion));
  w.attr_string(root, S::kExperiment, prov.experiment);
  w.attr_string(root, S::kSource, prov.source);
  w.attr_string(root, S::kConfigToml, prov.config_toml);
  w.attr_string(root, S::kCommandLine, prov.command_line);
  w.attr_int64(root, S::kSeed, prov.seed);
  w.attr_int64(root, S::kThreads, prov.threads);
  w.attr_string(root, S::kStartedUtc, prov.started_utc);
  w.attr_string(root, S::kFinishedUtc, prov.finished_utc);
  w.attr_double(root, S::kWallSeconds, prov.wall_seconds);
  std::string names;
  for (const auto& a : arms) names += (names.empty() ? "" : ",") + a.name;
  w.attr_string(root, S::kArms, names);
}

Scales write_scales(H5Writer& w, const Simulation& first) {
  const hid_t root = w.root();
  Scales s;
  const Recorder& rec = first.recorder();
  s.tick = w.create_array(root, S::kTick, rec.ticks, {rec.ticks.size()}, "day",
                          "Day index of each row of every time series (0 = first day).");
  w.make_scale(s.tick.get(), S::kTickScale);
  const Place& place = first.model().place;
  std::vector<std::int32_t> ids(place.neighbourhoods());
  for (std::size_t j = 0; j < ids.size(); ++j) ids[j] = static_cast<std::int32_t>(j);
  s.neighbourhood = w.create_array(root, S::kNeighbourhood, ids, {ids.size()}, "id",
                                   "Neighbourhood index (columns of per-neighbourhood series).");
  w.make_scale(s.neighbourhood.get(), S::kNeighbourhoodScale);
  w.write_array(root, S::kNeighbourhoodDeprivation, place.deprivation, {ids.size()}, "index 0-1",
                "Deprivation of each neighbourhood.");
  std::vector<std::int32_t> unit_ids(kUnits);
  for (int u = 0; u < kUnits; ++u) unit_ids[u] = u;
  s.unit = w.create_array(root, S::kUnit, unit_ids, {kUnits}, "id",
                          "Service unit index (columns of per-unit series).");
  w.make_scale(s.unit.get(), S::kUnitScale);
  w.write_strings(root, S::kUnitName, {std::begin(kUnitNames), std::end(kUnitNames)}, "",
                  "Name of each service unit.");
  return s;
}

}  // namespace

std::string utc_now() {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void write_output(OutputTarget& target, const Provenance& prov,
                  const std::vector<ArmResult>& arms) {
  if (arms.empty()) throw OutputError(target.path() + ": no results to write");
  FileImage image;
  {
    H5Writer w(target.path());
    write_provenance(w, prov, arms);
    Scales scales = write_scales(w, *arms.front().sim);
    H5Handle ag = w.create_group(w.root(), S::kArmsGroup);
    w.attr_string(ag.get(), S::kDescription,
                  "One group per arm; arms of a comparison share the seed, so they see the same "
                  "people and life events (common random numbers).");
    for (const auto& a : arms) write_arm(w, ag.get(), a, scales);
    {  // replicate count, seeds and the preset check (sim/replicate_output.cpp)
      std::vector<std::string> names;
      std::vector<const ArmReplicates*> reps;
      for (const auto& a : arms) {
        names.push_back(a.name);
        reps.push_back(a.replicates);
      }
      write_replicate_root(w, names, reps);
    }
    w.close(ag);
    w.close(scales.tick);
    w.close(scales.neighbourhood);
    w.close(scales.unit);
    // Written last: readers treat a file without it as unfinished.
    w.attr_int32(w.root(), S::kComplete, 1);
    image = w.finish();
  }
  target.write(image.data.get(), image.size);
  target.commit();
}

void write_output(const std::string& path, bool overwrite, const Provenance& prov,
                  const std::vector<ArmResult>& arms) {
  OutputTarget target(path, overwrite);
  write_output(target, prov, arms);
}

}  // namespace placesim
