#pragma once
// The names in placesim's HDF5 output (docs/output.md): every group, dataset and attribute the
// writers write and the readers read. Both sides use these constants, so a reader never guesses
// a name and a rename is one edit here (plus a schema version bump in sim/version.hpp.in).
#include <string>
#include <string_view>

namespace placesim::schema {

// ---- Root attributes of a run file -------------------------------------------------------
inline constexpr const char* kPlacesimVersion = "placesim_version";
inline constexpr const char* kGitCommit = "git_commit";
inline constexpr const char* kSchemaVersion = "schema_version";  // integer
inline constexpr const char* kExperiment = "experiment";
inline constexpr const char* kSource = "source";
inline constexpr const char* kConfigToml = "config_toml";  // also on every arm group
inline constexpr const char* kCommandLine = "command_line";
inline constexpr const char* kSeed = "seed";
inline constexpr const char* kThreads = "threads";  // threads actually used, never 0
inline constexpr const char* kStartedUtc = "started_utc";
inline constexpr const char* kFinishedUtc = "finished_utc";
inline constexpr const char* kWallSeconds = "wall_seconds";
inline constexpr const char* kArms = "arms";  // comma-separated arm names, in run order
// Written last, as integer 1: a file without it is unfinished.
inline constexpr const char* kComplete = "complete";

// ---- Attributes on datasets and groups ---------------------------------------------------
inline constexpr const char* kUnits = "units";
inline constexpr const char* kDescription = "description";
inline constexpr const char* kOutcomeCodes = "outcome_codes";  // on the cases group

// ---- Root datasets (dimension scales and their labels) -----------------------------------
inline constexpr const char* kTick = "/tick";
inline constexpr const char* kNeighbourhood = "/neighbourhood";
inline constexpr const char* kNeighbourhoodDeprivation = "/neighbourhood_deprivation";
inline constexpr const char* kUnit = "/unit";
inline constexpr const char* kUnitName = "/unit_name";
// Names given to the dimension scales (H5DSset_scale).
inline constexpr const char* kTickScale = "tick";
inline constexpr const char* kNeighbourhoodScale = "neighbourhood";
inline constexpr const char* kUnitScale = "unit";

// ---- netCDF-4 dimensions (sim/netcdf_dims.hpp, docs/output.md "netCDF-4 conventions") -------
// Every group that holds data holds the coordinate variables of its dimensions (dimension
// scales named after the dimension); readers listing a group's data skip them
// (H5Reader::children). Names of the dimensions and of the auxiliary coordinates:
namespace dims {
inline constexpr const char* kTick = "tick";                    // day of each row
inline constexpr const char* kNeighbourhood = "neighbourhood";  // neighbourhood index
inline constexpr const char* kUnit = "unit";                    // service unit index
inline constexpr const char* kCitizen = "citizen";              // citizen id
inline constexpr const char* kCase = "case";                    // row of the cases table
inline constexpr const char* kContact = "contact";              // row of the contacts table
inline constexpr const char* kPull = "pull";                    // row of the pulls table
inline constexpr const char* kDegree = "degree";                // degree in the social network
// Auxiliary coordinates (labels of a dimension, listed in the data's `coordinates` attribute).
inline constexpr const char* kUnitName = "unit_name";
inline constexpr const char* kDeprivation = "neighbourhood_deprivation";
inline constexpr const char* kCoordinatesAttr = "coordinates";
}  // namespace dims

// ---- Groups ------------------------------------------------------------------------------
inline constexpr const char* kArmsGroup = "/arms";  // one child group per arm
// Children of an arm group.
inline constexpr const char* kSeriesGroup = "series";                // place-level, shape (tick)
inline constexpr const char* kUnitsGroup = "units";                  // per unit, (tick, unit)
inline constexpr const char* kNeighbourhoodGroup = "neighbourhood";  // (tick, neighbourhood)
inline constexpr const char* kSampleGroup = "sample";
inline constexpr const char* kCitizensGroup = "citizens";
inline constexpr const char* kCasesGroup = "cases";  // only with the service system
inline constexpr const char* kNetworkGroup = "network";
inline constexpr const char* kContactsGroup = "contacts";  // only with the service system
inline constexpr const char* kPullsGroup = "pulls";        // only with the service system
inline constexpr const char* kStaffingPlanGroup = "staffing_plan";  // staffing.mode = "from_demand"

// "/arms/<arm>" and "/arms/<arm>/<child>".
inline std::string arm_path(std::string_view arm) {
  return std::string(kArmsGroup) + "/" + std::string(arm);
}
inline std::string arm_path(std::string_view arm, std::string_view child) {
  return arm_path(arm) + "/" + std::string(child);
}

// ---- Datasets of the sample group --------------------------------------------------------
namespace sample {
inline constexpr const char* kCitizen = "citizen";
inline constexpr const char* kTick = "tick";
inline constexpr const char* kCost = "cost";            // (sample tick, sampled person)
inline constexpr const char* kWellbeing = "wellbeing";  // (sample tick, sampled person)
}  // namespace sample

// ---- Datasets of the citizens group (one value per citizen) ------------------------------
namespace citizens {
inline constexpr const char* kNeedPrefix = "need_";    // + domain name
inline constexpr const char* kCausePrefix = "cause_";  // + domain name
inline constexpr const char* kHousehold = "household";
inline constexpr const char* kNeighbourhood = "neighbourhood";
inline constexpr const char* kResilience = "resilience";
inline constexpr const char* kTrust = "trust";
inline constexpr const char* kWellbeing = "wellbeing";
inline constexpr const char* kSupport = "support";
inline constexpr const char* kCrises = "crises";
inline constexpr const char* kContacts = "contacts";
inline constexpr const char* kFailureContacts = "failure_contacts";
inline constexpr const char* kAssessments = "assessments";
inline constexpr const char* kReferrals = "referrals";
inline constexpr const char* kWorkersMet = "workers_met";
inline constexpr const char* kCost = "cost";
inline constexpr const char* kStaffHours = "staff_hours";
inline constexpr const char* kServicesMet = "services_met";
inline constexpr const char* kGroupMemberships = "group_memberships";
inline constexpr const char* kCrisisCost = "crisis_cost";
}  // namespace citizens

// ---- Datasets of the cases group (one row per closed case) -------------------------------
// ---- The staffing plan of an arm (an input: the posts every arm of the experiment got) ------
namespace staffing_plan {
inline constexpr const char* kPosts = "posts";                      // (unit)
inline constexpr const char* kPilotHours = "pilot_hours_per_day";   // (unit)
inline constexpr const char* kPilotAvailability = "pilot_availability";  // (unit)
inline constexpr const char* kTarget = "target_utilisation";        // attribute
inline constexpr const char* kWarmupDays = "pilot_warmup_days";     // attribute
inline constexpr const char* kPilotDays = "pilot_days";             // attribute
inline constexpr const char* kPilotStaff = "pilot_staff_per_10k";   // attribute
}  // namespace staffing_plan

namespace cases {
inline constexpr const char* kCitizen = "citizen";
inline constexpr const char* kUnit = "unit";
inline constexpr const char* kDomain = "domain";
inline constexpr const char* kOutcome = "outcome";
inline constexpr const char* kOpened = "opened";
inline constexpr const char* kClosed = "closed";
inline constexpr const char* kHours = "hours";
// Values of the outcome dataset (agents/service_state.hpp Outcome).
inline constexpr int kOutcomeFixed = 0;
inline constexpr int kOutcomeIneligible = 1;
inline constexpr int kOutcomeClosedAtTarget = 2;
inline constexpr int kOutcomeBackInBalance = 3;
inline constexpr int kOutcomeTimeLimit = 4;
inline constexpr const char* kOutcomeCodesText =
    "0 fixed, 1 ineligible, 2 closed at target, 3 back in balance, 4 time limit";
}  // namespace cases

// ---- The contacts and pulls tables (one row per event, sim/event_tables.cpp) ------------
// Attribute on both groups: the first day from which rows were no longer kept because the
// tables reached people.event_rows_per_citizen rows per citizen; -1 when complete.
inline constexpr const char* kFullFromDay = "full_from_day";
inline constexpr const char* kKept = "kept";  // 1 if the tables were kept (people.event_tables)
namespace contacts {
inline constexpr const char* kCitizen = "citizen";
inline constexpr const char* kDay = "day";
inline constexpr const char* kUnit = "unit";
inline constexpr const char* kKind = "kind";
inline constexpr const char* kCrisis = "crisis";
inline constexpr int kKindValue = 0;
inline constexpr int kKindRepeat = 1;
inline constexpr int kKindChase = 2;
inline constexpr const char* kKindCodes = "kind_codes";  // attribute on the kind dataset
inline constexpr const char* kKindCodesText = "0 value, 1 repeat, 2 chase";
}  // namespace contacts
namespace pulls {
inline constexpr const char* kCitizen = "citizen";
inline constexpr const char* kDay = "day";
inline constexpr const char* kUnit = "unit";
inline constexpr const char* kDomain = "domain";
}  // namespace pulls

// ---- The network group: attributes and one dataset ---------------------------------------
namespace network {
inline constexpr const char* kPeople = "people";
inline constexpr const char* kTies = "ties";
inline constexpr const char* kMeanDegree = "mean_degree";
inline constexpr const char* kSdDegree = "sd_degree";
inline constexpr const char* kClustering = "clustering";
inline constexpr const char* kPathLength = "path_length";
inline constexpr const char* kDegreeHistogram = "degree_histogram";
}  // namespace network

// ---- Place-level series (datasets of an arm's series group) that readers look up by name --
// The recorder declares them (sim/observer.cpp, sim/service_observer.cpp); a test checks that
// every name here is written. Service series are absent from runs without the service system.
namespace series {
inline constexpr const char* kWellbeingMean = "wellbeing_mean";
inline constexpr const char* kWellbeingP10 = "wellbeing_p10";
inline constexpr const char* kWellbeingP50 = "wellbeing_p50";
inline constexpr const char* kWellbeingP90 = "wellbeing_p90";
inline constexpr const char* kInCrisis = "in_crisis";
inline constexpr const char* kNewCrises = "new_crises";
inline constexpr const char* kCrisisCost = "crisis_cost";
inline constexpr const char* kPeopleWithCause = "people_with_cause";
inline constexpr const char* kSupportMean = "support_mean";
inline constexpr const char* kTrustMean = "trust_mean";
inline constexpr const char* kNeedMeanPrefix = "need_mean_";      // + domain name
inline constexpr const char* kCrisisCostPrefix = "crisis_cost_";  // + domain name
// Service system.
inline constexpr const char* kContactsValue = "contacts_value";
inline constexpr const char* kContactsFailure = "contacts_failure";
inline constexpr const char* kFailureDemandShare = "failure_demand_share";
inline constexpr const char* kRepeatContacts = "repeat_contacts";
inline constexpr const char* kCasesOpened = "cases_opened";
inline constexpr const char* kCasesClosed = "cases_closed";
inline constexpr const char* kCasesOpen = "cases_open";
inline constexpr const char* kCasesResolved = "cases_resolved";
inline constexpr const char* kQueueLength = "queue_length";
inline constexpr const char* kMeanWait = "mean_wait";
inline constexpr const char* kAssessments = "assessments";
inline constexpr const char* kReferrals = "referrals";
inline constexpr const char* kHandoffsLost = "handoffs_lost";
inline constexpr const char* kFaceToFaceShare = "face_to_face_share";
inline constexpr const char* kServiceCost = "service_cost";
inline constexpr const char* kStaffCost = "staff_cost";
inline constexpr const char* kMoraleMean = "morale_mean";
inline constexpr const char* kHoursPrefix = "hours_";  // + activity
inline constexpr const char* kChasingContacts = "chasing_contacts";
inline constexpr const char* kExpertPulls = "expert_pulls";
inline constexpr const char* kCoproductionShare = "coproduction_share";
inline constexpr const char* kMultiAgencyPeople = "multi_agency_people";
inline constexpr const char* kMultiAgencyPeople90 = "multi_agency_people_90d";
inline constexpr const char* kMultiAgencyPeople180 = "multi_agency_people_180d";
inline constexpr const char* kRepeatContacts90 = "repeat_contacts_90d";
inline constexpr const char* kRepeatContacts180 = "repeat_contacts_180d";
inline constexpr const char* kRepeatPeople90 = "repeat_people_90d";
inline constexpr const char* kRepeatPeople180 = "repeat_people_180d";
inline constexpr const char* kCost90 = "cost_90d";
inline constexpr const char* kCost180 = "cost_180d";
inline constexpr const char* kHelpedToBalance = "helped_to_balance";
inline constexpr const char* kHelpedToBalancePeople = "helped_to_balance_people";

inline constexpr const char* kAll[] = {
    kWellbeingMean, kWellbeingP10,    kWellbeingP50,       kWellbeingP90,    kInCrisis,
    kNewCrises,     kCrisisCost,      kPeopleWithCause,    kSupportMean,     kTrustMean,
    kContactsValue, kContactsFailure, kFailureDemandShare, kRepeatContacts,  kCasesOpened,
    kCasesClosed,   kCasesOpen,       kCasesResolved,      kQueueLength,     kMeanWait,
    kAssessments,   kReferrals,       kHandoffsLost,       kFaceToFaceShare, kServiceCost,
    kStaffCost,     kMoraleMean,      kChasingContacts,    kExpertPulls,     kCoproductionShare,
    kMultiAgencyPeople, kMultiAgencyPeople90, kMultiAgencyPeople180, kRepeatContacts90,
    kRepeatContacts180, kRepeatPeople90, kRepeatPeople180, kCost90, kCost180, kHelpedToBalance,
    kHelpedToBalancePeople};
}  // namespace series

// Per-unit series (datasets of an arm's units group) that readers look up by name.
namespace unit_series {
inline constexpr const char* kCost = "cost";
inline constexpr const char* kHoursWorked = "hours_worked";
inline constexpr const char* kQueueLength = "queue_length";
inline constexpr const char* kCasesClosed = "cases_closed";
}  // namespace unit_series

// ---- Sweep summary file (summary.h5 of a sweep directory) --------------------------------
namespace sweep {
// Root attributes (besides kPlacesimVersion, kGitCommit and kComplete).
inline constexpr const char* kSweep = "sweep";
inline constexpr const char* kSweepToml = "sweep_toml";
inline constexpr const char* kBase = "base";
inline constexpr const char* kDesignHash = "design_hash";
inline constexpr const char* kRuns = "runs";
inline constexpr const char* kOk = "ok";
inline constexpr const char* kFailed = "failed";
inline constexpr const char* kMissing = "missing";
inline constexpr const char* kShardIndex = "shard_index";
inline constexpr const char* kShardCount = "shard_count";
// Datasets: one row per run; one row per column of /runs (name, role, unit, description).
inline constexpr const char* kRunsTable = "/runs";
inline constexpr const char* kColumnsTable = "/columns";
// Fixed columns of /runs.
inline constexpr const char* kRunId = "run_id";
inline constexpr const char* kPoint = "point";
inline constexpr const char* kReplicate = "replicate";
inline constexpr const char* kRunSeed = "seed";
inline constexpr const char* kConfigHash = "config_hash";
inline constexpr const char* kStatus = "status";
inline constexpr const char* kError = "error";
// Columns of /columns.
inline constexpr const char* kColumnName = "name";
inline constexpr const char* kColumnRole = "role";
inline constexpr const char* kColumnUnit = "unit";
inline constexpr const char* kColumnDescription = "description";
}  // namespace sweep

}  // namespace placesim::schema
