#!/usr/bin/python3
"""Evaluate a preset's expected direction (`experiment.check`) on its HDF5 output.

  /usr/bin/python3 experiments/check_expected.py OUT.h5

A check is `ARM.SERIES.STAT OP ARM.SERIES.STAT` with OP `<` or `>`, several joined by `;`.
SERIES is any dataset under /arms/ARM/series, or `sample_cost_median` / `sample_cost_mean`
(the median / mean cumulative cost of the sampled people, from /arms/ARM/sample/cost). STAT is mean, sum, last or mean_last90
(the mean over the last 90 days). Prints each check with both values; exits 1 if any fails,
2 if the file has no check or a check names something missing.
"""
import re
import sys
import tomllib

import h5py
import numpy as np

TERM = re.compile(r"^\s*([\w-]+)\.(\w+)\.(mean|sum|last|mean_last90)\s*$")


def series(f, arm, name):
    if name == "sample_cost_median":
        return np.median(f[f"arms/{arm}/sample/cost"][:], axis=1)
    if name == "sample_cost_mean":
        return f[f"arms/{arm}/sample/cost"][:].mean(axis=1)
    return f[f"arms/{arm}/series/{name}"][:]


def value(f, term):
    m = TERM.match(term)
    if not m:
        raise ValueError(f"cannot read '{term}' (want ARM.SERIES.STAT)")
    arm, name, stat = m.groups()
    v = series(f, arm, name)
    return {"mean": v.mean(), "sum": v.sum(), "last": v[-1], "mean_last90": v[-90:].mean()}[stat]


def evaluate(path):
    with h5py.File(path, "r") as f:
        cfg = tomllib.loads(f["arms"][list(f["arms"])[0]].attrs["config_toml"])
        check = cfg.get("experiment", {}).get("check", "")
        if not check:
            raise ValueError(f"{path}: no experiment.check")
        results = []
        for clause in filter(None, (c.strip() for c in check.split(";"))):
            op = "<" if "<" in clause else ">"
            left, right = clause.split(op)
            a, b = value(f, left), value(f, right)
            results.append((clause, a, b, a < b if op == "<" else a > b))
        return results


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    try:
        results = evaluate(sys.argv[1])
    except (ValueError, KeyError, OSError) as e:
        print(f"check_expected: {e}", file=sys.stderr)
        return 2
    for clause, a, b, ok in results:
        print(f"{'PASS' if ok else 'FAIL'}  {clause}   ({a:.6g} vs {b:.6g})")
    return 0 if all(ok for *_, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
