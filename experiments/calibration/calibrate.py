#!/usr/bin/python3
"""Calibrate the complex-needs-team preset against the six patterns of MODEL.md section 1.

A two-stage grid search over a small set of free parameters: every grid point is run on one
seed, then the best TOP points on several seeds (common random numbers between the two arms of
a seed); a point is scored by the root mean square distance, in percentage points, between the
mean simulated patterns and the observed ones.
This script and its test are the only code that knows the observed numbers.

  /usr/bin/python3 experiments/calibration/calibrate.py --placesim build/placesim --seeds 4
"""
import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from patterns import patterns  # noqa: E402

# Observed in the real team (MODEL.md section 1), as fractions.
TARGETS = {
    "assessments_change": -0.64,
    "staff_change": -0.32,
    "referrals_change": -0.41,
    "hours_change": -0.14,
    "face_to_face_silo": 0.46,
    "face_to_face_relational": 0.60,
    "returning_silo": 0.71,
    "returning_relational": 0.0,
}
TOLERANCE = 0.10  # +/- 10 percentage points

# The free parameters and the values searched. Everything else keeps its documented default.
GRID = {
    "relational.pull_level": [0.3, 0.4],
    "mechanics.generalist_match": [0.5, 0.6],
    "silo.pull_hours": [1.0, 1.5],  # pulls are served under the expert department's rules
    "demand.contact_prob": [0.8, 1.0],
    "silo.notice_prob": [0.3, 0.4],
    "silo.recording_share": [0.6, 0.8],
    "silo.transaction_level": [0.6, 0.7],
}
# Set for every run of the search (chosen in earlier, wider searches; docs/calibration.md).
FIXED = {}
TOP = 12  # grid points re-run on every seed in the second stage


def run_point(placesim, sets, seed, workdir):
    out = os.path.join(workdir, f"p{abs(hash((tuple(sets), seed)))}.h5")
    cmd = [placesim, "run", "--preset", "complex-needs-team", "--seed", str(seed), "--threads", "1",
           "--out", out, "--overwrite", "--quiet"]
    for s in sets:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True)
    p = patterns(out)
    os.remove(out)
    return p


def evaluate(placesim, point, seeds, workdir):
    sets = [f"{k}={v}" for k, v in {**FIXED, **point}.items()]
    runs = [run_point(placesim, sets, seed, workdir) for seed in seeds]
    mean = {k: sum(r[k] for r in runs) / len(runs) for k in TARGETS}
    rms = (sum((mean[k] - TARGETS[k]) ** 2 for k in TARGETS) / len(TARGETS)) ** 0.5
    return rms, mean


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--placesim", default="build/placesim", help="path to the placesim binary")
    ap.add_argument("--seeds", type=int, default=4, help="replicates per grid point")
    ap.add_argument("--jobs", type=int, default=2, help="grid points run at once")
    ap.add_argument("--json", help="write every grid point's result here")
    args = ap.parse_args()
    seeds = list(range(1, args.seeds + 1))
    points = [dict(zip(GRID, vals)) for vals in itertools.product(*GRID.values())]
    with tempfile.TemporaryDirectory() as work, ThreadPoolExecutor(args.jobs) as pool:
        # Stage 1: every grid point on the first seed; stage 2: the best TOP on every seed.
        first = list(pool.map(lambda p: (p, *evaluate(args.placesim, p, seeds[:1], work)), points))
        first.sort(key=lambda r: r[1])
        best = [p for p, _, _ in first[:TOP]]
        results = list(pool.map(lambda p: (p, *evaluate(args.placesim, p, seeds, work)), best))
    results.sort(key=lambda r: r[1])
    if args.json:
        with open(args.json, "w") as f:
            json.dump([{"point": p, "rms": r, "mean": m} for p, r, m in results], f, indent=1)
    best, rms, mean = results[0]
    print(f"grid points: {len(points)} on seed {seeds[0]}; best {TOP} re-run on seeds {seeds}")
    print("best point:", " ".join(f"{k}={v}" for k, v in best.items()))
    print(f"RMS distance: {100 * rms:.1f} percentage points")
    print(f"{'pattern':28s} {'simulated':>10s} {'observed':>10s} {'within 10pp':>12s}")
    for k, t in TARGETS.items():
        ok = abs(mean[k] - t) <= TOLERANCE
        print(f"{k:28s} {100 * mean[k]:9.1f}% {100 * t:9.1f}% {'yes' if ok else 'no':>12s}")


if __name__ == "__main__":
    main()
