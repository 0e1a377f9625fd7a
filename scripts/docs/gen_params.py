#!/usr/bin/python3
"""Turn `placesim params` output into the markdown parameter table of docs/model.md.

  build/placesim params | /usr/bin/python3 scripts/docs/gen_params.py > /tmp/params.md

then paste the table over the one under "Parameters: every key" in docs/model.md
(scripts/docs/update_model_params.py does that in place).
"""
import re, sys

CAL = {  # docs/calibration.md: final grid round, and earlier rounds
    "relational.pull_level": "grid", "relational.generalist_effect": "grid",
    "relational.expert_hours": "grid", "demand.contact_prob": "grid", "silo.notice_prob": "grid",
    "silo.recording_share": "grid", "silo.transaction_level": "grid",
    "relational.session_hours": "earlier", "relational.travel_hours": "earlier",
    "relational.balance_level": "earlier", "demand.trust_delay": "earlier",
    "demand.failure_window": "earlier", "silo.fix_effect": "earlier", "silo.assessment_hours": "earlier",
}
NOTE = {
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

def rows(text):
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"^(\S+) = (.*?)(?:   \[(.*?)\])?(?:   \((.*?)\))?$", lines[i])
        desc = lines[i + 1].strip() if i + 1 < len(lines) else ""
        i += 2
        if not m:
            continue
        yield m.group(1), m.group(2), m.group(3) or "", m.group(4) or "", desc

import os
if os.environ.get("THRESHOLD_READ"):
    NOTE["relational.threshold"] = "0: anyone who asks. A team wrapped in procedures (demand-surge, hub-wrapped) may be given one."
def source(key):
    if key in CAL:
        return ("**calibrated** (final grid round, docs/calibration.md)" if CAL[key] == "grid"
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
for key, val, rng, unit, desc in rows(text):
    sec = key.split(".")[0]
    if sec != section:
        section = sec
        print(f"\n#### `[{sec}]`\n")
        print("| key | default | range | unit | meaning | source or reasoning |")
        print("|---|---|---|---|---|---|")
    print(f"| `{key}` | `{esc(val)}` | {rng} | {esc(unit)} | {esc(desc)} | {esc(source(key))} |")
