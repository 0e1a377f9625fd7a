#!/usr/bin/python3
"""Identification: which free parameters do the patterns pin down? A Morris screen around the fit.

Box: each free parameter over the chosen value +/- a quarter of its search range (free_params.py),
clipped to the search range. Morris elementary effects (Morris 1991; mu* of Campolongo et al.
2007): r trajectories on a p = 4 level grid, step Delta = 2/3 of the box; a trajectory keeps one
seed (the fit seeds in turn) for all its k + 1 runs, so an elementary effect compares two runs
with the same people and life events. Outputs: the objective (RMS distance to the targets, pp)
and each of the 8 patterns (pp). Effects are per full box width.

Noise floor: the seed-to-seed SD of each output at the chosen point (NOISE_SEEDS, neither fit
nor held-out seeds) gives sqrt(2) SD / Delta, the SD of an elementary effect made of two runs on
independent seeds. Common random numbers make the real noise smaller, so the floor is
conservative: an effect above it is identified by that output; a parameter whose effect on
every pattern is below it is NOT identified by the patterns (the fit cannot tell its value).

  /usr/bin/python3 experiments/calibration/identify.py --placesim build/placesim --jobs 2
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from calib_common import (FIT_SEEDS, FREE, IDENTIFY, RESULT, TARGETS, check_free, chosen_point,  # noqa: E402
                          rms, run_many)

NOISE_SEEDS = list(range(201, 209))
OUTPUTS = ["objective"] + list(TARGETS)


def morris_design(k, r, p, rng):
    """r trajectories of k+1 points on the p-level grid of [0,1]^k; returns (trajs, delta)."""
    delta = p / (2 * (p - 1))
    levels = np.arange(p) / (p - 1)
    trajs = []
    for _ in range(r):
        x = rng.choice(levels[levels + delta <= 1 + 1e-12], size=k)  # start where +Delta fits
        pts, moved = [x.copy()], []
        for j in rng.permutation(k):
            x = x.copy()
            x[j] += delta
            pts.append(x)
            moved.append(int(j))
        trajs.append((pts, moved))
    return trajs, delta


def outputs(p):
    """Objective and patterns, in pp."""
    return {"objective": 100 * rms(p), **{k: 100 * p[k] for k in TARGETS}}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--placesim", default="build/placesim")
    ap.add_argument("--trajectories", type=int, default=20)
    ap.add_argument("--levels", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--result", default=RESULT)
    ap.add_argument("--out", default=IDENTIFY)
    a = ap.parse_args()
    reg = check_free(a.placesim)
    chosen = chosen_point(a.result) or {k: reg[k][0] for k, _, _, _ in FREE}
    box = []
    for key, lo, hi, _ in FREE:
        c, w = chosen.get(key, reg[key][0]), (hi - lo) / 4
        box.append((max(lo, c - w), min(hi, c + w)))
    rng = np.random.default_rng(20261130)
    k = len(FREE)
    trajs, delta = morris_design(k, a.trajectories, a.levels, rng)
    t0 = time.time()

    def at(x):
        return {FREE[j][0]: round(lo + x[j] * (hi - lo), 6) for j, (lo, hi) in enumerate(box)}

    jobs = [(chosen, s) for s in NOISE_SEEDS]
    for t, (pts, _) in enumerate(trajs):
        jobs += [(at(x), FIT_SEEDS[t % len(FIT_SEEDS)]) for x in pts]
    runs = [outputs(r) for r in run_many(a.placesim, jobs, a.jobs)]
    noise, runs = runs[:len(NOISE_SEEDS)], runs[len(NOISE_SEEDS):]
    floor = {o: 2 ** 0.5 * statistics.stdev(n[o] for n in noise) / delta for o in OUTPUTS}

    ee = {o: [[] for _ in range(k)] for o in OUTPUTS}
    i = 0
    for pts, moved in trajs:
        for m, j in enumerate(moved):
            for o in OUTPUTS:
                ee[o][j].append((runs[i + m + 1][o] - runs[i + m][o]) / delta)
        i += len(pts)
    table = []
    for j, (key, _, _, _) in enumerate(FREE):
        row = {"key": key, "box": list(box[j]), "effects": {}}
        for o in OUTPUTS:
            e = np.array(ee[o][j])
            row["effects"][o] = {"mustar": float(np.abs(e).mean()), "sigma": float(e.std(ddof=1)),
                                 "mu": float(e.mean())}
        row["identified_by"] = [o for o in TARGETS if row["effects"][o]["mustar"] > floor[o]]
        table.append(row)
    out = {"chosen": chosen, "trajectories": a.trajectories, "levels": a.levels, "delta": delta,
           "runs": len(jobs), "wall_seconds": round(time.time() - t0, 1), "noise_seeds": NOISE_SEEDS,
           "noise_floor": floor, "parameters": table,
           "unidentified": [r["key"] for r in table if not r["identified_by"]]}
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for r in table:
        print(f"{r['key']:32s} objective mu* {r['effects']['objective']['mustar']:5.2f} pp; "
              f"identified by: {', '.join(r['identified_by']) or 'NONE'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
