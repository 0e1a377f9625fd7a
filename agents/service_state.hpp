#pragma once
// Mutable state of the service system: workers, cases, queues, groups and the messages that
// carry every cross-agent effect. Units only write their own cases and workers during the
// parallel service phase; everything that touches citizens or other units is a message,
// applied afterwards in a fixed order (unit order, then emission order).
#include <array>
#include <cstdint>
#include <deque>
#include <vector>

#include "core/domains.hpp"
#include "agents/units.hpp"

namespace placesim {

// Staff time by activity (MODEL.md section 2, front-line workers).
enum Activity : std::uint8_t {
  FaceToFace, Assessment, Recording, Handoff, Coordination, Travel, Waiting, Absence, Idle,
  kActivities
};
inline constexpr std::array<const char*, kActivities> kActivityNames = {
    "face_to_face", "assessment", "recording", "handoff", "coordination",
    "travel",       "waiting",    "absence",   "idle"};

struct Workers {
  std::vector<std::uint8_t> unit;
  std::vector<std::uint8_t> skills;   // bit d: can do expert work in domain d
  std::vector<float> morale;
  std::vector<float> experience;      // 0-1
  std::vector<std::int32_t> vacant_until;  // tick the post is filled again; -1 when filled
  std::vector<std::uint16_t> caseload;
  std::vector<float> hours_left;      // today
  std::vector<float> productivity;    // multiplies the effect of the worker's hours; set from morale
  std::size_t size() const { return unit.size(); }
};

enum class Stage : std::uint8_t { Queued, Assess, Fix, Work, Closed };

enum class Outcome : std::uint8_t { Fixed, Ineligible, Target, Balanced, TimeLimit };

struct Cases {
  std::vector<std::uint32_t> citizen;
  std::vector<std::uint8_t> unit;
  std::vector<std::uint8_t> domain;   // presenting domain
  std::vector<Stage> stage;
  std::vector<std::int32_t> worker;   // -1 until started
  std::vector<std::int32_t> opened;
  std::vector<std::int32_t> started;  // -1 until a worker starts it
  std::vector<std::int32_t> queued;   // when it last joined the queue (opening, or back after a worker left)
  std::vector<std::int32_t> next_day; // next day work is due
  std::vector<float> hours;           // staff hours spent on the case
  std::vector<std::uint8_t> uncovered;  // team: causes understood
  std::vector<std::uint8_t> worked;     // domains acted on
  std::vector<std::uint8_t> info;       // 1 if the person's information came with the referral
  std::vector<std::uint8_t> statutory;  // team: the statutory safeguarding referral was made
  std::vector<std::uint8_t> pulled;     // team: domains an expert has been pulled in for
  std::vector<float> budget;            // team: discretionary money spent on the case (GBP)
  std::vector<std::uint8_t> referred;   // domains referred on from this case (each once)
  std::vector<std::uint8_t> cleared;    // 1: a decision was cleared (by the worker or a manager); act at the visit
  std::uint32_t add(std::uint32_t citizen_id, int unit_id, int domain_id, std::int32_t tick,
                    bool information);
  std::size_t size() const { return citizen.size(); }
};

// A closed case, for the per-case journey output.
struct ClosedCase {
  std::uint32_t citizen;
  std::uint8_t unit, domain, outcome;
  std::int32_t opened, closed;
  float hours;
};

enum class MsgKind : std::uint8_t {
  NeedScale,    // need[domain] *= value
  CauseScale,   // cause[domain] *= value
  Trust,        // trust += value
  Assessed,     // assessments += 1
  MetWorker,    // workers_met += 1
  Hours,        // staff_hours += value; cost += value x hourly cost
  Spend,        // cost += value (GBP of discretionary spending)
  JoinGroup,    // join group kind `domain` if it has room
  CaseClosed,   // clear open unit `unit`; stamp last_closed for the domains in value-bits
  Referral,     // open a case at unit `unit` for `domain`; value bit 0: information travelled,
                // bit 1: routed by the front door, which already reserved the unit
  Unreserve,    // a front-door referral was lost: release the reservation of `unit`
  Lost,         // a referral that never arrived
  Pull,         // team asks department `unit` for expert time on `domain`; value 1 if the first
  Started,      // a worker started the person's case: no longer waiting
  PullServed,   // the expert asked for on `domain` has come: the request is no longer pending
};

struct Msg {
  std::uint32_t citizen;
  MsgKind kind;
  std::uint8_t domain;
  std::uint8_t unit;
  float value;
};

// A contact made today, classified as value or failure demand from the person's history.
struct Contact {
  std::uint32_t citizen;
  std::uint8_t domain;
  bool failure;
  bool chase;
  bool crisis = false;  // made in crisis (a person with an open case still calls then)
};

struct Pull {
  std::uint32_t citizen;
  std::uint8_t domain;
  std::int32_t requested;
  bool first;  // the first pull for this domain in the case: a new person for the citizen to meet
  std::uint8_t from;  // the unit that asked: the expert works inside its case, under its rules
};

// What a unit did today; summed in unit order by the observer.
struct UnitDay {
  std::array<double, kActivities> hours{};
  std::uint32_t assessments = 0, referrals = 0, lost = 0, info_travelled = 0, closed = 0,
                resolved = 0, started = 0, decisions = 0, escalated = 0, coproduced = 0,
                actions = 0, pulls = 0, intros = 0, signposts = 0, transactions = 0;
  double spend = 0;  // GBP of discretionary spending
  double wait_days_started = 0;  // sum over cases started today of their wait
};

struct UnitState {
  std::deque<Contact> contacts;       // contacts waiting to be handled (front door; chasing at the team)
  std::deque<std::uint32_t> queue;    // cases waiting for a worker, first come first served
  std::vector<std::uint32_t> active;  // cases being worked, in start order
  std::deque<Pull> pulls;             // expert requests from the team
  std::vector<Msg> outbox;
  std::vector<ClosedCase> closed_today;
  UnitDay day;
  double resolved_ema = 0.5;          // share of closures that resolved the need, recent
};

// Domains a person is already being helped with, given their open units: the team covers
// everything, a department its own domain.
inline std::uint8_t covered_domains(std::uint16_t open_units) {
  if (open_units & (1u << kTeam)) return 0xFF;
  return static_cast<std::uint8_t>((open_units >> 1) & 0xFF);
}

// Voluntary and community groups: three kinds per neighbourhood.
enum GroupKind : std::uint8_t { GroupConnection, GroupFoodMoney, GroupPeer, kGroupKinds };
inline constexpr std::array<const char*, kGroupKinds> kGroupNames = {"connection", "food_money",
                                                                     "peer_support"};

struct Groups {
  std::vector<std::array<std::uint32_t, kGroupKinds>> members;   // per neighbourhood
  std::vector<std::array<std::uint32_t, kGroupKinds>> capacity;  // per neighbourhood
};



}  // namespace placesim
