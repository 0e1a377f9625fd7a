#!/usr/bin/python3
"""Text the user gave, echoed in an error message or listed from a sweep file, reaches the
terminal escaped: an ESC (which can recolour or clear a terminal) is printed as \\x1B, never
raw. Each case once printed the raw byte."""
import os
import subprocess
import sys
import tempfile

ESC = "\x1b"
RED = ESC + "[31mred"

# A sweep whose name and levels carry an ESC (written \u001b in TOML).
SWEEP = r"""
[sweep]
name = "q\u001b[31mred"
base = "silo-vs-relational"
replicates = 1

[set]
place.citizens = 1000
run.days = 10

[factorial]
experiment.title = ["a\u001b[2Jb", "c"]
"""


def main(exe, sweep_file):
    cases = [
        (["presets", "show", RED], "unknown preset '\\x1B[31mred'"),
        ([RED], "unknown command '\\x1B[31mred'"),
        (["params", RED], "no key contains '\\x1B[31mred'"),
        (["report", "a.h5", RED], "unexpected argument '\\x1B[31mred'"),
        (["run", "--days", RED, "--out", "never.h5"], "--days '\\x1B[31mred' is not a whole number"),
        (["run", "--set", "life." + RED + "=1", "--out", "never.h5"], "\\x1B[31mred"),
    ]
    listings = [(["sweep", "--config", sweep_file, "--dry-run"], ["q\\x1B[31mred", "a\\x1B[2Jb"])]
    problems = []
    for args, expected in cases:
        r = subprocess.run([exe] + args, capture_output=True, text=True, timeout=60)
        shown = " ".join(args).replace(ESC, "<ESC>")
        print(f"placesim {shown}: exit {r.returncode}, stderr {r.stderr.strip()!r}")
        if r.returncode != 2:
            problems.append(f"placesim {shown}: exit {r.returncode}, expected 2")
        if ESC in r.stderr or ESC in r.stdout:
            problems.append(f"placesim {shown}: a raw ESC reached the terminal")
        if expected not in r.stderr:
            problems.append(f"placesim {shown}: stderr does not contain {expected!r}")
    for args, expected in listings:
        r = subprocess.run([exe] + args, capture_output=True, text=True, timeout=60)
        print(f"placesim {' '.join(args)}: exit {r.returncode}")
        if r.returncode != 0 or ESC in r.stdout or ESC in r.stderr:
            problems.append(f"placesim {' '.join(args)}: exit {r.returncode} or a raw ESC")
        problems += [f"placesim {' '.join(args)}: stdout lacks {e!r}" for e in expected
                     if e not in r.stdout]
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "escape-sweep.toml")
        with open(path, "w") as f:
            f.write(SWEEP)
        sys.exit(main(sys.argv[1], path))
