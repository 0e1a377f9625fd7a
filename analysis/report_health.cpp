// System health: trust, collaboration, community ties, staff, and system behaviours.
#include <cmath>

#include "analysis/report_html.hpp"
#include "analysis/report_sections.hpp"
#include "sim/output_schema.hpp"

namespace placesim::analysis::html {
namespace {

// Service-system series the recorder writes (sim/service_observer.cpp) that
// sim/output_schema.hpp does not list; tests/analysis/check_report.py checks each card has data.
constexpr const char* kCollabDensity = "collab_density";
constexpr const char* kCollabTrust = "collab_trust";
constexpr const char* kGroupMembers = "group_members";
constexpr const char* kExperienceMean = "experience_mean";
constexpr const char* kInfoSharedShare = "info_shared_share";
constexpr const char* kFrontlineDecisionShare = "frontline_decision_share";
constexpr const char* kCoproductionShare = "coproduction_share";

// Daily shares of a few hand-offs or decisions jump between 0 and 1 from one day to the next,
// so their last-day value says little: the cards give their mean over the last kWindowDays days
// (the whole run if shorter), the window of the model's own windowed measures (docs/output.md).
// Levels that move slowly (trust, morale, memberships) are given on the last day.
constexpr std::size_t kWindowDays = 90;

struct Indicator {
  std::string id, title, axis, what;
  std::string series;   // the place-level series the simulator writes for it
  std::string reading;  // what a higher value means: a verdict only where there is one
  bool daily_share = false;  // a spiky daily ratio: shown by its window mean
};

const std::vector<Indicator>& indicators() {
  static const std::vector<Indicator> kIndicators = {
      {"health-trust", "Trust in services", "Trust",
       "Citizens' mean trust in services: falls with being turned away, long waits and "
       "hand-offs; rises with an owned, continuous relationship.",
       schema::series::kTrustMean,
       "higher means citizens trust services more; trust also sets how often a decision is "
       "taken with the person"},
      {"health-collaboration", "Collaboration network", "Density",
       "Reach of the organisational network: active ties between units and voluntary groups "
       "over the possible ones.",
       kCollabDensity,
       "higher means more pairs of units, and units and groups, have worked together at least "
       "once. A tie is made by a referral or hand-off (a lost one too), an expert pull or a "
       "group membership, so a design that passes people on makes more of them: more ties are "
       "not better or worse in themselves"},
      {"health-collab-trust", "Trust between services", "Trust",
       "Mean trust on the active ties of the collaboration network.", kCollabTrust,
       "higher means the ties that exist carry more trust; it says nothing about how many "
       "ties there are"},
      {"health-community", "Community ties", "Support",
       "Citizens' mean social support from their contacts: the strength that pulls needs "
       "back down.",
       schema::series::kSupportMean, "higher means people have more support around them"},
      {"health-groups", "Voluntary-group memberships", "Memberships",
       "Memberships of voluntary and community groups held by citizens.", kGroupMembers,
       "higher means more people are members of a group; each membership speeds recovery"},
      {"health-morale", "Staff morale", "Morale",
       "Front-line workers' mean morale: when staff are trusted and motivated, productivity and "
       "retention rise.",
       schema::series::kMoraleMean, "higher means better morale: below 0.5 morale cuts a worker's hours, and "
       "staff leave less often as it rises"},
      {"health-learning", "Staff learning", "Experience",
       "Mean experience of staff in post: workers learn and improve, or leave and take it with "
       "them.",
       kExperienceMean,
       "higher means more experienced staff in post; it falls when experienced staff leave"},
      {"health-information", "Information travels with the person", "Share",
       "Share of hand-offs where the person's story went with them (no story told again).",
       kInfoSharedShare,
       "higher means fewer people tell their story again; a design with few hand-offs has few "
       "days with anything to share, and shows 0 on those days",
       true},
      {"health-frontline", "Decisions at the front line", "Share",
       "Share of decisions made in the work rather than escalated up the hierarchy.",
       kFrontlineDecisionShare,
       "higher means fewer decisions escalated; a day with no decisions counts as 1", true},
      {"health-coproduction", "Co-production", "Share",
       "Share of actions decided together with the person.", kCoproductionShare,
       "higher means more actions decided with the person; a day with no decisions counts as 0",
       true},
  };
  return kIndicators;
}

// Mean of the last `window` finite values of v (all of them if fewer).
double window_mean(const std::vector<double>& v, std::size_t window) {
  double s = 0;
  std::size_t n = 0;
  for (std::size_t i = v.size(); i-- > 0 && n < window;)
    if (std::isfinite(v[i])) s += v[i], ++n;
  return n ? s / static_cast<double>(n) : kNaN;
}

// The size and shape of each design's social network, under the community-ties card.
std::string network_summary(const RunData& run) {
  std::string s;
  for (std::size_t i = 0; i < run.arms.size(); ++i) {
    const auto& n = run.arms[i].network;
    if (n.empty()) continue;
    auto get = [&](const char* k) {
      const auto it = n.find(k);
      return it == n.end() ? kNaN : it->second;
    };
    s += "<p class=\"kv\"><span class=\"swatch\" style=\"background:" + svg::palette(i) +
         "\"></span>" + esc(run.arms[i].name) +
         " social network: " + thousands(get(schema::network::kPeople)) + " people, " +
         thousands(get(schema::network::kTies)) + " ties, mean " +
         svg::short_num(get(schema::network::kMeanDegree)) + " ties per person, clustering " +
         svg::short_num(get(schema::network::kClustering)) + ", mean path length " +
         svg::short_num(get(schema::network::kPathLength)) + "</p>";
  }
  return s;
}

std::string indicator_card(const RunData& run, const Indicator& ind) {
  svg::LineChart c;
  c.id = ind.id;
  c.title = ind.title;
  c.x_label = day_label(run);
  c.height = 240;
  c.zero_based = false;
  std::string unit;
  for (std::size_t i = 0; i < run.arms.size(); ++i)
    if (const Series* found = run.arms[i].find(ind.series)) {
      unit = found->unit;
      c.lines.push_back(
          {run.arms[i].name, svg::palette(i), x_axis(run, found->v.size()), found->v});
    }
  c.y_label = with_unit(ind.axis, unit);
  std::string s = "<figure class=\"card\"><h3>" + esc(ind.title) + "</h3><p class=\"what\">" +
                  esc(ind.what) + "</p>";
  if (c.lines.empty()) {
    s += "<p class=\"note\">Not recorded in this file (no series <code>" + esc(ind.series) +
         "</code>).</p>";
  } else {
    s += svg::render(c);
    const std::size_t days = c.lines.front().y.size();
    const std::string when =
        !ind.daily_share ? "on the last day"
        : days <= kWindowDays
            ? "mean over the run (" + std::to_string(days) + " days)"
            : "mean over the last " + std::to_string(kWindowDays) + " days";
    s += "<p class=\"kv\">";
    for (const auto& line : c.lines)
      s += "<span><span class=\"swatch\" style=\"background:" + line.color + "\"></span>" +
           esc(line.label) + " " + esc(when) + ": <b>" +
           esc(svg::short_num(ind.daily_share ? window_mean(line.y, kWindowDays)
                                              : (line.y.empty() ? kNaN : line.y.back()))) +
           "</b></span>";
    s += "</p><p class=\"guide\">Series <code>" + esc(ind.series) +
         "</code>; each line is one design; " + esc(ind.reading) + ".</p>";
  }
  if (ind.id == "health-community") s += network_summary(run);
  return s + "</figure>";
}

}  // namespace

std::vector<std::string> health_series() {
  std::vector<std::string> names;
  for (const auto& ind : indicators()) names.push_back(ind.series);
  return names;
}

std::string health_section(const RunData& run) {
  std::string s =
      "<section id=\"health\"><h2>System health</h2><p class=\"lead\">Indicators of "
      "the health of the system, computed from the model's state, never set: trust, "
      "collaboration, community ties, staff morale and the system behaviours of "
      "sharing information, devolving decisions and working with people.</p><div class=\"cards\">";
  for (const auto& ind : indicators()) s += indicator_card(run, ind);
  return s + "</div></section>";
}

}  // namespace placesim::analysis::html
