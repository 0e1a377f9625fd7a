#!/usr/bin/python3
"""The root `threads` attribute records the threads that really ran: --threads 64 asks for
more than this machine has, and TBB gives an arena no more workers than its concurrency
(it recorded 64 on a 2-core machine).

usage: check_threads_recorded.py PLACESIM WORKDIR
"""
import os
import subprocess
import sys

import h5py


def main():
    exe, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    out = os.path.join(work, "threads64.h5")
    asked = 64
    have = len(os.sched_getaffinity(0))
    if have >= asked:
        print(f"skipped: this machine has {have} threads, not fewer than {asked}")
        return 77  # SKIP_RETURN_CODE in tests/CMakeLists.txt
    subprocess.run([exe, "run", "--days", "3", "--set", "place.citizens=300",
                    "--set", "place.neighbourhoods=3", "--threads", str(asked), "--quiet",
                    "--overwrite", "--out", out], check=True)
    with h5py.File(out, "r") as f:
        recorded = int(f.attrs["threads"])
    if not 1 <= recorded <= have:
        print(f"threads attribute is {recorded}; expected 1..{have} (the machine's concurrency)")
        return 1
    print(f"ok: asked {asked}, recorded {recorded}, machine {have}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
