#!/usr/bin/python3
"""The calibration case (complex-needs-team) against the observed patterns of MODEL.md section 1.

  test_calibration.py PLACESIM directions   each of seeds 1-3: every pattern in its direction
  test_calibration.py PLACESIM magnitudes   mean over seeds 1-4: within TOLERANCE of each target

Targets and tolerance come from experiments/calibration/calibrate.py (the only other code
that knows them). Patterns listed in KNOWN_GAPS are reported but not asserted in the
magnitude test; docs/calibration.md says why.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "experiments", "calibration"))
from calibrate import TARGETS, TOLERANCE  # noqa: E402
from patterns import patterns  # noqa: E402

# Observed direction of each pattern under the relational design.
DIRECTIONS = {
    "assessments_change": lambda p: p["assessments_change"] < 0,
    "staff_change": lambda p: p["staff_change"] < 0,
    "referrals_change": lambda p: p["referrals_change"] < 0,
    "hours_change": lambda p: p["hours_change"] < 0,
    "face_to_face": lambda p: p["face_to_face_relational"] > p["face_to_face_silo"],
    "returning": lambda p: p["returning_relational"] < p["returning_silo"],
}
KNOWN_GAPS: set = set()


def run(placesim, seed, workdir):
    out = os.path.join(workdir, f"seed{seed}.h5")
    subprocess.run([placesim, "run", "--preset", "complex-needs-team", "--seed", str(seed),
                    "--out", out, "--quiet"], check=True)
    return patterns(out)


def main():
    placesim, mode = sys.argv[1], sys.argv[2]
    passed = failed = 0
    with tempfile.TemporaryDirectory() as d:
        if mode == "directions":
            for seed in (1, 2, 3):
                p = run(placesim, seed, d)
                for name, ok in DIRECTIONS.items():
                    good = ok(p)
                    print(f"{'PASS' if good else 'FAIL'} seed {seed} {name}")
                    passed, failed = passed + good, failed + (not good)
        else:
            runs = [run(placesim, seed, d) for seed in (1, 2, 3, 4)]
            for k, target in TARGETS.items():
                mean = sum(r[k] for r in runs) / len(runs)
                within = abs(mean - target) <= TOLERANCE
                gap = k in KNOWN_GAPS
                tag = "PASS" if within else ("GAP " if gap else "FAIL")
                print(f"{tag} {k}: simulated {100 * mean:.1f}%, observed {100 * target:.1f}%")
                if not gap or within:
                    passed, failed = passed + within, failed + (not within)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
