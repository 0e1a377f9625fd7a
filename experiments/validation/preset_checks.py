#!/usr/bin/python3
"""Run every preset at its own size (its own days, people and seed, the default replicates) and
record its expected-direction check (experiment.check) as placesim evaluated it into the file's
/checks group: per clause, pass, the mean paired difference and its 95% interval. Writes
experiments/validation/preset_checks.json; scripts/docs/regenerate_tables.py turns it into the
table of docs/presets.md ("preset-checks").

  /usr/bin/python3 experiments/validation/preset_checks.py --placesim build/placesim [--jobs 2]

The preset tests (tests/presets) run the same checks at 10,000 people to stay fast; this is the
full-size record. Several minutes on 2 cores.
"""
import argparse
import concurrent.futures as cf
import json
import os
import subprocess
import sys
import tempfile
import time

import h5py

HERE = os.path.dirname(os.path.abspath(__file__))


def presets(exe):
    out = subprocess.run([exe, "presets"], check=True, capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def run_one(exe, name, work):
    path = os.path.join(work, name + ".h5")
    t0 = time.time()
    subprocess.run([exe, "run", "--preset", name, "--out", path, "--threads", "1", "--quiet"],
                   check=True)
    with h5py.File(path, "r") as f:
        rec = {"preset": name, "replicates": int(f.attrs.get("replicates", 1)),
               "seconds": round(time.time() - t0, 1), "clauses": []}
        if "checks" in f:
            for k in sorted(f["checks"], key=int):
                a = f["checks"][k].attrs
                rec["clauses"].append({
                    "clause": str(a["clause"]), "pass": bool(a["pass"]),
                    "error": str(a.get("error", "")),
                    "mean_difference": float(a.get("mean_difference", float("nan"))),
                    "ci_low": float(a.get("ci_low", float("nan"))),
                    "ci_high": float(a.get("ci_high", float("nan")))})
    os.remove(path)
    return rec


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--placesim", default="build/placesim")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", default=os.path.join(HERE, "preset_checks.json"))
    a = ap.parse_args()
    exe = os.path.abspath(a.placesim)
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as work, cf.ThreadPoolExecutor(a.jobs) as pool:
        recs = list(pool.map(lambda n: run_one(exe, n, work), presets(exe)))
    for r in recs:
        ok = sum(c["pass"] for c in r["clauses"])
        print(f"{r['preset']:20s} {ok}/{len(r['clauses'])} clauses pass ({r['seconds']} s)")
    with open(a.json, "w") as f:
        json.dump({"placesim": version, "presets": recs}, f, indent=1)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
