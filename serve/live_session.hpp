#pragma once
// A live run for `placesim serve` (issue 12): two arms of a preset as two Simulations stepping
// in lock-step on the same people and the same life events (the same seed: common random
// numbers), levers moved while it runs as schedule entries from the next day, weekly aggregates
// as JSON, and saving to the usual output file. No HTTP here: the web glue is cli/cmd_serve.cpp,
// so everything a page can ask for is validated, and unit-tested, in this file.
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/domains.hpp"
#include "sim/runner.hpp"

namespace placesim {

// A request the session refuses; the message is plain text for the page.
class LiveError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The classroom default: both places together step well over 50 simulated days per second on
// one core at this size (bench/bench_live.cpp, docs/performance.md), so a year plays in seconds.
inline constexpr std::int64_t kLiveDefaultCitizens = 10000;
// Smallest place: below this a neighbourhood holds a handful of people and the charts are noise.
inline constexpr std::int64_t kLiveMinCitizens = 1000;
// People drawn on the page's "pick a person" scatter, whose weekly history is kept from day 0 so
// a click mid-run shows their past. Enough points to see the spread of a place without
// hiding each other; each costs about 60 bytes per arm per week (1 MB a year per session).
inline constexpr std::int64_t kLiveSample = 200;

// One lever moved on the page: from `day` on, `key` = `value` in arm `arm`.
struct LeverChange {
  std::int64_t day;
  std::string arm;
  std::string key;
  std::string value;  // as TOML text
};

class LiveSession {
 public:
  // The preset's arms `arm_a` and `arm_b` (empty: its first two), with `citizens` people
  // (0: kLiveDefaultCitizens), at most `max_citizens`. Throws LiveError.
  LiveSession(const std::string& preset, std::int64_t citizens, std::int64_t max_citizens,
              const std::string& arm_a = {}, const std::string& arm_b = {});
  ~LiveSession();

  std::int64_t day() const;   // days simulated so far (the next day to simulate)
  std::int64_t days() const;  // run.days: the last day the run may reach
  bool done() const { return day() >= days(); }
  const std::string& preset() const { return preset_; }
  std::int64_t citizens() const { return citizens_; }

  // One day in both arms; nothing when done.
  void step_day();
  // Up to seven days (fewer at the end of the run); returns the days stepped.
  int step_week();

  // The week that ended today, both arms: {"day":D,"arms":[{...},{...}],"person":...}.
  std::string week_json() const;
  // What the page needs to draw itself: preset story and question, arms, levers with range,
  // unit and each arm's value, days, size, lever changes so far.
  std::string info_json() const;

  // Moves lever `key` of arm `arm` to `value` (a number as text) from the next day not yet
  // simulated (never day 0, which set up the people and services). Only the levers listed in
  // info_json may move, within the registry's range. Throws LiveError.
  LeverChange set_lever(const std::string& arm, const std::string& key, const std::string& value);
  const std::vector<LeverChange>& changes() const { return changes_; }

  // Follow one person (0 <= id < citizens) in both arms. Throws LiveError. A person of the
  // sample has their whole weekly history; anyone else's starts on the day they are picked.
  void follow(std::int64_t id);
  std::int64_t followed() const { return followed_; }
  // The people of the scatter: evenly spaced ids, so every neighbourhood is in it.
  const std::vector<std::int64_t>& sample_ids() const { return sample_; }
  // The followed person's weekly history, both arms:
  // {"person_id":I,"day":[...],"arms":[{"need":[[...] x8],"wellbeing":[...],...},{...}]}.
  std::string history_json() const;
  // Weeks of history held for person `id` (0 if none: not in the sample and not followed).
  std::size_t history_weeks(std::int64_t id) const;

  // Writes the run so far into directory `dir` under a generated name (never overwriting) and
  // returns the file's name (without the directory). Throws LiveError.
  std::string save(const std::string& dir, const std::string& command_line) const;

  // Ids of the levers a page may move (for tests and validation).
  const std::vector<std::string>& lever_keys() const { return levers_; }
  const std::vector<std::string>& arm_names() const { return arm_names_; }
  const Simulation& sim(int arm) const { return *sims_[static_cast<std::size_t>(arm)]; }

 private:
  std::string preset_;
  std::int64_t citizens_ = 0;
  RunRequest req_;
  std::vector<std::size_t> arm_index_;    // the two arms' positions in req_.doc.arms
  std::vector<std::string> arm_names_;
  std::vector<PreparedArm> prepared_;     // the two arms as prepared (day-0 config, stages)
  std::optional<StaffingPlan> plan_;
  std::vector<std::unique_ptr<Simulation>> sims_;
  std::vector<std::string> levers_;
  std::vector<LeverChange> changes_;
  std::int64_t followed_ = 0;
  std::string started_utc_;

  // One person in one arm at the end of a week (floats: a chart's precision, half the memory).
  struct PersonWeek {
    std::array<float, kDomains> need;
    float wellbeing, cost;
    std::uint32_t contacts, failure_contacts, workers_met, crises;
    bool in_crisis;
  };
  // A person's weekly history from week `first` (an index into week_days_) on.
  struct Track {
    std::size_t first = 0;
    std::array<std::vector<PersonWeek>, 2> arms;
  };
  std::vector<std::int64_t> sample_;
  std::vector<std::int64_t> week_days_;       // the days snapshots were taken (ends of weeks)
  std::vector<std::pair<std::int64_t, Track>> tracks_;  // the sample, then the followed person
  PersonWeek snapshot(int arm, std::int64_t id) const;
  void record_week();  // a snapshot of every tracked person, both arms, for today
  const Track* track(std::int64_t id) const;
};

// The sessions of one server: at most `max_sessions` at once, each expiring after `idle`
// without a request. Thread-safe; a session is used under its own lock (Entry::mutex).
class SessionPool {
 public:
  struct Entry {
    std::mutex mutex;  // held while the session steps or is read
    std::unique_ptr<LiveSession> session;
    std::chrono::steady_clock::time_point last_seen;
    // Play state, driven by the page and read by the stream.
    bool playing = false;
    double weeks_per_second = 2;
    int pending_weeks = 0;        // "step one week" presses not yet done
    std::uint64_t stream = 0;     // the newest stream; older ones stop
    std::string saved_name;       // the last file saved (name only) and its report
    std::string report_html;
  };

  SessionPool(std::size_t max_sessions, std::chrono::seconds idle);

  // A new session; its id is unguessable (random, 128 bits, hex). Throws LiveError when full
  // ("the server is full") or when the session cannot be made.
  std::string create(const std::string& preset, std::int64_t citizens, std::int64_t max_citizens,
                     const std::string& arm_a = {}, const std::string& arm_b = {});
  // The session with `id`, marked as seen now unless `touch` is false (a paused stream is not
  // use); null if unknown or expired.
  std::shared_ptr<Entry> find(const std::string& id, bool touch = true);
  // Ends the session `id` (a reset from the page); false if unknown.
  bool remove(const std::string& id);
  // Drops sessions idle longer than the limit; returns how many were dropped.
  std::size_t expire(std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());
  std::size_t size() const;
  std::size_t max_sessions() const { return max_; }

 private:
  mutable std::mutex mutex_;
  std::size_t max_;
  std::chrono::seconds idle_;
  std::vector<std::pair<std::string, std::shared_ptr<Entry>>> entries_;
};

// The presets a page can start (name, title, story, question, arms) as JSON.
std::string presets_json();

}  // namespace placesim
