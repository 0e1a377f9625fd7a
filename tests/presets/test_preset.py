#!/usr/bin/python3
"""Run one preset at a small size and assert its documented expected direction.

  test_preset.py PLACESIM PRESET CITIZENS

Presets bigger than CITIZENS are shrunk to CITIZENS people (neighbourhoods kept); everything
else, including the number of days, is the preset's own. Exits non-zero if the run fails or
any check of experiment.check fails.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "experiments"))
from check_expected import describe, evaluate  # noqa: E402


def main():
    placesim, preset, citizens = sys.argv[1], sys.argv[2], int(sys.argv[3])
    shown = subprocess.run([placesim, "presets", "show", preset], check=True, capture_output=True, text=True)
    size = None
    for line in shown.stdout.splitlines():
        if line.strip().startswith("citizens ="):
            size = int(line.split("=")[1].split("#")[0])
    # One replicate keeps the suite fast and asserts what the single run asserted before
    # replicates existed (replicate 0 runs on the preset's own seed).
    cmd = [placesim, "run", "--preset", preset, "--quiet", "--replicates", "1"]
    if size and size > citizens:
        cmd += ["--set", f"place.citizens={citizens}"]
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "out.h5")
        subprocess.run(cmd + ["--out", out], check=True)
        results = evaluate(out)
    failed = 0
    for r in results:
        print(describe(*r))
        failed += not r[3]
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
