#include "sim/output_file.hpp"

#include <H5Cpp.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <bit>
#include <chrono>
#include <ctime>
#include <filesystem>

#include "networks/network_stats.hpp"
#include "placesim/version.hpp"

namespace placesim {
namespace fs = std::filesystem;
namespace {

void attr_str(H5::H5Object& obj, const std::string& name, const std::string& value) {
  H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
  t.setCset(H5T_CSET_UTF8);
  H5::Attribute a = obj.createAttribute(name, t, H5::DataSpace(H5S_SCALAR));
  a.write(t, value);
}

template <class T>
const H5::PredType& h5type();
template <> const H5::PredType& h5type<double>() { return H5::PredType::NATIVE_DOUBLE; }
template <> const H5::PredType& h5type<float>() { return H5::PredType::NATIVE_FLOAT; }
template <> const H5::PredType& h5type<std::int32_t>() { return H5::PredType::NATIVE_INT32; }
template <> const H5::PredType& h5type<std::int64_t>() { return H5::PredType::NATIVE_INT64; }
template <> const H5::PredType& h5type<std::uint8_t>() { return H5::PredType::NATIVE_UINT8; }
template <> const H5::PredType& h5type<std::uint16_t>() { return H5::PredType::NATIVE_UINT16; }
template <> const H5::PredType& h5type<std::uint32_t>() { return H5::PredType::NATIVE_UINT32; }

template <class T>
void attr_num(H5::H5Object& obj, const std::string& name, T value) {
  H5::Attribute a = obj.createAttribute(name, h5type<T>(), H5::DataSpace(H5S_SCALAR));
  a.write(h5type<T>(), &value);
}

template <class T>
H5::DataSet write_array(H5::Group& g, const std::string& name, const std::vector<T>& data,
                        std::vector<hsize_t> dims, const std::string& unit,
                        const std::string& description) {
  H5::DataSpace space(static_cast<int>(dims.size()), dims.data());
  H5::DSetCreatPropList props;
  hsize_t total = 1;
  for (auto d : dims) total *= d;
  if (total >= 4096) {  // compress large arrays; chunk whole rows
    std::vector<hsize_t> chunk = dims;
    chunk[0] = std::max<hsize_t>(1, std::min<hsize_t>(dims[0], (1u << 16) / std::max<hsize_t>(1, total / dims[0])));
    props.setChunk(static_cast<int>(chunk.size()), chunk.data());
    props.setDeflate(4);
  }
  H5::DataSet ds = g.createDataSet(name, h5type<T>(), space, props);
  if (total > 0) ds.write(data.data(), h5type<T>());
  attr_str(ds, "units", unit);
  attr_str(ds, "description", description);
  return ds;
}

void attach(H5::DataSet& ds, const H5::DataSet& scale, unsigned dim) {
  if (H5DSattach_scale(ds.getId(), scale.getId(), dim) < 0)
    throw OutputError("cannot attach dimension scale");
}

void write_citizens(H5::Group& arm, const Simulation& sim) {
  const Citizens& c = sim.state().citizens;
  const Place& p = sim.model().place;
  H5::Group g = arm.createGroup("citizens");
  const hsize_t n = c.n;
  attr_str(g, "description", "Final state of every citizen, indexed by citizen id.");
  for (int d = 0; d < kDomains; ++d) {
    const std::string dn(kDomainNames[d]);
    write_array(g, "need_" + dn, c.need[d], {n}, "need 0-1", "Final " + dn + " need.");
    write_array(g, "cause_" + dn, c.cause[d], {n}, "cause 0-1",
                "Final intensity of the latent cause in the " + dn + " domain.");
  }
  write_array(g, "household", p.household_of, {n}, "id", "Household of each citizen.");
  write_array(g, "neighbourhood", p.nbhd_of, {n}, "id", "Neighbourhood of each citizen.");
  write_array(g, "resilience", c.resilience, {n}, "", "Personal resilience (multiplies recovery).");
  write_array(g, "trust", c.trust, {n}, "index 0-1", "Final trust in services.");
  write_array(g, "wellbeing", c.wellbeing, {n}, "index 0-1", "Final wellbeing, 1 - RMS(need).");
  write_array(g, "support", c.support, {n}, "index 0-1", "Final social support.");
  write_array(g, "crises", c.crises, {n}, "crisis", "Crises over the run.");
  write_array(g, "contacts", c.contacts, {n}, "contact", "Contacts with services over the run.");
  write_array(g, "failure_contacts", c.failure_contacts, {n}, "contact",
              "Contacts classified as failure demand over the run.");
  write_array(g, "assessments", c.assessments, {n}, "assessment", "Assessments over the run.");
  write_array(g, "referrals", c.referrals, {n}, "referral", "Referrals over the run.");
  write_array(g, "workers_met", c.workers_met, {n}, "worker", "Distinct workers met.");
  write_array(g, "cost", c.cost, {n}, "GBP", "Cumulative cost attributed to the person "
              "(service time and reactive crisis use).");
  write_array(g, "staff_hours", c.staff_hours, {n}, "hour", "Staff hours spent on the person.");
  std::vector<std::uint8_t> units_met(n), groups(n);
  for (hsize_t i = 0; i < n; ++i) {
    units_met[i] = static_cast<std::uint8_t>(std::popcount(c.services_met[i]));
    groups[i] = static_cast<std::uint8_t>(std::popcount(c.groups[i]));
  }
  write_array(g, "services_met", units_met, {n}, "unit", "Distinct service units met.");
  write_array(g, "group_memberships", groups, {n}, "membership", "Voluntary-group memberships at the end.");
  write_array(g, "crisis_cost", c.crisis_cost, {n}, "GBP", "Cumulative reactive crisis cost.");
}

void write_services(H5::Group& arm, const Simulation& sim, const H5::DataSet& tick_scale,
                    const H5::DataSet& unit_scale) {
  const Recorder& rec = sim.recorder();
  const hsize_t T = rec.ticks.size();
  H5::Group ug = arm.createGroup("units");
  attr_str(ug, "description", "Per-unit time series, shape (tick, unit); unit names in /unit_name.");
  for (std::size_t s = 0; s < rec.unit_meta().size(); ++s) {
    const auto& m = rec.unit_meta()[s];
    H5::DataSet ds = write_array(ug, m.name, rec.unit_data()[s], {T, kUnits}, m.unit, m.description);
    attach(ds, tick_scale, 0);
    attach(ds, unit_scale, 1);
  }
  const ServiceSystem* sv = sim.services();
  if (!sv) return;
  const auto& J = sv->journeys();
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
  H5::Group cg = arm.createGroup("cases");
  attr_str(cg, "description", "One row per case closed during the run, in closing order.");
  attr_str(cg, "outcome_codes", "0 fixed, 1 ineligible, 2 closed at target, 3 back in balance, 4 time limit");
  write_array(cg, "citizen", citizen, {n}, "id", "Citizen of the case.");
  write_array(cg, "unit", unit, {n}, "id", "Unit of the case (index into /unit_name).");
  write_array(cg, "domain", domain, {n}, "id", "Presenting domain (0 housing ... 7 substances).");
  write_array(cg, "outcome", outcome, {n}, "code", "How the case ended (see outcome_codes).");
  write_array(cg, "opened", opened, {n}, "day", "Day the case opened.");
  write_array(cg, "closed", closed, {n}, "day", "Day the case closed.");
  write_array(cg, "hours", hours, {n}, "hour", "Staff hours spent on the case.");
}

void write_arm(H5::Group& arms, const ArmResult& a, const H5::DataSet& tick_scale,
               const H5::DataSet& nbhd_scale, const H5::DataSet& unit_scale) {
  H5::Group arm = arms.createGroup(a.name);
  attr_str(arm, "config_toml", a.config_toml);
  const Recorder& rec = a.sim->recorder();
  const hsize_t T = rec.ticks.size();
  const hsize_t NB = rec.neighbourhoods();

  H5::Group series = arm.createGroup("series");
  attr_str(series, "description", "Place-level time series, one value per day.");
  for (std::size_t s = 0; s < rec.place_meta().size(); ++s) {
    const auto& m = rec.place_meta()[s];
    H5::DataSet ds = write_array(series, m.name, rec.place_data()[s], {T}, m.unit, m.description);
    attach(ds, tick_scale, 0);
  }
  H5::Group nb = arm.createGroup("neighbourhood");
  attr_str(nb, "description", "Per-neighbourhood time series, shape (tick, neighbourhood).");
  for (std::size_t s = 0; s < rec.nbhd_meta().size(); ++s) {
    const auto& m = rec.nbhd_meta()[s];
    H5::DataSet ds = write_array(nb, m.name, rec.nbhd_data()[s], {T, NB}, m.unit, m.description);
    attach(ds, tick_scale, 0);
    attach(ds, nbhd_scale, 1);
  }
  H5::Group sample = arm.createGroup("sample");
  attr_str(sample, "description",
           "Per-person series for an evenly spread sample of citizens, every run.sample_every days.");
  const hsize_t S = rec.sample_ids.size(), K = rec.sample_ticks.size();
  write_array(sample, "citizen", rec.sample_ids, {S}, "id", "Citizen id of each sampled person.");
  write_array(sample, "tick", rec.sample_ticks, {K}, "day", "Day of each sample row.");
  write_array(sample, "cost", rec.sample_cost, {K, S}, "GBP",
              "Cumulative cost of each sampled person at each sample day.");
  write_array(sample, "wellbeing", rec.sample_wellbeing, {K, S}, "index 0-1",
              "Wellbeing of each sampled person at each sample day.");

  write_citizens(arm, *a.sim);
  write_services(arm, *a.sim, tick_scale, unit_scale);

  const auto& model = a.sim->model();
  const NetworkSummary ns = summarise(model.net, 2000, 4, static_cast<std::uint64_t>(model.cfg.run.seed));
  H5::Group net = arm.createGroup("network");
  attr_str(net, "description",
           "Summary of the citizens' social network (clustering over 2000 sampled people, path "
           "length from 4 sampled sources).");
  attr_num(net, "people", static_cast<std::int64_t>(model.net.vertices()));
  attr_num(net, "ties", static_cast<std::int64_t>(model.net.ties()));
  attr_num(net, "mean_degree", ns.mean_degree);
  attr_num(net, "sd_degree", ns.sd_degree);
  attr_num(net, "clustering", ns.clustering);
  attr_num(net, "path_length", ns.path_length);
  std::vector<std::int64_t> hist(ns.degree_histogram.begin(), ns.degree_histogram.end());
  write_array(net, "degree_histogram", hist, {static_cast<hsize_t>(hist.size())}, "person",
              "Number of people with each degree (index = number of ties).");
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

void check_output_path(const std::string& path, bool overwrite) {
  const fs::path p(path);
  if (p.empty()) throw OutputError("--out: no output file given");
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (!fs::is_directory(dir))
    throw OutputError(path + ": directory '" + dir.string() + "' does not exist");
  if (fs::exists(p) && !overwrite)
    throw OutputError(path + ": exists; pass --overwrite to replace it");
}

void write_output(const std::string& path, bool overwrite, const Provenance& prov,
                  const std::vector<ArmResult>& arms) {
  check_output_path(path, overwrite);
  if (arms.empty()) throw OutputError("no results to write");
  const std::string tmp = path + ".partial-" + std::to_string(::getpid());
  H5::Exception::dontPrint();
  try {
    H5::H5File f(tmp, H5F_ACC_TRUNC);
    H5::Group root = f.openGroup("/");
    attr_str(root, "placesim_version", kVersion);
    attr_str(root, "git_commit", kGitCommit);
    attr_num(root, "schema_version", static_cast<std::int32_t>(kOutputSchemaVersion));
    attr_str(root, "experiment", prov.experiment);
    attr_str(root, "source", prov.source);
    attr_str(root, "config_toml", prov.config_toml);
    attr_str(root, "command_line", prov.command_line);
    attr_num(root, "seed", prov.seed);
    attr_num(root, "threads", prov.threads);
    attr_str(root, "started_utc", prov.started_utc);
    attr_str(root, "finished_utc", prov.finished_utc);
    attr_num(root, "wall_seconds", prov.wall_seconds);
    std::string names;
    for (const auto& a : arms) names += (names.empty() ? "" : ",") + a.name;
    attr_str(root, "arms", names);

    const Recorder& rec0 = arms.front().sim->recorder();
    H5::Group rg = f.openGroup("/");
    H5::DataSet tick = write_array(rg, "tick", rec0.ticks, {rec0.ticks.size()}, "day",
                                   "Day index of each row of every time series (0 = first day).");
    H5DSset_scale(tick.getId(), "tick");
    const auto& model0 = arms.front().sim->model();
    std::vector<std::int32_t> ids(model0.place.neighbourhoods());
    for (std::size_t j = 0; j < ids.size(); ++j) ids[j] = static_cast<std::int32_t>(j);
    H5::DataSet nbhd = write_array(rg, "neighbourhood", ids, {ids.size()}, "id",
                                   "Neighbourhood index (columns of per-neighbourhood series).");
    H5DSset_scale(nbhd.getId(), "neighbourhood");
    write_array(rg, "neighbourhood_deprivation", model0.place.deprivation, {ids.size()},
                "index 0-1", "Deprivation of each neighbourhood.");

    std::vector<std::int32_t> unit_ids(kUnits);
    for (int u = 0; u < kUnits; ++u) unit_ids[u] = u;
    H5::DataSet unit = write_array(rg, "unit", unit_ids, {kUnits}, "id",
                                   "Service unit index (columns of per-unit series).");
    H5DSset_scale(unit.getId(), "unit");
    {
      H5::StrType st(H5::PredType::C_S1, H5T_VARIABLE);
      hsize_t dim = kUnits;
      H5::DataSet names = rg.createDataSet("unit_name", st, H5::DataSpace(1, &dim));
      std::vector<const char*> ptrs;
      std::vector<std::string> keep;
      for (auto nm : kUnitNames) keep.emplace_back(nm);
      for (auto& k : keep) ptrs.push_back(k.c_str());
      names.write(ptrs.data(), st);
      attr_str(names, "units", "");
      attr_str(names, "description", "Name of each service unit.");
    }
    H5::Group ag = f.createGroup("arms");
    attr_str(ag, "description",
             "One group per arm; arms of a comparison share the seed, so they see the same "
             "people and life events (common random numbers).");
    for (const auto& a : arms) write_arm(ag, a, tick, nbhd, unit);
    // Written last: readers treat a file without it as unfinished.
    attr_num(root, "complete", static_cast<std::int32_t>(1));
    f.close();
  } catch (const H5::Exception& e) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw OutputError(path + ": HDF5 error while writing: " + e.getDetailMsg());
  }
  std::error_code ec;
  if (!overwrite && fs::exists(path)) {
    fs::remove(tmp, ec);
    throw OutputError(path + ": appeared while the run was going; not overwritten");
  }
  fs::rename(tmp, path, ec);
  if (ec) throw OutputError(path + ": cannot rename finished output into place: " + ec.message());
}

}  // namespace placesim
