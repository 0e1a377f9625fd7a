#!/usr/bin/python3
"""The calibration pipeline runs end to end on a tiny budget, and keeps its promises.

  test_pipeline.py PLACESIM

Checks: at most 8 free parameters, each a key of the binary with bounds in its allowed range;
fit and held-out seeds disjoint; calibrate.py, heldout.py and identify.py run and write the
fields that scripts/docs/regenerate_tables.py reads; the chosen point lies inside the box.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CAL = os.path.join(HERE, "..", "..", "experiments", "calibration")
sys.path.insert(0, CAL)
from calib_common import FIT_SEEDS, FREE, HELDOUT_SEEDS, check_free  # noqa: E402


def main():
    exe = sys.argv[1]
    failed = 0

    def check(cond, what):
        nonlocal failed
        print(("PASS " if cond else "FAIL ") + what)
        failed += not cond

    check(len(FREE) <= 8, f"{len(FREE)} free parameters (at most 8)")
    check_free(exe)  # exits non-zero with a message if a key is unknown or out of range
    check(not set(FIT_SEEDS) & set(HELDOUT_SEEDS) and len(HELDOUT_SEEDS) >= 10, "held-out seeds disjoint, >= 10")
    py = sys.executable
    with tempfile.TemporaryDirectory() as d:
        res, ho, idf = (os.path.join(d, n) for n in ("result.json", "heldout.json", "identify.json"))
        subprocess.run([py, os.path.join(CAL, "calibrate.py"), "--placesim", exe, "--points", "4", "--top", "2",
                        "--refine", "2", "--out", res], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([py, os.path.join(CAL, "heldout.py"), "--placesim", exe, "--result", res, "--out", ho],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([py, os.path.join(CAL, "identify.py"), "--placesim", exe, "--result", res, "--out", idf,
                        "--trajectories", "2"], check=True, stdout=subprocess.DEVNULL)
        r, h, i = (json.load(open(p)) for p in (res, ho, idf))
        for key, lo, hi, _ in FREE:
            check(lo <= r["chosen"][key] <= hi, f"chosen {key} inside its box")
        check(r["chosen_objective"] <= r["defaults_objective"] + 1e-12 or r["chosen"] == {f["key"]: f["default"] for f in r["free"]},
              "chosen point no worse than the defaults on the fit seeds")
        check(h["seeds"] == HELDOUT_SEEDS and h["point"] == r["chosen"], "held-out report runs the chosen point")
        check(all(p["sd"] >= 0 and p["min"] <= p["mean"] <= p["max"] for p in h["patterns"].values()),
              "held-out mean lies between min and max")
        check(len(i["parameters"]) == len(FREE) and all("identified_by" in p for p in i["parameters"]),
              "identification covers every free parameter")
    print(f"{failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
