#!/usr/bin/python3
"""Show a preset's expected direction (`experiment.check`) as placesim evaluated it.

  /usr/bin/python3 experiments/check_expected.py OUT.h5

placesim evaluates the checks when it writes the file (sim/replicate_output.cpp) and stores
them in /checks, one group per clause: the left and right terms per replicate, the mean of
left - right with its 95% interval, and PASS or FAIL. This script reads those numbers and
never recomputes them, so it, the report and the preset tests agree by construction.

A check is `ARM.SERIES.STAT OP ARM.SERIES.STAT` with OP `<` or `>`, several joined by `;`.
A clause passes when the mean over replicates of left - right has the stated sign.
Prints each check with both values; exits 1 if any fails, 2 if the file has no check or a
check names something missing.
"""
import math
import sys

import h5py
import numpy as np


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def evaluate(path):
    """[(clause, left mean, right mean, passed, (ci_low, ci_high))] from the file's /checks."""
    with h5py.File(path, "r") as f:
        if "checks" not in f:
            raise ValueError(f"{path}: no /checks (no experiment.check, or a file written by a "
                             "placesim before checks were stored)")
        g = f["checks"]
        results = []
        for i in range(int(g.attrs["clauses"])):
            c = g[str(i)]
            clause = text(c.attrs["clause"])
            err = text(c.attrs.get("error", ""))
            if err:
                raise ValueError(f"{clause}: {err}")
            a, b = float(np.mean(c["left"][:])), float(np.mean(c["right"][:]))
            ci = (float(c.attrs["ci_low"]), float(c.attrs["ci_high"]))
            results.append((clause, a, b, bool(c.attrs["pass"]), ci))
        return results


def describe(clause, a, b, ok, ci):
    interval = "one replicate: no interval" if math.isnan(ci[0]) else \
        f"left-right 95% CI {ci[0]:.6g} to {ci[1]:.6g}"
    return f"{'PASS' if ok else 'FAIL'}  {clause}   ({a:.6g} vs {b:.6g}; {interval})"


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    try:
        results = evaluate(sys.argv[1])
    except (ValueError, KeyError, OSError) as e:
        print(f"check_expected: {e}", file=sys.stderr)
        return 2
    for r in results:
        print(describe(*r))
    return 0 if all(r[3] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
