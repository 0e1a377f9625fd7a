#!/usr/bin/python3
"""Untrusted input to `placesim report` and `placesim inspect` (issue 9):
- `report --person N` with N not a citizen of the file exits 2 with a message naming --person,
  the value and the valid range, and writes no report;
- `inspect` prints strings from the file (attribute values, group, dataset and arm names,
  units) with control characters escaped, never a raw ESC to the terminal.

usage: check_report_input.py PLACESIM WORKDIR"""
import os
import shutil
import sys

import h5py

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report_fixtures as fx  # noqa: E402

ESC = "\x1b"


def check_person(exe, work, run_h5, problems):
    with h5py.File(run_h5, "r") as f:
        people = len(f["/arms/silo/citizens/contacts"])
    valid = f"0 to {people - 1}"
    for value in (str(people), "-1", "99999999999"):
        out = os.path.join(work, f"person_{value}.html")
        r = fx.run([exe, "report", run_h5, "-o", out, "--person", value], expect=None)
        print(f"report --person {value}: exit {r.returncode}: {r.stderr.strip()}")
        if r.returncode != 2:
            problems.append(f"--person {value}: exit code {r.returncode}, expected 2")
        if f"--person {value}" not in r.stderr or valid not in r.stderr:
            problems.append(f"--person {value}: message should name --person {value} and the "
                            f"range '{valid}': {r.stderr!r}")
        if os.path.exists(out):
            problems.append(f"--person {value}: wrote {out}")
    out = os.path.join(work, "person_last.html")
    fx.run([exe, "report", run_h5, "-o", out, "--person", str(people - 1)])
    if f"citizen {people - 1} (chosen with --person)" not in open(out, encoding="utf-8").read():
        problems.append(f"--person {people - 1}: the last citizen is not shown")


def check_inspect_escapes(exe, work, run_h5, problems):
    hostile = os.path.join(work, "hostile.h5")
    shutil.copyfile(run_h5, hostile)
    with h5py.File(hostile, "r+") as f:
        f.attrs["experiment"] = f"exp{ESC}[2Jeriment"
        f["/arms/silo/network"].attrs["note"] = f"red{ESC}[31m"
        f["/arms/silo/series/in_crisis"].attrs["units"] = f"person{ESC}]0;title{chr(7)}"
        f.create_dataset(f"odd{ESC}[Hname", data=[1.0])
        f.move("/arms/relational", f"/arms/rel{ESC}[1Aational")
        f.attrs["arms"] = f"silo,rel{ESC}[1Aational"
    r = fx.run([exe, "inspect", hostile])
    if ESC in r.stdout or ESC in r.stderr:
        problems.append("inspect printed a raw ESC from the file")
    if chr(7) in r.stdout:
        problems.append("inspect printed a raw BEL from the file")
    for shown in ("exp\\x1B[2Jeriment", "note=red\\x1B[31m", "person\\x1B]0;title\\x07",
                  "/odd\\x1B[Hname", "rel\\x1B[1Aational"):
        if shown not in r.stdout:
            problems.append(f"inspect: '{shown}' (escaped) missing from the output")


def main(exe, work):
    fx.fresh_dir(work)
    run_h5 = fx.comparison_run(exe, work)
    problems = []
    check_person(exe, work, run_h5, problems)
    check_inspect_escapes(exe, work, run_h5, problems)
    if problems:
        print("\n".join("FAIL: " + p for p in problems))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
