#!/usr/bin/python3
"""A run killed with SIGKILL never leaves a file that looks finished: the output is written to
OUT.partial-PID (created, empty, before simulating) and renamed only when complete. The run is
killed twice: early and once the temporary exists (only the .partial-PID file may be left, and
if HDF5 can open it at all it must not carry complete = 1). The next run of the same output
removes what a dead process left (and a planted OUT.partial-99999999), but not the temporary of
a live process. SIGINT, SIGTERM and SIGHUP during a run leave nothing.

usage: check_interrupted_write.py PLACESIM WORKDIR"""
import os
import shutil
import signal
import subprocess
import sys
import time

# Large enough that writing takes a good fraction of a second, short enough to stay fast.
BIG = ["--preset", "silo-vs-relational", "--days", "2", "--set", "place.citizens=300000",
       "--quiet", "--replicates", "1"]


def start(exe, out):
    return subprocess.Popen([exe, "run", *BIG, "--out", out], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def kill(p):
    p.send_signal(signal.SIGKILL)
    p.wait()
    return p.returncode


def wait_for(path, p, seconds=60):
    deadline = time.monotonic() + seconds
    while not os.path.exists(path) and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    return os.path.exists(path)


def stale_removed(exe, work, out, left):
    """`left` is what the SIGKILL left behind; its process is dead."""
    problems = []
    planted = out + ".partial-99999999"  # above any pid_max: no such process
    alive = f"{out}.partial-{os.getpid()}"  # this script is alive
    other = os.path.join(work, "other.h5.partial-99999999")  # another output's
    for f in (planted, alive, other):
        with open(f, "w") as fh:
            fh.write("partial")
    r = subprocess.run([exe, "run", "--preset", "silo-vs-relational", "--days", "2", "--set",
                        "place.citizens=400", "--quiet", "--out", out], capture_output=True,
                       text=True, timeout=120)
    after = sorted(os.listdir(work))
    print("next run of the same output: exit", r.returncode, "left", after)
    want = sorted(["out.h5", os.path.basename(alive), os.path.basename(other)])
    if r.returncode != 0 or after != want:
        problems.append(f"stale temporaries: expected {want} after the next run (the dead "
                        f"process's {left} and {os.path.basename(planted)} removed), got {after}")
    for f in os.listdir(work):
        os.remove(os.path.join(work, f))
    return problems


def signals_clean_up(exe, work, out):
    problems = []
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        p = start(exe, out)
        seen = wait_for(f"{out}.partial-{p.pid}", p)
        p.send_signal(sig)
        p.wait()
        left = os.listdir(work)
        print(f"{sig.name} during the run: exit {p.returncode}, left {left}")
        if not seen or p.returncode != -sig:
            problems.append(f"{sig.name}: the run was not interrupted while its temporary "
                            f"existed (seen {seen}, exit {p.returncode})")
        if left:
            problems.append(f"{sig.name}: left {left}")
            for f in left:
                os.remove(os.path.join(work, f))
    return problems


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

    # 2. Killed once the temporary file exists (it is created before simulating).
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
    print("killed with the temporary present: exit", rc, "left", left)
    if rc != -signal.SIGKILL:
        problems.append(f"the second run finished before it could be killed "
                        f"(exit {rc}); the test proved nothing: make the run bigger")
    if "out.h5" in left:
        problems.append("killed with the temporary present, but out.h5 exists")
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

    problems += stale_removed(exe, work, out, left)
    problems += signals_clean_up(exe, work, out)

    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
