#!/usr/bin/python3
"""Runs one command and checks its exit code, its output and the files it leaves: the driver
of the command-line tests registered in tests/CMakeLists.txt.

usage: expect.py --code N [--stderr REGEX]... [--stdout REGEX]... [--absent FILE]... -- CMD...
"""
import argparse
import os
import re
import subprocess
import sys


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        sys.exit("expect.py: put the command after --")
    cut = argv.index("--")
    p = argparse.ArgumentParser()
    p.add_argument("--code", type=int, required=True, help="expected exit code")
    p.add_argument("--stderr", action="append", default=[], help="regex stderr must match")
    p.add_argument("--stdout", action="append", default=[], help="regex stdout must match")
    p.add_argument("--absent", action="append", default=[], help="file that must not exist after")
    p.add_argument("--timeout", type=float, default=120)
    a = p.parse_args(argv[:cut])
    cmd = argv[cut + 1:]
    for f in a.absent:
        if os.path.exists(f):
            os.remove(f)
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=a.timeout)
    problems = []
    if r.returncode != a.code:
        problems.append(f"exit code {r.returncode}, expected {a.code}")
    for rx in a.stderr:
        if not re.search(rx, r.stderr, re.MULTILINE):
            problems.append(f"stderr does not match {rx!r}")
    for rx in a.stdout:
        if not re.search(rx, r.stdout, re.MULTILINE):
            problems.append(f"stdout does not match {rx!r}")
    for f in a.absent:
        if os.path.exists(f):
            problems.append(f"{f} exists but must not")
    print("command:", " ".join(cmd))
    print("exit code:", r.returncode)
    print("--- stdout ---\n" + r.stdout[-4000:])
    print("--- stderr ---\n" + r.stderr[-4000:])
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
