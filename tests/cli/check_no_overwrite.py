#!/usr/bin/python3
"""`placesim run` never replaces an existing output unless --overwrite is given: without it the
run stops before any work with exit code 2 and the file is untouched; with it the file is
replaced by a finished HDF5 file and nothing else is left in the directory.

usage: check_no_overwrite.py PLACESIM WORKDIR"""
import os
import shutil
import subprocess
import sys

SMALL = ["--preset", "silo-vs-relational", "--days", "3", "--set", "place.citizens=400", "--quiet"]


def main(exe, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    out = os.path.join(work, "out.h5")
    precious = b"an earlier result that must survive\n"
    with open(out, "wb") as f:
        f.write(precious)
    problems = []

    r = subprocess.run([exe, "run", *SMALL, "--out", out], capture_output=True, text=True, timeout=120)
    print("without --overwrite:", r.returncode, r.stderr.strip())
    if r.returncode != 2:
        problems.append(f"without --overwrite: exit code {r.returncode}, expected 2")
    if "--overwrite" not in r.stderr or out not in r.stderr:
        problems.append("without --overwrite: stderr should name the file and --overwrite")
    with open(out, "rb") as f:
        if f.read() != precious:
            problems.append("without --overwrite: the existing file was changed")
    if os.listdir(work) != ["out.h5"]:
        problems.append(f"without --overwrite: directory holds {os.listdir(work)}")

    r = subprocess.run([exe, "run", *SMALL, "--out", out, "--overwrite"], capture_output=True,
                       text=True, timeout=120)
    print("with --overwrite:", r.returncode, r.stderr.strip())
    if r.returncode != 0:
        problems.append(f"with --overwrite: exit code {r.returncode}, expected 0")
    with open(out, "rb") as f:
        if f.read(8) != b"\x89HDF\r\n\x1a\n":
            problems.append("with --overwrite: the file is not an HDF5 file")
    if os.listdir(work) != ["out.h5"]:
        problems.append(f"with --overwrite: directory holds {os.listdir(work)}")

    missing_dir = os.path.join(work, "no", "such", "dir", "out.h5")
    r = subprocess.run([exe, "run", *SMALL, "--out", missing_dir], capture_output=True, text=True,
                       timeout=120)
    print("missing directory:", r.returncode, r.stderr.strip())
    if r.returncode != 2 or "does not exist" not in r.stderr:
        problems.append(f"missing output directory: exit code {r.returncode}, stderr {r.stderr!r}")

    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
