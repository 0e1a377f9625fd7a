#!/usr/bin/python3
"""Text the user gave, echoed in an error message, reaches the terminal escaped: an ESC (which
can recolour or clear a terminal) is printed as \\x1B, never raw. Each case once printed the
raw byte."""
import subprocess
import sys

ESC = "\x1b"
RED = ESC + "[31mred"


def main(exe):
    cases = [
        (["presets", "show", RED], "unknown preset '\\x1B[31mred'"),
        ([RED], "unknown command '\\x1B[31mred'"),
        (["params", RED], "no key contains '\\x1B[31mred'"),
        (["report", "a.h5", RED], "unexpected argument '\\x1B[31mred'"),
        (["run", "--days", RED, "--out", "never.h5"], "--days '\\x1B[31mred' is not a whole number"),
        (["run", "--set", "life." + RED + "=1", "--out", "never.h5"], "\\x1B[31mred"),
    ]
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
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
