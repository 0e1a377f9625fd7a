#!/usr/bin/python3
"""Redo the whole calibration and validation analysis after a model change, in order, and
regenerate the docs tables: the one command to run after merging (about 10 minutes on 2 cores
with the 2026-11-30 model).

  /usr/bin/python3 experiments/calibration/run_all.py --placesim build/placesim [--jobs 2] [--skip-fit]

Steps (each writes its committed result file):
  1 calibrate.py        experiments/calibration/result.json   (fit seeds only)
  2 heldout.py          experiments/calibration/heldout.json  (chosen point, held-out seeds)
  3 identify.py         experiments/calibration/identify.json (Morris around the fit)
  4 complexity_dial.py  experiments/validation/complexity_dial.json
  5 sensitivity.py      experiments/validation/sensitivity.json
  6 preset_checks.py    experiments/validation/preset_checks.json (every preset at full size)
  7 scripts/docs/regenerate_tables.py (docs/calibration.md, docs/validation.md, docs/presets.md)
--skip-fit keeps result.json and starts at step 2 (e.g. after copying the chosen values into the
defaults, run with --skip-fit --defaults so the held-out report describes the defaults).
The typed interpretation next to each table is NOT regenerated: reread it against the new tables.
"""
import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
VAL = os.path.join(ROOT, "experiments", "validation")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--placesim", default="build/placesim")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--skip-fit", action="store_true")
    ap.add_argument("--defaults", action="store_true", help="held-out report of the binary's defaults")
    a = ap.parse_args()
    exe = os.path.abspath(a.placesim)
    py = sys.executable
    j = ["--jobs", str(a.jobs)]
    steps = [] if a.skip_fit else [[py, os.path.join(HERE, "calibrate.py"), "--placesim", exe, *j]]
    steps += [
        [py, os.path.join(HERE, "heldout.py"), "--placesim", exe, *j] + (["--defaults"] if a.defaults else []),
        [py, os.path.join(HERE, "identify.py"), "--placesim", exe, *j],
        [py, os.path.join(VAL, "complexity_dial.py"), "--placesim", exe, *j],
        [py, os.path.join(VAL, "sensitivity.py"), "--placesim", exe, *j,
         "--json", os.path.join(VAL, "sensitivity.json")],
        [py, os.path.join(VAL, "preset_checks.py"), "--placesim", exe, *j],
        [py, os.path.join(ROOT, "scripts", "docs", "regenerate_tables.py")],
    ]
    for cmd in steps:
        t0 = time.time()
        print("==>", " ".join(os.path.relpath(c, ROOT) if c.startswith(ROOT) else c for c in cmd), flush=True)
        subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL if "sensitivity.py" in cmd[1] else None)
        print(f"    {time.time() - t0:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
