#!/usr/bin/python3
"""Held-out report: the chosen point of result.json on seeds the fit never saw.

Runs the complex-needs-team preset with the chosen values on HELDOUT_SEEDS (101-110, disjoint
from the fit seeds 1-4) and writes, per pattern, the mean, SD, min and max over the seeds, the
magnitude verdict (mean within +/-TOLERANCE of the observed value) and, per direction, on how
many seeds it holds, to experiments/calibration/heldout.json.

  /usr/bin/python3 experiments/calibration/heldout.py --placesim build/placesim --jobs 2
  --defaults: use the binary's defaults instead of result.json (after the lead has copied the
              chosen values into core/config.hpp, the two are the same point)
"""
import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from calib_common import (DIRECTIONS, FIT_SEEDS, HELDOUT, HELDOUT_SEEDS, PRESET, RESULT, TARGETS,  # noqa: E402
                          TOLERANCE, check_free, chosen_point, rms, run_many)


def report(runs):
    pats = {}
    for k, t in TARGETS.items():
        v = [r[k] for r in runs]
        m = statistics.fmean(v)
        pats[k] = {"observed": t, "mean": m, "sd": statistics.stdev(v) if len(v) > 1 else 0.0,
                   "min": min(v), "max": max(v), "within": abs(m - t) <= TOLERANCE}
    dirs = {name: sum(bool(ok(r)) for r in runs) for name, ok in DIRECTIONS.items()}
    return pats, dirs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--placesim", default="build/placesim")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--result", default=RESULT, help="result.json of calibrate.py")
    ap.add_argument("--defaults", action="store_true", help="run the binary's defaults, not result.json")
    ap.add_argument("--out", default=HELDOUT)
    a = ap.parse_args()
    check_free(a.placesim)
    point = {} if a.defaults else chosen_point(a.result)
    assert not set(HELDOUT_SEEDS) & set(FIT_SEEDS), "held-out seeds must be disjoint from the fit seeds"
    runs = run_many(a.placesim, [(point, s) for s in HELDOUT_SEEDS], a.jobs)
    pats, dirs = report(runs)
    mean = {k: pats[k]["mean"] for k in TARGETS}
    out = {"preset": PRESET, "seeds": HELDOUT_SEEDS, "point": point,
           "source": "defaults" if a.defaults else os.path.relpath(a.result, os.path.dirname(HELDOUT)),
           "rms": rms(mean), "patterns": pats, "directions": dirs, "per_seed": runs}
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"held-out seeds {HELDOUT_SEEDS[0]}-{HELDOUT_SEEDS[-1]}: RMS {100 * out['rms']:.1f} pp")
    for k, p in pats.items():
        print(f"  {k:26s} mean {100 * p['mean']:6.1f}% sd {100 * p['sd']:4.1f}  observed {100 * p['observed']:6.1f}%"
              f"  {'within' if p['within'] else 'OUTSIDE'}")
    for name, n in dirs.items():
        print(f"  direction {name}: {n}/{len(runs)} seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
