#!/usr/bin/python3
"""`--arm NAME:key=value` changes one arm only (issue 11, teaching): the arm's stored config has
the value and the other arm's keeps its own; it wins over --set for that arm. An unknown arm, a
key every arm shares, a malformed spec and the same key twice for one arm are refused with exit
code 2 naming the option and no file. --set of a key an arm sets prints a note that the arms'
difference is gone.

Usage: check_arm_override.py PLACESIM WORKDIR"""
import os
import subprocess
import sys

import h5py


def run(exe, *args):
    return subprocess.run([exe, "run", *args], capture_output=True, text=True, timeout=120)


def value(f, arm, key):
    """The value of `key` in the arm's stored config (dotted keys, or under [section])."""
    section, name = key.split(".", 1)
    text = f[f"arms/{arm}"].attrs["config_toml"]
    text = text.decode() if isinstance(text, bytes) else text
    current = None
    for line in text.splitlines():
        if line.startswith("["):
            current = line.strip("[]")
        elif line.startswith(f"{key} = ") or (current == section and line.startswith(f"{name} = ")):
            return line.split(" = ", 1)[1]
    return None


def main(exe, work):
    os.makedirs(work, exist_ok=True)
    problems = []
    small = ["--preset", "silo-vs-relational", "--days", "3", "--set", "place.citizens=300",
             "--threads", "1"]
    out = os.path.join(work, "arm.h5")
    if os.path.exists(out):
        os.remove(out)
    r = run(exe, *small, "--set", "silo.threshold=0.4", "--arm", "relational:silo.threshold=0.25",
            "--arm", "silo:groups.funding=0.5", "--out", out)
    if r.returncode != 0:
        problems.append(f"good --arm run: exit {r.returncode}: {r.stderr}")
    else:
        with h5py.File(out, "r") as f:
            got = {(a, k): value(f, a, k) for a in ("silo", "relational")
                   for k in ("silo.threshold", "groups.funding")}
        want = {("silo", "silo.threshold"): "0.4", ("relational", "silo.threshold"): "0.25",
                ("silo", "groups.funding"): "0.5", ("relational", "groups.funding"): "1.0"}
        for k, v in want.items():
            if got[k] != v:
                problems.append(f"arm {k[0]} {k[1]} = {got[k]}, expected {v}")
    note = run(exe, *small, "--set", "relational.coverage=0.5", "--out",
               os.path.join(work, "note.h5"), "--overwrite")
    if "their difference is gone" not in note.stderr or "relational.coverage" not in note.stderr:
        problems.append(f"no note for --set of an arm's key: {note.stderr!r}")
    for args, text in ((["--arm", "nosuch:silo.threshold=0.3"], "no arm named 'nosuch' (arms: silo, relational)"),
                       (["--arm", "silo:run.days=3"], "--arm silo:run.days: key 'run.days' cannot be set in an arm"),
                       (["--arm", "silo.threshold=0.3"], "--arm 'silo.threshold=0.3': expected NAME:key=value"),
                       (["--arm", "silo:silo.threshold=0.3", "--arm", "silo:silo.threshold=0.2"], "give it once"),
                       (["--arm", "silo:silo.threshhold=0.3"], "unknown key 'silo.threshhold'")):
        bad = os.path.join(work, "bad.h5")
        r = run(exe, *small, *args, "--out", bad)
        print(f"{' '.join(args)}: exit {r.returncode}: {r.stderr.strip()!r}")
        if r.returncode != 2 or text not in r.stderr or os.path.exists(bad):
            problems.append(f"{' '.join(args)}: exit {r.returncode}, stderr {r.stderr!r}")
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
