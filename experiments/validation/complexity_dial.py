#!/usr/bin/python3
"""The fairness test as a complexity dial (MODEL.md section 1; issue 10 item 8).

"The relational advantage must come from complexity and grow with it; with single-domain needs
and no causes it should vanish." The three keys that make needs complex, life.coupling_scale
(needs feed each other), life.cause_onset_prob and life.initial_cause_prob (hidden causes), are
multiplied together by a level: 0 (none: independent single-domain needs, no causes), 0.5, 1
(the defaults), 1.5 and 2 (twice the default complexity). Each level runs the silo-vs-relational
preset (both designs, same people and life events) on several seeds at a reduced size.

Reported per level, as relational minus silo (mean, SD, min, max over seeds):
  failure_share   failure-demand share of all contacts;
  repeat_per_1k   repeat contacts per 1,000 people;
  cost_per_1k     service cost + crisis cost per 1,000 people (GBP);
  in_crisis_per_1k  mean people in crisis per 1,000.
And per arm the pressure readouts: queue per 1,000, mean wait (days), chasing contacts per
1,000, utilisation (hours worked / hours paid) and idle share.

Verdict, per outcome: the advantage is silo minus relational for outcomes where lower is
better. Between two consecutive levels it GROWS if it rises by more than twice the standard
error of the change (paired by seed), STOPS if the change is within that, REVERSES if it falls
by more. Where it stops or reverses, the mechanism is named from the readouts of the
relational arm at the higher level: "capacity" if its utilisation is at least CAPACITY (staff
have no slack) or rose more than the silo arm's and crossed 0.9; "waits" if its mean wait or
queue per 1,000 rose by more than half from the previous level (people wait, chase, and the
chasing is failure demand), with "staff idle" added when utilisation is below 0.9 (then a rule
rations access, not the staff hours); otherwise "neither capacity nor waits" (said so, not guessed).

  /usr/bin/python3 experiments/validation/complexity_dial.py --placesim build/placesim --jobs 2
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vcommon  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PRESET = "silo-vs-relational"
KEYS = ["life.coupling_scale", "life.cause_onset_prob", "life.initial_cause_prob"]
LEVELS = [0.0, 0.5, 1.0, 1.5, 2.0]
OUTCOMES = ["failure_share", "repeat_per_1k", "cost_per_1k", "in_crisis_per_1k"]  # lower is better
READOUTS = ["queue_per_1k", "mean_wait_days", "chasing_per_1k", "utilisation", "idle_share"]
CAPACITY = 0.95


def stats(v):
    return {"mean": statistics.fmean(v), "sd": statistics.stdev(v) if len(v) > 1 else 0.0,
            "min": min(v), "max": max(v)}


def mechanism(prev, cur):
    """Name what stops the advantage growing, from the relational arm's pressure readouts."""
    r0, r1 = prev["relational"], cur["relational"]
    s0, s1 = prev["silo"], cur["silo"]
    if r1["utilisation"]["mean"] >= CAPACITY or (
            r1["utilisation"]["mean"] >= 0.9
            and r1["utilisation"]["mean"] - r0["utilisation"]["mean"] > s1["utilisation"]["mean"] - s0["utilisation"]["mean"]):
        return "capacity"
    for k in ("mean_wait_days", "queue_per_1k"):
        if r1[k]["mean"] > 1.5 * max(r0[k]["mean"], 1e-9):
            # Waits that grow while staff are idle come from a rule that rations access (a
            # caseload cap, a queue discipline), not from a lack of staff hours: say which.
            if r1["utilisation"]["mean"] < 0.9:
                return "waits, with staff idle: access rationed by a rule, not by hours"
            return "waits"
    return "neither capacity nor waits"


def verdicts(levels):
    out = []
    for o in OUTCOMES:
        for a, b in zip(levels, levels[1:]):
            adv0 = [-d for d in a["diff_runs"][o]]
            adv1 = [-d for d in b["diff_runs"][o]]
            change = [y - x for x, y in zip(adv0, adv1)]
            m = statistics.fmean(change)
            se = statistics.stdev(change) / len(change) ** 0.5 if len(change) > 1 else 0.0
            trend = "grows" if m > 2 * se else ("reverses" if m < -2 * se else "stops")
            v = {"outcome": o, "from": a["level"], "to": b["level"], "change": m, "se": se, "trend": trend}
            if trend != "grows":
                v["mechanism"] = mechanism(a["arms"], b["arms"])
            out.append(v)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--placesim", default="build/placesim")
    ap.add_argument("--citizens", type=int, default=10000)
    ap.add_argument("--days", type=int, default=730)
    ap.add_argument("--seeds", type=int, default=8)
    ap.add_argument("--levels", default=",".join(str(x) for x in LEVELS))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=os.path.join(HERE, "complexity_dial.json"))
    ap.add_argument("--tiny", action="store_true", help="500 people, 60 days, 2 seeds: tests the script")
    a = ap.parse_args()
    if a.tiny:
        a.citizens, a.days, a.seeds = 500, 60, 2
    levels = [float(x) for x in a.levels.split(",")]
    assert levels[0] == 0 and max(levels) >= 2 and len(levels) >= 4, "from none to twice, at least 4 levels"
    cen, rng = vcommon.centre(a.placesim, PRESET), vcommon.ranges(a.placesim)
    nb = max(1, a.citizens // 500)
    size = ["--set", f"place.citizens={a.citizens}", "--set", f"place.neighbourhoods={nb}", "--days", str(a.days)]
    seeds = list(range(1, a.seeds + 1))

    def sets(level):
        return {k: min(rng[k][1], max(rng[k][0], round(level * float(cen[k]), 9))) for k in KEYS}

    t0 = time.time()
    jobs = [(lv, s) for lv in levels for s in seeds]
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(a.jobs) as pool:
        res = list(pool.map(lambda j: vcommon.run(a.placesim, PRESET, j[1], sets(j[0]), size, tmp), jobs))
    rows = []
    for lv in levels:
        runs = [r for (l2, _), r in zip(jobs, res) if l2 == lv]
        diff_runs = {o: [r["relational"][o] - r["silo"][o] for r in runs] for o in OUTCOMES}
        rows.append({
            "level": lv, "settings": sets(lv),
            "diff": {o: stats(diff_runs[o]) for o in OUTCOMES}, "diff_runs": diff_runs,
            "arms": {arm: {k: stats([r[arm][k] for r in runs]) for k in OUTCOMES + READOUTS}
                     for arm in ("silo", "relational")},
        })
    out = {"preset": PRESET, "citizens": a.citizens, "days": a.days, "seeds": seeds, "keys": KEYS,
           "centre": {k: cen[k] for k in KEYS}, "capacity_threshold": CAPACITY,
           "runs": len(jobs), "wall_seconds": round(time.time() - t0, 1),
           "levels": rows, "verdicts": verdicts(rows)}
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for r in rows:
        print(f"level {r['level']}: " + "; ".join(
            f"{o} {r['diff'][o]['mean']:+.3g} (sd {r['diff'][o]['sd']:.2g})" for o in OUTCOMES))
    for v in out["verdicts"]:
        print(f"  {v['outcome']} {v['from']}->{v['to']}: {v['trend']}" + (f" ({v['mechanism']})" if "mechanism" in v else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
