#!/usr/bin/python3
"""A run killed with SIGKILL never leaves a file that looks finished: the output is written to
OUT.partial-PID and renamed only when complete. The run is killed twice: while it simulates
(nothing may be left at all) and while it writes (only the .partial-PID file may be left, and
if HDF5 can open it at all it must not carry complete = 1).

usage: check_interrupted_write.py PLACESIM WORKDIR"""
import os
import shutil
import signal
import subprocess
import sys
import time

# Large enough that writing takes a good fraction of a second, short enough to stay fast.
BIG = ["--preset", "silo-vs-relational", "--days", "2", "--set", "place.citizens=300000",
       "--quiet"]


def start(exe, out):
    return subprocess.Popen([exe, "run", *BIG, "--out", out], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def kill(p):
    p.send_signal(signal.SIGKILL)
    p.wait()
    return p.returncode


def main(exe, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    out = os.path.join(work, "out.h5")
    problems = []

    # 1. Killed while simulating: the run has started but nothing is written yet.
    p = start(exe, out)
    time.sleep(0.15)
    rc = kill(p)
    left = os.listdir(work)
    print("killed while simulating: exit", rc, "left", left)
    if rc != -signal.SIGKILL:
        problems.append(f"the first run was not killed mid-run (exit {rc}); make it bigger")
    # Usually nothing is left; on a fast machine the write may just have begun.
    if any(not f.startswith("out.h5.partial-") for f in left):
        problems.append(f"killed early, but the directory holds {left}")
    for f in left:
        os.remove(os.path.join(work, f))

    # 2. Killed while writing: wait for the temporary file, let it grow a little, kill.
    p = start(exe, out)
    partial = f"out.h5.partial-{p.pid}"
    deadline = time.monotonic() + 60
    while not os.path.exists(os.path.join(work, partial)) and p.poll() is None:
        if time.monotonic() > deadline:
            break
        time.sleep(0.002)
    time.sleep(0.02)
    rc = kill(p)
    left = sorted(os.listdir(work))
    print("killed while writing: exit", rc, "left", left)
    if rc != -signal.SIGKILL:
        problems.append(f"the second run finished before it could be killed while writing "
                        f"(exit {rc}); the test proved nothing: make the run bigger")
    if "out.h5" in left:
        problems.append("killed while writing, but out.h5 exists")
    if any(f != partial for f in left):
        problems.append(f"unexpected files after the kill: {left}")
    if partial not in left:
        problems.append("no temporary file was seen: the write did not go through a temporary")
    else:
        try:
            import h5py
            with h5py.File(os.path.join(work, partial), "r") as f:
                if f.attrs.get("complete") == 1:
                    problems.append("the killed temporary file claims complete = 1")
            print("the temporary file opens and has no complete = 1")
        except OSError as e:
            print("the temporary file does not open (expected after SIGKILL):", str(e)[:80])

    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
