#!/usr/bin/env python3
"""Sensitivity analysis of the headline results (MODEL.md section 8; docs/validation.md).

Headline outputs, from the silo-vs-relational preset at a reduced size, each as the
relational arm minus the silo arm (the two arms share people and life events):
  d_failure_share  failure demand share of all contacts over the run (contacts_failure / all)
  d_crisis_cost    reactive crisis cost over the run, GBP per 1,000 citizens
  d_service_cost   cost of staff hours worked on people over the run, GBP per 1,000 citizens

Methods
  * One at a time (OAT): each parameter at -20% and +20% of its default (clipped to its
    allowed range), all others at default, with R seeds each; reported as the change of each
    output from the baseline (same seeds: common random numbers), mean over seeds.
  * Morris elementary effects (Morris 1991; mu* of Campolongo et al. 2007): r trajectories
    on a p = 4 level grid over the same +-20% box, step Delta = p / (2 (p - 1)) = 2/3 of the
    range. Each trajectory has its own seed, kept for all its k + 1 runs, so an elementary
    effect compares two runs with the same people and life events. Effects are expressed per
    full range (the change in output from -20% to +20%). mu* = mean |EE|, sigma = SD of EE
    (non-linearity or interactions), mu = mean EE (sign).
  * Noise floor: the seed-to-seed SD of each output at the baseline; an elementary effect
    smaller than about 2 x SD / (Delta) could be noise. This is how the number of replicates
    is judged to suffice: mu* well above the floor is a real effect, below it is "no
    detectable effect at this size".

Defaults and ranges are read from the binary (see CANDIDATES), so the script is rerunnable on any
model version; --json experiments/validation/sensitivity.json is what the docs tables are made from
(scripts/docs/regenerate_tables.py).

Usage: sensitivity.py --placesim build/placesim [--tiny] [--jobs 2] [--json out.json] [--md out.md]
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vcommon  # noqa: E402

# The parameters that drive the headline results. Each entry lists candidate names, newest first:
# the first one the binary knows is used, so the script survives renames (issue 10 replaces
# relational.generalist_effect and silo.fix_effect by mechanics.*). Defaults and allowed ranges
# are read from the binary (`placesim params --toml`, `placesim params`), with the preset's own
# settings laid over the defaults; the box is centre x [0.8, 1.2] clipped to the allowed range.
CANDIDATES = [
    ("mechanics.generalist_match", "relational.generalist_effect"),
    ("relational.pull_level",),
    ("silo.threshold",),
    ("mechanics.action_rate", "silo.fix_effect"),
    ("silo.notice_prob",),
    ("demand.contact_prob",),
    ("life.cause_push",),
    ("staffing.plan_factor", "workers.staff_per_10k"),  # posts come from the plan since issue 10
]
PRESET = "silo-vs-relational"
OUTPUTS = ["d_failure_share", "d_crisis_cost", "d_service_cost"]
PARAMS = []  # (key, centre, lower bound, upper bound): filled by resolve_params from the binary


def resolve_params(exe, extra=()):
    """PARAMS from the binary: the first known name of each candidate, its centre and range."""
    cen, rng = vcommon.centre(exe, PRESET), vcommon.ranges(exe)
    out, skipped = [], []
    for names in list(CANDIDATES) + [(k,) for k in extra]:
        key = next((n for n in names if n in rng and n in cen), None)
        if key is None:
            skipped.append("/".join(names) + " (unknown)")
        elif float(cen[key]) == 0:
            skipped.append(f"{key} (centre 0: no +-20% box)")
        else:
            out.append((key, float(cen[key]), *rng[key]))
    for s in skipped:
        print(f"sensitivity.py: skipped {s}", file=sys.stderr)
    return out


def box(p):
    _, d, lo, hi = p
    return max(lo, 0.8 * d), min(hi, 1.2 * d)


def run(exe, size, seed, sets, tmp, tag):
    arms = vcommon.run(exe, PRESET, seed, sets, size, tmp)
    res = {arm: {"failure_share": r["failure_share"], "crisis_cost": r["crisis_cost_per_1k"],
                 "service_cost": r["service_cost_per_1k"]} for arm, r in arms.items()}
    return {"d_failure_share": res["relational"]["failure_share"] - res["silo"]["failure_share"],
            "d_crisis_cost": res["relational"]["crisis_cost"] - res["silo"]["crisis_cost"],
            "d_service_cost": res["relational"]["service_cost"] - res["silo"]["service_cost"],
            "arms": res}


def morris_design(k, r, p, rng):
    """r trajectories of k+1 points on the p-level grid of [0,1]^k; returns (points, factor moved)."""
    delta = p / (2 * (p - 1))
    levels = np.arange(p) / (p - 1)
    trajs = []
    for _ in range(r):
        x = rng.choice(levels, size=k)
        order = rng.permutation(k)
        pts, moved = [x.copy()], []
        for j in order:
            x = x.copy()
            x[j] = x[j] + delta if x[j] + delta <= 1 + 1e-12 else x[j] - delta
            pts.append(x)
            moved.append(j)
        trajs.append((pts, moved))
    return trajs, delta


def to_sets(x):
    sets = {}
    for xi, p in zip(x, PARAMS):
        lo, hi = box(p)
        sets[p[0]] = round(lo + xi * (hi - lo), 10)
    return sets


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--placesim", required=True)
    ap.add_argument("--tiny", action="store_true", help="a very small run, to test the script")
    ap.add_argument("--citizens", type=int, default=5000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--oat-seeds", type=int, default=3)
    ap.add_argument("--base-seeds", type=int, default=6)
    ap.add_argument("--trajectories", type=int, default=10)
    ap.add_argument("--levels", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json")
    ap.add_argument("--md", help="write the result tables (Markdown) here")
    ap.add_argument("--add", action="append", default=[], help="also screen this key (repeatable)")
    a = ap.parse_args()
    PARAMS[:] = resolve_params(a.placesim, a.add)
    if a.tiny:
        a.citizens, a.days, a.oat_seeds, a.base_seeds, a.trajectories = 500, 30, 1, 2, 2
    nb = max(1, a.citizens // 500)
    size = ["--set", f"place.citizens={a.citizens}", "--set", f"place.neighbourhoods={nb}", "--days", str(a.days)]
    rng = np.random.default_rng(20261123)
    k = len(PARAMS)
    t0 = time.time()

    jobs = []  # (tag, seed, sets)
    for s in range(1, a.base_seeds + 1):
        jobs.append((f"base_{s}", s, {}))
    for i, p in enumerate(PARAMS):
        lo, hi = box(p)
        for side, v in (("lo", lo), ("hi", hi)):
            for s in range(1, a.oat_seeds + 1):
                jobs.append((f"oat_{i}_{side}_{s}", s, {p[0]: v}))
    trajs, delta = morris_design(k, a.trajectories, a.levels, rng)
    for t, (pts, _) in enumerate(trajs):
        for m, x in enumerate(pts):
            jobs.append((f"morris_{t}_{m}", 1000 + t, to_sets(x)))

    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(a.jobs) as pool:
        futs = {tag: pool.submit(run, a.placesim, size, seed, sets, tmp, tag) for tag, seed, sets in jobs}
        res = {tag: f.result() for tag, f in futs.items()}
    wall = time.time() - t0

    base = {o: np.array([res[f"base_{s}"][o] for s in range(1, a.base_seeds + 1)]) for o in OUTPUTS}
    oat = []
    for i, p in enumerate(PARAMS):
        lo, hi = box(p)
        row = {"param": p[0], "centre": p[1], "lo": lo, "hi": hi}
        for o in OUTPUTS:
            b = np.array([res[f"base_{s}"][o] for s in range(1, a.oat_seeds + 1)])
            for side in ("lo", "hi"):
                v = np.array([res[f"oat_{i}_{side}_{s}"][o] for s in range(1, a.oat_seeds + 1)])
                row[f"{o}_{side}"] = float((v - b).mean())
        oat.append(row)
    ee = {o: [[] for _ in range(k)] for o in OUTPUTS}
    for t, (pts, moved) in enumerate(trajs):
        for m, j in enumerate(moved):
            step = pts[m + 1][j] - pts[m][j]
            for o in OUTPUTS:
                ee[o][j].append((res[f"morris_{t}_{m + 1}"][o] - res[f"morris_{t}_{m}"][o]) / step)
    morris = []
    for j, p in enumerate(PARAMS):
        row = {"param": p[0]}
        for o in OUTPUTS:
            e = np.array(ee[o][j])
            row[f"{o}_mu"] = float(e.mean())
            row[f"{o}_mustar"] = float(np.abs(e).mean())
            row[f"{o}_sigma"] = float(e.std(ddof=1)) if len(e) > 1 else float("nan")
        morris.append(row)
    floor = {o: float(2 * base[o].std(ddof=1) / delta) if len(base[o]) > 1 else float("nan") for o in OUTPUTS}
    summary = {"preset": PRESET, "params": [{"key": p[0], "centre": p[1], "lo": box(p)[0], "hi": box(p)[1]} for p in PARAMS],
               "citizens": a.citizens, "days": a.days, "oat_seeds": a.oat_seeds, "base_seeds": a.base_seeds,
               "trajectories": a.trajectories, "levels": a.levels, "delta": delta, "runs": len(jobs),
               "wall_seconds": wall,
               "baseline": {o: {"mean": float(base[o].mean()), "sd": float(base[o].std(ddof=1)) if len(base[o]) > 1 else None}
                            for o in OUTPUTS},
               "noise_floor_ee": floor, "oat": oat, "morris": morris}

    lines = []
    lines.append(f"Size: {a.citizens} citizens, {nb} neighbourhoods, {a.days} days; {len(jobs)} runs "
                 f"(each both arms), {wall:.0f} s wall on {a.jobs} processes.")
    lines.append("")
    lines.append("Baseline (defaults), relational minus silo, over " + str(a.base_seeds) + " seeds:")
    lines.append("")
    lines.append("| output | mean | seed-to-seed SD | EE noise floor (2 SD / Delta) |")
    lines.append("|---|---|---|---|")
    for o in OUTPUTS:
        b = summary["baseline"][o]
        sd = "n/a" if b["sd"] is None else f"{b['sd']:.3g}"
        lines.append(f"| {o} | {b['mean']:.4g} | {sd} | {floor[o]:.3g} |")
    lines.append("")
    lines.append(f"One at a time: change from baseline at -20% / +20% (mean of {a.oat_seeds} seeds, common random numbers):")
    lines.append("")
    lines.append("| parameter | range | " + " | ".join(f"{o} -20% | {o} +20%" for o in OUTPUTS) + " |")
    lines.append("|---|---|" + "---|---|" * len(OUTPUTS))
    for r in oat:
        cells = " | ".join(f"{r[f'{o}_lo']:+.3g} | {r[f'{o}_hi']:+.3g}" for o in OUTPUTS)
        lines.append(f"| {r['param']} | {r['lo']:.3g}-{r['hi']:.3g} | {cells} |")
    lines.append("")
    lines.append(f"Morris: r = {a.trajectories} trajectories, p = {a.levels} levels, Delta = {delta:.3g} "
                 f"of the range; effects per full -20%..+20% range (mu*, sigma, mu):")
    lines.append("")
    lines.append("| parameter | " + " | ".join(f"{o} mu* | sigma | mu" for o in OUTPUTS) + " |")
    lines.append("|---|" + "---|---|---|" * len(OUTPUTS))
    for r in sorted(morris, key=lambda r: -r["d_crisis_cost_mustar"]):
        cells = " | ".join(f"{r[f'{o}_mustar']:.3g} | {r[f'{o}_sigma']:.3g} | {r[f'{o}_mu']:+.3g}" for o in OUTPUTS)
        lines.append(f"| {r['param']} | {cells} |")
    text = "\n".join(lines)
    print(text)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(summary, f, indent=1)
    if a.md:
        with open(a.md, "w") as f:
            f.write(text + "\n")
    ok = all(math.isfinite(r[f"{o}_mustar"]) for r in morris for o in OUTPUTS)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
