#!/usr/bin/env python3
"""Sweeps driven from outside, as a user meets them.

usage: check_sweep.py PLACESIM WORKDIR SCENARIO [PLACESIM_MPI]

Scenarios:
  full     a sweep with a failing combination: exit code 1, one summary row per run, the
           failing rows carry their error, the others their outcomes; pandas reads it in one line
  shards   three shards and sweep-merge give the summary of the full sweep; merge refuses while
           a shard is missing and when shards of different N claim the same runs
  resume   a sweep killed with SIGKILL (twice, at different points) and started again finishes
           with the summary of an uninterrupted sweep, without redoing finished runs
  changed  a restart with a changed sweep file is refused (exit 2) and --overwrite starts afresh
  mpi      mpirun -np 2 and -np 3 give the summary of the serial sweep
  slurm    scripts/slurm-sweep.sh in shard and merge modes gives the summary of the full sweep
  examples every sweep file in experiments/sweeps/ is valid and resolves every run
  diskfull the writes of every run fail (a 256 KB tmpfs, or RLIMIT_FSIZE where mounting is not
           allowed): exit 1, no crash, no run file, a .failed record per run; with space freed
           the restart redoes every run and gives the summary of an undisturbed sweep
  unfinished  a run file truncated by hand, or without its `complete` attribute, is removed and
           redone on restart (said on stderr); a complete file of another run is refused
  overwrite   --overwrite deletes the sweep's own files only: strays in DIR, runs/ and shards/
           survive, shard tables and run files go
"""
import glob
import os
import resource
import shutil
import signal
import subprocess
import sys
import time

import h5py
import numpy as np
import pandas as pd

EXE, WORK, SCENARIO = sys.argv[1], sys.argv[2], sys.argv[3]
MPI_EXE = sys.argv[4] if len(sys.argv) > 4 else ""

SWEEP = """
[sweep]
name = "check"
base = "silo-vs-relational"
replicates = 2

[set]
place.citizens = {citizens}
place.neighbourhoods = 4
run.days = {days}

[factorial]
life.cause_push = [0.01, 0.03]
life.crisis_rearm = [0.5, {rearm}]   # 0.9 is above life.crisis_level: those runs fail

[lhs]
samples = 3
seed = 11
demand.trust_initial = {{ min = 0.2, max = 0.9 }}
"""


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def sweep_file(name, citizens=500, days=30, rearm=0.9):
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, name)
    with open(path, "w") as f:
        f.write(SWEEP.format(citizens=citizens, days=days, rearm=rearm))
    return path


def fresh(name):
    d = os.path.join(WORK, name)
    shutil.rmtree(d, ignore_errors=True)
    return d


def placesim(*args, expect=None):
    try:
        p = subprocess.run([EXE, *args], capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        fail(f"placesim {' '.join(args)} did not finish in 120 s")
    if expect is not None and p.returncode != expect:
        fail(f"placesim {' '.join(args)} exited {p.returncode}, expected {expect}\n{p.stderr}")
    return p


def table(path):
    return h5py.File(path, "r")["runs"][:]


def same_table(a, b, what):
    if a.dtype.names != b.dtype.names:
        fail(f"{what}: columns differ: {a.dtype.names} vs {b.dtype.names}")
    if len(a) != len(b):
        fail(f"{what}: {len(a)} rows vs {len(b)}")
    for n in a.dtype.names:
        eq = np.array_equal(a[n], b[n], equal_nan=a[n].dtype.kind == "f")
        if not eq:
            fail(f"{what}: column {n} differs:\n{a[n]}\n{b[n]}")


def reference(cfg, threads="2"):
    d = fresh("reference-" + os.path.basename(cfg))
    placesim("sweep", "--config", cfg, "--out", d, "--threads", threads, "--quiet", expect=1)
    return d


def scenario_full():
    cfg = sweep_file("full.toml")
    d = fresh("full")
    p = placesim("sweep", "--config", cfg, "--out", d, "--threads", "2", expect=1)
    if "12 runs failed" not in p.stderr:
        fail("the exit message does not say how many runs failed:\n" + p.stderr)
    df = pd.DataFrame(h5py.File(os.path.join(d, "summary.h5"))["runs"][:])
    if len(df) != 2 * 2 * 3 * 2:
        fail(f"{len(df)} rows, expected 24")
    status = df["status"].str.decode("utf-8")
    bad = df["life.crisis_rearm"] > 0.85
    if not (status[bad] == "failed").all() or not (status[~bad] == "ok").all():
        fail("statuses do not match the failing combination")
    if not df.loc[bad, "error"].str.decode("utf-8").str.contains("crisis_rearm").all():
        fail("failed rows do not carry their error")
    arms = [c for c in df.columns if c.endswith("/wellbeing_mean_final")]
    if not arms or df.loc[~bad, arms].isna().any().any():
        fail("finished runs lack their outcomes")
    if not df.loc[bad, [c for c in df.columns if "/" in c]].isna().all().all():
        fail("failed runs have outcomes")
    seeds = df["seed"] - df["replicate"]
    if seeds.nunique() != 1:
        fail("seed is not base seed + replicate")
    runs = h5py.File(os.path.join(d, "summary.h5"))["runs"]
    if runs.attrs["life.cause_push"] in (b"", ""):
        fail("no unit attribute for a parameter column")
    for rid in df.loc[~bad, "run_id"].str.decode("utf-8"):
        if not os.path.exists(os.path.join(d, "runs", rid + ".h5")):
            fail(f"no output file for {rid}")
    print("ok: full")


def scenario_shards():
    cfg = sweep_file("shards.toml")
    ref = reference(cfg)
    d = fresh("shards")
    placesim("sweep", "--config", cfg, "--out", d, "--shard", "0/3", "--quiet", "--threads", "1", expect=1)
    placesim("sweep", "--config", cfg, "--out", d, "--shard", "2/3", "--quiet", "--threads", "1", expect=1)
    p = placesim("sweep-merge", d, expect=1)
    if "have no result yet" not in p.stderr or "p000-r01" not in p.stderr:
        fail("merge with a shard missing did not list the missing runs:\n" + p.stderr)
    if os.path.exists(os.path.join(d, "summary.h5")):
        fail("merge wrote a summary while runs were missing")
    placesim("sweep", "--config", cfg, "--out", d, "--shard", "1/3", "--quiet", "--threads", "1", expect=1)
    placesim("sweep-merge", d, expect=1)  # complete, but some runs failed: exit 1
    same_table(table(os.path.join(d, "summary.h5")), table(os.path.join(ref, "summary.h5")), "merged shards")
    # Each shard ran only its share: the shard tables are disjoint and cover every run.
    ids = []
    for f in sorted(os.listdir(os.path.join(d, "shards"))):
        ids += [x.decode() for x in table(os.path.join(d, "shards", f))["run_id"]]
    if len(ids) != 24 or len(set(ids)) != 24:
        fail(f"shard tables hold {len(ids)} ids, {len(set(ids))} distinct")
    # A shard run again with another N claims runs another shard already claimed.
    placesim("sweep", "--config", cfg, "--out", d, "--shard", "0/2", "--quiet", expect=1)
    p = placesim("sweep-merge", d, expect=1)
    if "claimed by more than one shard" not in p.stderr:
        fail("merge did not report duplicated runs:\n" + p.stderr)
    print("ok: shards")


def wait_for_runs(d, at_least, proc):
    runs = os.path.join(d, "runs")
    while proc.poll() is None:
        if os.path.isdir(runs) and len([f for f in os.listdir(runs) if f.endswith(".h5")]) >= at_least:
            return True
        time.sleep(0.005)
    return False


def scenario_resume():
    # Bigger runs than elsewhere, so that the kill lands while runs are going.
    cfg = sweep_file("resume.toml", citizens=3000, days=60)
    ref = reference(cfg)
    d = fresh("resume")
    cmd = [EXE, "sweep", "--config", cfg, "--out", d, "--threads", "2", "--quiet"]
    killed_at = []
    for at_least in (2, 6):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if wait_for_runs(d, at_least, proc):
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            killed_at.append(at_least)
        else:
            proc.wait()
    runs = os.path.join(d, "runs")
    before = {f: os.stat(os.path.join(runs, f)) for f in os.listdir(runs) if f.endswith(".h5")}
    if not killed_at or len(before) >= 12:
        fail(f"the sweep finished before it could be killed ({len(before)} runs done); make runs bigger")
    if os.path.exists(os.path.join(d, "summary.h5")):
        fail("a killed sweep left a summary")
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 1:
        fail(f"restart exited {p.returncode}\n{p.stderr}")
    same_table(table(os.path.join(d, "summary.h5")), table(os.path.join(ref, "summary.h5")), "resumed sweep")
    for f, st in before.items():
        now = os.stat(os.path.join(runs, f))
        if (now.st_ino, now.st_mtime_ns) != (st.st_ino, st.st_mtime_ns):
            fail(f"{f} was finished before the kill but was run again")
    leftovers = [f for f in os.listdir(runs) if ".partial-" in f or ".tmp-" in f]
    if leftovers:
        fail(f"temporary files left behind: {leftovers}")
    print(f"ok: resume (killed after {killed_at} runs; {len(before)} kept)")


def scenario_changed():
    cfg = sweep_file("changed.toml")
    d = fresh("changed")
    placesim("sweep", "--config", cfg, "--out", d, "--quiet", expect=1)
    summary = table(os.path.join(d, "summary.h5"))
    sweep_file("changed.toml", rearm=0.8)
    p = placesim("sweep", "--config", cfg, "--out", d, "--quiet", expect=2)
    if "holds results of a different sweep" not in p.stderr or "--overwrite" not in p.stderr:
        fail("a changed sweep was not refused with a clear message:\n" + p.stderr)
    same_table(table(os.path.join(d, "summary.h5")), summary, "summary after a refused restart")
    placesim("sweep", "--config", cfg, "--out", d, "--quiet", "--overwrite", expect=0)
    t = table(os.path.join(d, "summary.h5"))
    if not (t["status"] == b"ok").all() or not np.allclose(np.unique(t["life.crisis_rearm"]), [0.5, 0.8]):
        fail("--overwrite did not start the changed sweep afresh")
    print("ok: changed")


def scenario_mpi():
    if not MPI_EXE or not os.path.exists(MPI_EXE):
        fail("placesim-mpi not built")
    cfg = sweep_file("mpi.toml")
    ref = reference(cfg, threads="1")
    for np_ in ("2", "3"):
        d = fresh("mpi-" + np_)
        p = subprocess.run(["mpirun", "--allow-run-as-root", "--oversubscribe", "-np", np_, MPI_EXE,
                            "--config", cfg, "--out", d, "--quiet"], capture_output=True, text=True)
        if p.returncode != 1:  # the failing combination
            fail(f"mpirun -np {np_} exited {p.returncode}\n{p.stdout}\n{p.stderr}")
        same_table(table(os.path.join(d, "summary.h5")), table(os.path.join(ref, "summary.h5")), f"mpi -np {np_}")
    print("ok: mpi")


REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def scenario_slurm():
    # The job-array script's shard and merge modes, run here as Slurm would run them.
    cfg = sweep_file("slurm.toml")
    ref = reference(cfg)
    d = fresh("slurm")
    script = os.path.join(REPO, "scripts", "slurm-sweep.sh")
    for task in range(3):
        env = dict(os.environ, PLACESIM=EXE, SLURM_ARRAY_TASK_ID=str(task), SLURM_CPUS_PER_TASK="1")
        p = subprocess.run(["bash", script, "shard", cfg, d, "3"], env=env, capture_output=True, text=True)
        if p.returncode != 1:  # the failing combination
            fail(f"array task {task} exited {p.returncode}\n{p.stderr}")
    p = subprocess.run(["bash", script, "merge", d], env=dict(os.environ, PLACESIM=EXE), capture_output=True, text=True)
    if p.returncode != 1 or "24 runs" not in p.stderr:
        fail(f"merge exited {p.returncode}\n{p.stderr}")
    same_table(table(os.path.join(d, "summary.h5")), table(os.path.join(ref, "summary.h5")), "slurm shards")
    print("ok: slurm")


def scenario_examples():
    # The example sweep files of experiments/sweeps/ stay valid as parameters change.
    folder = os.path.join(REPO, "experiments", "sweeps")
    files = sorted(f for f in os.listdir(folder) if f.endswith(".toml"))
    if not files:
        fail("no example sweeps")
    for f in files:
        p = placesim("sweep", "--config", os.path.join(folder, f), "--dry-run")
        if p.returncode != 0 or "will fail" in p.stdout:
            fail(f"example {f}: exit {p.returncode}\n{p.stderr}{p.stdout[:2000]}")
    print(f"ok: examples ({len(files)} files)")


TINY = """
[sweep]
name = "tiny"
base = "silo-vs-relational"
replicates = 3

[set]
place.citizens = 300
place.neighbourhoods = 3
run.days = 30
"""


def tiny_sweep(name):
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, name)
    with open(path, "w") as f:
        f.write(TINY)
    return path


def tiny_reference(cfg):
    d = fresh("reference-" + os.path.basename(cfg))
    placesim("sweep", "--config", cfg, "--out", d, "--threads", "1", "--quiet", expect=0)
    return d


def limited_run(args, limit):
    # Every file the process writes is cut at `limit` bytes (EFBIG instead of SIGXFSZ), as a
    # disk that fills up would cut it.
    def cap():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return subprocess.run([EXE, *args], capture_output=True, text=True, preexec_fn=cap)


def scenario_diskfull():
    cfg = tiny_sweep("diskfull.toml")
    ref = tiny_reference(cfg)
    run_size = os.path.getsize(os.path.join(ref, "runs", "p000-r00.h5"))
    if run_size < 300_000:
        fail(f"a run file has {run_size} bytes: too small to fill the disk of this test")
    mnt = fresh("small")
    os.makedirs(mnt)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt],
                             capture_output=True).returncode == 0
    try:
        d = os.path.join(mnt, "s")
        args = ["sweep", "--config", cfg, "--out", d, "--threads", "1", "--quiet"]
        p = subprocess.run([EXE, *args], capture_output=True, text=True) if mounted \
            else limited_run(args, 200_000)
        how = "a 256 KB tmpfs" if mounted else "RLIMIT_FSIZE"
        if p.returncode != 1:
            fail(f"sweep on a full disk ({how}) exited {p.returncode}, expected 1\n{p.stderr[-3000:]}")
        runs = os.path.join(d, "runs")
        if glob.glob(os.path.join(runs, "*.h5")):
            fail(f"run files left after failed writes: {os.listdir(runs)}")
        if glob.glob(os.path.join(d, "**", "*.partial-*"), recursive=True):
            fail(f"partial files left: {os.listdir(runs)}")
        failed = sorted(glob.glob(os.path.join(runs, "*.failed")))
        if len(failed) != 3:
            fail(f"expected a .failed record for each of the 3 runs, found {failed}")
        if mounted:
            subprocess.run(["mount", "-o", "remount,size=64m", mnt], check=True)
        p = placesim(*args, expect=0)
        if glob.glob(os.path.join(runs, "*.failed")):
            fail("the restart left .failed records of runs it redid")
        same_table(table(os.path.join(d, "summary.h5")), table(os.path.join(ref, "summary.h5")),
                   "summary after a full disk and a restart")
    finally:
        if mounted:
            subprocess.run(["umount", mnt])
    print(f"ok: diskfull ({how})")


def scenario_unfinished():
    cfg = tiny_sweep("unfinished.toml")
    ref = tiny_reference(cfg)
    d = fresh("unfinished")
    args = ["sweep", "--config", cfg, "--out", d, "--threads", "1"]
    placesim(*args, expect=0)
    runs = os.path.join(d, "runs")
    r0, r1 = os.path.join(runs, "p000-r00.h5"), os.path.join(runs, "p000-r01.h5")
    with open(r0, "r+b") as f:
        f.truncate(os.path.getsize(r0) // 2)
    with h5py.File(r1, "a") as f:
        del f.attrs["complete"]
    p = placesim(*args, expect=0)
    for name in ("p000-r00.h5", "p000-r01.h5"):
        if name not in p.stderr or "unfinished or unreadable" not in p.stderr:
            fail(f"the restart does not say that it redoes {name}:\n{p.stderr}")
    if "2 run now" not in p.stderr and "2 runs now" not in p.stderr and "1 already done, 2 run now" not in p.stderr:
        fail("the restart did not redo exactly the two damaged runs:\n" + p.stderr)
    same_table(table(os.path.join(d, "summary.h5")), table(os.path.join(ref, "summary.h5")),
               "summary after redoing damaged runs")
    # A FIFO in place of a run file is refused by name, not opened (which would block).
    os.remove(r0)
    os.mkfifo(r0)
    p = placesim(*args, expect=2)
    if "p000-r00.h5: not a regular file" not in p.stderr:
        fail("a FIFO in place of a run file was not refused by name:\n" + p.stderr)
    os.remove(r0)
    placesim(*args, expect=0)
    # A complete file of another run is not damage: it is refused, not silently replaced.
    shutil.copy(os.path.join(runs, "p000-r02.h5"), r0)
    p = placesim(*args, expect=2)
    if "p000-r00.h5: holds a run with config" not in p.stderr:
        fail("a complete file of another run was not refused by name:\n" + p.stderr)
    print("ok: unfinished")


def scenario_overwrite():
    cfg = tiny_sweep("overwrite.toml")
    d = fresh("overwrite")
    placesim("sweep", "--config", cfg, "--out", d, "--shard", "0/2", "--quiet", expect=0)
    placesim("sweep", "--config", cfg, "--out", d, "--shard", "1/2", "--quiet", expect=0)
    strays = ["notes.txt", "runs/notes.txt", "runs/p999-r00.h5", "shards/notes.txt",
              "shards/mine.h5", "shards/shard-x-of-2.h5"]
    for s in strays:
        with open(os.path.join(d, s), "w") as f:
            f.write("the user's own file\n")
    own = ["shards/shard-0-of-2.h5", "shards/shard-1-of-2.h5"]
    for o in own:
        if not os.path.exists(os.path.join(d, o)):
            fail(f"no {o} after the sharded sweep")
    with open(os.path.join(d, "shards", "shard-1-of-2.h5.partial-99999"), "w") as f:
        f.write("left by a killed shard\n")
    with open(os.path.join(d, "runs", "p000-r00.failed"), "w") as f:
        f.write("config_hash 0\nold failure\n")
    mtime = os.path.getmtime(os.path.join(d, "runs", "p000-r01.h5"))
    time.sleep(0.01)
    placesim("sweep", "--config", cfg, "--out", d, "--overwrite", "--quiet", expect=0)
    for s in strays:
        if not os.path.exists(os.path.join(d, s)):
            fail(f"--overwrite deleted {s}, a file the sweep never wrote")
    for o in own + ["shards/shard-1-of-2.h5.partial-99999", "runs/p000-r00.failed"]:
        if os.path.exists(os.path.join(d, o)):
            fail(f"--overwrite left {o}, a file of the old sweep")
    if os.path.getmtime(os.path.join(d, "runs", "p000-r01.h5")) == mtime:
        fail("--overwrite kept an old run file instead of running it again")
    print("ok: overwrite")


{"diskfull": scenario_diskfull, "unfinished": scenario_unfinished, "overwrite": scenario_overwrite,
 "slurm": scenario_slurm, "examples": scenario_examples, "full": scenario_full, "shards": scenario_shards, "resume": scenario_resume, "changed": scenario_changed,
 "mpi": scenario_mpi}[SCENARIO]()
