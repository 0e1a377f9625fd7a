#!/usr/bin/python3
"""Turn `placesim params --json` output into the markdown parameter table of docs/model.md.

  build/placesim params --json | /usr/bin/python3 scripts/docs/gen_params.py > /tmp/params.md

then paste the table over the one under "Parameters: every key" in docs/model.md
(scripts/docs/update_model_params.py does that in place).
"""
import json, re, sys

import os as _os
sys.path.insert(0, _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "..", "experiments", "calibration"))
from free_params import FREE  # noqa: E402  the one list of free parameters (docs/calibration.md)

# Values settled by earlier search rounds (docs/calibration.md), now reasoned defaults.
EARLIER = ["relational.visit_hours", "relational.travel_hours", "relational.balance_level", "demand.trust_delay",
           "demand.failure_window", "silo.assessment_hours"]
CAL = {**{k: "earlier" for k in EARLIER}, **{k: "free" for k, *_ in FREE}}
NOTE = {
 # issue 10: one set of worker mechanics (agents/worker_mechanics.hpp; docs/model.md 7.5a)
 "mechanics.uncover_rate": "About one hidden cause in three is understood per face-to-face hour by a novice (the earlier team value, now for every worker).",
 "mechanics.continuity_gain": "Assumption: a story told to someone who already knows the person goes further; to be identified in calibration.",
 "mechanics.info_gain": "Assumption: information that travelled starts the conversation further on; to be identified in calibration.",
 "mechanics.info_assessment_saving": "A pre-filled form halves the assessment (the earlier silo rule, now for everyone).",
 "mechanics.action_rate": "ln 2 / 3: the three-hour expert standard fix halves a need (the earlier silo.fix_effect 0.5).",
 "mechanics.generalist_match": "Assumption: a generalist's hour does half an expert's on a specialist need, which is why a team pulls experts (MODEL.md s.5).",
 "mechanics.coproduction_gain": "Assumption: decisions owned by the person are carried out more often; no usable effect size in the co-production literature.",
 "mechanics.uptake_signpost": "At the mean initial trust 0.6 it gives back the earlier signposting uptake 0.1.",
 "mechanics.uptake_warm": "At the mean initial trust 0.6 it gives back the earlier warm-introduction uptake 0.6.",
 "mechanics.handoff_loss": "One referral in five never turns into help (no reply, wrong door, dropped) on a tie never used.",
 "mechanics.pull_answer": "Assumption: a colleague asked directly usually answers the same day; less on a weak tie.",
 "mechanics.contact_hours": "The earlier triage time of one contact.",
 "silo.transaction_effect": "A standard transaction settles half of a simple request's need (the earlier standard-fix effect).",
 "run.days": "Typical horizon 1-5 years (MODEL.md s.2).",
 "run.seed": "Any; arms of one experiment share it (common random numbers).",
 "run.threads": "Never changes results (counter-based random streams, fixed chunks).",
 "run.sample_citizens": "Enough people for individual cost curves in the report.",
 "run.sample_every": "Weekly: cost curves change slowly.",
 "place.citizens": "A town; the same code runs 10^3 to 10^6+.",
 "place.neighbourhoods": "About 1,000 people per neighbourhood, like a UK lower super output area (LSOA, ~1,500).",
 "place.deprivation_min": "Full range of an index of multiple deprivation, rescaled to 0-1.",
 "place.deprivation_max": "As above.",
 "place.mean_household_size": "ONS Census 2021: 2.36 people per household in England and Wales.",
 "network.ring_neighbours": "Six ring ties, many of them household members: a mean degree of about 6, a small close circle.",
 "network.rewire_prob": "Watts and Strogatz (1998): small-world regime at beta around 0.01-0.1 (high clustering, short paths).",
 "network.rewire_local_share": "Most ties are local (spatial clustering of social networks).",
 "life.deprivation_multiplier": "Shocks about three times as frequent at the most deprived end: the gradient in debt, housing loss and ill health across deprivation deciles is of that order.",
 "life.shock_size_min": "A single shock moves a need by a fifth to a half of its range: several shocks or coupling are needed for crisis.",
 "life.shock_size_max": "As above.",
 "life.household_share": "Housing and money troubles hit the whole household.",
 "life.cause_onset_prob": "One shock in five leaves a driver behind (debt spiral, bereavement, abuse).",
 "life.cause_push": "A cause of intensity 0.5 adds 0.01/day, enough to outpace recovery: untreated causes bring needs back.",
 "life.cause_resolve_rate": "Causes fade by themselves with a half-life of about 1.4 years.",
 "life.recovery_rate": "Needs fall by about 1% a day at average resilience (half-life ~70 days without support).",
 "life.coupling_scale": "1 keeps the default matrix; 0 for simple, independent requests (complexity preset).",
 "life.coupling_onset": "Only a need that is already serious feeds others.",
 "life.resilience_mean": "Scale of recovery; 1 = reference person.",
 "life.resilience_sd": "Moderate spread between people.",
 "life.resilience_floor": "Keeps recovery above the strongest coupling row (0.005 > 0.004/day), so coupling amplifies but cannot create trouble.",
 "life.resilience_deprivation": "Deprivation wears down personal resources.",
 "life.tie_weight": "Social support adds up to half the recovery of average resilience.",
 "life.tie_reference": "About six well contacts count as full support.",
 "life.crisis_level": "Near the top of the scale.",
 "life.crisis_rearm": "Hysteresis so one crisis is not counted many times while a need hovers at the level.",
 "life.initial_need_scale": "Most people start with small needs (u^3), more so in deprived places.",
 "life.initial_cause_prob": "A few percent start with a hidden driver, twice as many at deprivation 1.",
 "demand.trust_initial": "Middling trust in public services (public attitude surveys put trust in local councils around one half).",
 "demand.help_threshold_mean": "People ask when a need is clearly serious, above the eligibility threshold of 0.5 on average.",
 "demand.help_threshold_sd": "Some ask early, some late.",
 "demand.failure_window": "Vanguard practice: a return about the same problem within a year is failure demand.",
 "demand.chase_after": "Two weeks before people chase.",
 "demand.chase_prob": "About one chase every ten days while waiting.",
 "people.other_door_prob": "People who know the old doors keep some of the habit: about one new problem in five taken elsewhere while a worker owns the case (no published figure; sensitivity range 0-1).",
 "people.balance_after_days": "A quarter of a year without needing services is the usual sense of 'sustained' in outcome frameworks (e.g. 3-month follow-up).",
 "people.event_tables": "On: any window can be measured from one run.",
 "people.event_rows_per_citizen": "Keeps the whole run under 700 bytes per citizen per arm at 10^6 citizens x 365 days (docs/performance.md); presets make 0.1-5.6 rows per citizen.",
 "workers.staff_per_10k": "Reasoned: front-line staff of the services modelled for 10,000 people; the same in every design (same budget).",
 "workers.hours_per_day": "A 35-hour week.",
 "workers.hourly_cost": "Salary plus on-costs of a front-line local government / NHS band 4-6 worker.",
 "workers.morale_initial": "Middling.",
 "workers.attrition_rate": "Social care and council front-line turnover of the order of 10-30% a year.",
 "workers.hire_delay": "Two months to fill a post.",
 "workers.learning_rate": "Experience reaches about 0.6 after 50 cases let go (1 - 0.98^n).",
 "workers.available_base": "Reasoned: a demoralised, overloaded workforce loses about a quarter of its hours to sickness and disengagement (UK social care and NHS sickness absence 4-6%, far higher in burnt-out teams; presenteeism adds).",
 "workers.available_slope": "Reasoned: full hours from morale 0.5 up (the original rule, kept).",
 "workers.productivity_base": "Reasoned: an hour of a demoralised worker does 80% of an average one (engagement studies find 10-25% differences in output; Buurtzorg and HLS report trusted staff doing more with the same hours).",
 "workers.productivity_slope": "Reasoned: centres productivity on 1 at morale 0.5 and gives 1.2 at morale 1, the same spread either side.",
 "staffing.mode": "from_demand: every preset's staffing follows from its demand (issue 10); fixed_ratio keeps the older staffing for comparison.",
 "staffing.target_utilisation": "Queueing theory: waits grow as 1/(1 - utilisation) and explode near 1; real services plan at 0.85-0.9 (NHS bed occupancy target 85%, contact centres 80-90%).",
 "staffing.plan_factor": "1: the plan as measured; a cut below 1 (austerity) is a lever.",
 "staffing.pilot_warmup_days": "Two months: queues and morale settle from their initial state.",
 "staffing.pilot_days": "Two months of measurement: enough cases per unit for a stable mean at 20,000 people.",
 "staffing.pilot_staff_per_10k": "Ample: over three times the older fixed ratio, so the pilot measures demand, not capacity.",
 "staffing.policy": "fixed: the usual budgeted establishment; follow_workload is the lever.",
 "staffing.review_days": "Reasoned: a monthly workforce review.",
 "staffing.move_lag_days": "Reasoned: two weeks' notice to move a post between services.",
 "staffing.adjust_share": "Reasoned: a cautious manager closes half the gap at each review (partial adjustment damps oscillation).",
 "staffing.budget_factor": "1: the same budget as the plan; above 1 lets a manager hire.",
 "staffing.team_split_size": "Buurtzorg: self-managing teams of at most 12 nurses split when they grow past it.",
 "staffing.coordination_hours_per_colleague": "Reasoned: 3 minutes a day per colleague, about half an hour a day in a team of 12 (Buurtzorg teams meet about weekly and share by phone); coordination channels grow with team size (Brooks).",
 "silo.threshold": "Eligibility at the middle of the need scale (only 'serious enough' is served).",
 "silo.triage_hours": "A front-door call with routing, about 20 minutes.",
 "silo.transaction_hours": "A standard transaction, about 25 minutes.",
 "silo.assessment_hours": "A full assessment with forms, about two hours.",
 "silo.fix_hours": "A standard intervention of a few hours face to face.",
 "silo.fix_effect": "The standard fix halves the presenting need and leaves its cause.",
 "silo.handoff_hours": "Half an hour of referral admin.",
 "silo.handoff_loss": "One referral in five never turns into help (no reply, wrong door, dropped).",
 "silo.signpost_uptake": "Signposting (a leaflet, a number) is rarely followed up.",
 "silo.target_days": "A four-week closure target.",
 "silo.escalation_prob": "Three decisions in ten go up the hierarchy.",
 "silo.escalation_days": "A working week to get a decision.",
 "silo.escalation_hours": "Time spent chasing a decision.",
 "silo.travel_hours": "Office based.",
 "relational.coverage": "0 = silo design; 1 = relational design everywhere.",
 "relational.team_share": "At full coverage most staff work in the team; the rest stay in departments to be pulled in.",
 "relational.threshold": "0: anyone who asks. A team wrapped in procedures (demand-surge, hub-wrapped) may be given one.",
 "relational.cause_priority": "A cause keeps pushing, so it outranks a need of the same size; 2 was the fixed weight before it became a key.",
 "relational.budget_per_case": "A small sum for practical help (a deposit, arrears, a cooker), as relational teams describe; two actions per case.",
 "relational.budget_spend": "A typical practical payment.",
 "relational.understand_hours": "One longer first conversation.",
 "relational.session_hours": "An hour per visit.",
 "relational.session_interval": "Visits every few days at crisis level.",
 "relational.max_caseload": "Caseloads reported by relational and Buurtzorg-style teams are in the tens.",
 "relational.uncover_rate": "About one hidden cause in three is understood per face-to-face hour by a novice.",
 "relational.cause_effect": "An action on an understood cause halves it.",
 "relational.intro_uptake": "A warm introduction (going along, making the link) is usually taken up.",
 "relational.intro_hours": "Half an hour of coordination.",
 "relational.recording_share": "Only what creates value is recorded.",
 "relational.balance_level": "Below the help-seeking threshold: let go when the person can manage.",
 "relational.escalation_prob": "Only complex decisions go to the manager.",
 "relational.travel_hours": "Home visits.",
 "relational.max_days": "A backstop of a year.",
 "relational.learning_boost": "Immersion with experienced colleagues doubles learning at full team experience.",
 "transition.start_day": "-1: no roll-out.",
 "transition.ramp_days": "Half a year.",
 "transition.final_coverage": "Everywhere.",
 "transition.protection": "Half: some barriers cleared. The transition preset's embedding arm sets 1 (a manager who clears barriers, as in the Buurtzorg and Human Learning Systems accounts); its failing arm 0.",
 "transition.embedding_initial": "A new way of working starts half taken hold: the team was chosen and prepared, nothing is settled.",
 "transition.embed_rate": "A time constant of about four months: embedding takes months, not weeks (prototype-to-roll-out accounts of relational teams run 6-12 months).",
 "transition.rollout_embedding": "Roll out only while the way of working is at least as embedded as when the change started; equal to embedding_initial so an unsupported change stalls at once.",
 "transition.wrap_rate": "At full pressure, re-imposing procedure within about seven weeks on average; pressure is usually partial.",
 "transition.wrap_cost_rise": "A 10% rise in cost per case closed from one review to the next is the kind of rise that triggers a commissioner's intervention.",
 "commissioning.style": "none: each design keeps its own measures; targets and learning are the two commissioning regimes of issue 10 item 4.",
 "commissioning.target_days": "Payment by output rewards closing: three weeks, a week sooner than the silo's own 28-day target.",
 "commissioning.targets_recording": "Contract monitoring adds activity returns: a quarter more recording per hour of work.",
 "commissioning.learning_group_funding": "Funding for relationships: a quarter more for voluntary groups (Human Learning Systems commissioning).",
 "commissioning.learning_tie_trust": "Above the starting 0.5 of a new tie: funded joint work builds trust between services; below 1 because it still has to be earned case by case.",
 "commissioning.learning_tie_rate": "About three months for half the gap to close.",
 "commissioning.review_days": "Quarterly budget review.",
 "commissioning.outreach_hours_per_10k": "0: no outreach today (the default place has none); the austerity preset funds 20 (about 2.5 full-time workers per 10,000).",
 "commissioning.outreach_visit_hours": "An hour's conversation at the door or at home.",
 "commissioning.outreach_travel_hours": "As a team home visit (relational.travel_hours).",
 "commissioning.outreach_floor": "Below the help-seeking thresholds (mean 0.55) but a need worth working on.",
 "commissioning.outreach_targeting": "1: visits go where deprivation is (proportionate universalism).",
 "commissioning.cut_when_spend_rises": "Off: the budget rule is a lever.",
 "commissioning.cut_trigger": "A 5% rise in spend from one quarter to the next.",
 "commissioning.cut_share": "A quarter of prevention funding per cut.",
 "services.enabled": "false runs life alone (no services).",
 "services.expert_effect": "An expert action halves a need, like the standard fix.",
 "services.info_sharing": "Information seldom travels with a referral today.",
 "services.safeguarding_level": "At crisis level for family need.",
 "services.statutory_assessment_hours": "Shorter than a full assessment: the legal minimum.",
 "trust.turned_away": "Being turned away costs the most trust, with being lost.",
 "trust.lost": "As above.",
 "trust.retell": "Small per retelling; it adds up over many doors.",
 "trust.wait_week": "Small per week.",
 "trust.owned_session": "Each visit by the same worker builds a little trust.",
 "trust.resolved": "Being helped back to balance builds trust.",
 "groups.membership_weight": "A group membership adds 15% of average resilience to recovery.",
 "groups.funding": "1 = today's funding.",
 "groups.capacity_per_1k": "1% of residents per kind of group.",
 "groups.leave_rate": "Members stay about two years.",
 "docking.enabled": "Only for the docking check (docs/validation.md).",
 "docking.arrival_rate": "MODEL.md s.8: lambda = 2.", "docking.service_rate": "mu = 1.",
 "docking.servers": "c = 3.", "docking.return_prob": "p = 0: no returning demand.",
 "docking.warmup_days": "Not read by the simulation (7.17); for the validation scripts.",
}

def fmt_default(e):
    v = e["default"]
    if e["type"] == "boolean":
        return "true" if v else "false"
    if e["type"] == "string":
        return json.dumps(v)
    if e["type"] == "number":
        return repr(float(v))
    return str(v)


def fmt_bound(v):
    return f"{v:g}"


def rows(text):
    for e in json.loads(text):
        rng = f"{fmt_bound(e['min'])}, {fmt_bound(e['max'])}" if "min" in e else ""
        yield e["key"], fmt_default(e), rng, e["unit"], e["description"], e["role"]

import os
if os.environ.get("THRESHOLD_READ"):
    NOTE["relational.threshold"] = "0: anyone who asks. A team wrapped in procedures (demand-surge, hub-wrapped) may be given one."
def source(key):
    if key in CAL:
        return ("**calibrated** (free parameter of experiments/calibration/free_params.py, docs/calibration.md)"
                if CAL[key] == "free"
                else "**calibrated** (earlier search rounds, docs/calibration.md)")
    if key.startswith("life.shock_rate."):
        return "Reasoned: a few shocks per person per decade in each domain at deprivation 0; money most frequent, substances least."
    if key.startswith("life.crisis_cost."):
        return "Reasoned order of magnitude of one reactive episode (emergency admission, emergency housing, police call-out); work and connection crises have no direct public cost."
    if key.startswith("life.coupling.") and VAL.get(key) == "0.0":
        return "Reasoned: no direct pathway (0)."
    if key.startswith("life.coupling."):
        return "Reasoned (pathways of MODEL.md s.3); every row sums to at most 0.004/day."
    if key.startswith("units."):
        return "Reasoned: -1, the shared `silo.*` value applies; set per department for a mixture per unit."
    if key.startswith("experiment."):
        return "Text, no effect on the simulation."
    return "Reasoned: " + NOTE[key] if key in NOTE else "Reasoned default."

def esc(s):
    return s.replace("|", "\\|")

text = open(sys.argv[1]).read() if len(sys.argv) > 1 else sys.stdin.read()
VAL = {k: v for k, v, *_ in rows(text)}
section = None
for key, val, rng, unit, desc, role in rows(text):
    sec = key.split(".")[0]
    if sec != section:
        section = sec
        print(f"\n#### `[{sec}]`\n")
        print("| key | default | range | unit | role | meaning | source or reasoning |")
        print("|---|---|---|---|---|---|---|")
    print(f"| `{key}` | `{esc(val)}` | {rng} | {esc(unit)} | {role} | {esc(desc)} | {esc(source(key))} |")
