"""Small inputs shared by the report tests: a two-design comparison run, a sweep summary made
by `placesim sweep`, a sweep summary in the generic layout the report also accepts (written here
with h5py), and one file of each kind of bad input."""
import os
import shutil
import subprocess

import h5py
import numpy as np

COMPARISON_TOML = """\
[experiment]
name = "report-test"
title = "Report test: silo and relational on the same people"
question = "Which design helps more people back to balance, and at what cost?"

[run]
days = 60
seed = 3
replicates = 3

[place]
citizens = 2000
neighbourhoods = 10

[arms.silo]
relational.coverage = 0.0

[arms.relational]
relational.coverage = 1.0
"""

SWEEP_TOML = """\
[sweep]
name = "report-test-sweep"
base = "{base}"
replicates = 2
seed = 1

[set]
"run.days" = 30
"place.citizens" = 1000

[factorial]
"demand.help_threshold_mean" = [0.45, 0.65]
"mechanics.uncover_rate" = [0.1, 0.5]
"""


def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def run(cmd, expect=0, timeout=300):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if expect is not None and r.returncode != expect:
        raise SystemExit(f"FAIL: {' '.join(cmd)} exited {r.returncode}, expected {expect}\n"
                         f"stdout: {r.stdout}\nstderr: {r.stderr}")
    return r


def comparison_run(exe, work):
    """A 2000-person, 60-day run of two designs on the same people; returns its path."""
    toml = os.path.join(work, "comparison.toml")
    with open(toml, "w") as f:
        f.write(COMPARISON_TOML)
    out = os.path.join(work, "comparison.h5")
    run([exe, "run", "--config", toml, "--out", out, "--overwrite", "--quiet"])
    return out


def sweep_summary(exe, work):
    """A 2x2 factorial sweep with 2 replicates of the comparison; returns summary.h5."""
    toml = os.path.join(work, "comparison.toml")
    if not os.path.exists(toml):
        with open(toml, "w") as f:
            f.write(COMPARISON_TOML)
    sweep = os.path.join(work, "sweep.toml")
    with open(sweep, "w") as f:
        f.write(SWEEP_TOML.format(base=toml))
    out = os.path.join(work, "sweep")
    run([exe, "sweep", "--config", sweep, "--out", out, "--overwrite", "--quiet"])
    return os.path.join(out, "summary.h5")


def generic_summary(path, schema_version):
    """A sweep summary in the generic layout: a compound /runs table with an 'arm' column,
    parameters named by config key, outcomes as the remaining numeric columns, units as
    attributes named after their column, and no /columns table. Outcomes respond to the
    parameters in a known way, so the report has something to rank."""
    rng = np.random.default_rng(5)
    rows = []
    for arm in ("silo", "relational"):
        for a in (0.4, 0.5, 0.6):
            for b in (1.0, 2.0, 3.0):
                for rep in range(2):
                    cost = 1000 + 800 * a + (50 if arm == "silo" else -50) + rng.normal(0, 5)
                    share = 0.2 + 0.3 * b / 3 + rng.normal(0, 0.01)
                    rows.append((len(rows), rep, arm, "ok", a, b, cost, share))
    rows.append((len(rows), 0, "silo", "failed", 0.5, 2.0, np.nan, np.nan))
    dt = np.dtype([("run", "i8"), ("replicate", "i8"), ("arm", "S12"), ("status", "S8"),
                   ("demand.help_threshold_mean", "f8"), ("relational.session_interval", "f8"),
                   ("crisis_cost_total", "f8"), ("failure_demand_share_mean", "f8")])
    with h5py.File(path, "w") as f:
        f.attrs["placesim_version"] = "test"
        f.attrs["schema_version"] = schema_version
        f.attrs["experiment"] = "generic-sweep"
        ds = f.create_dataset("runs", data=np.array(rows, dtype=dt))
        ds.attrs["crisis_cost_total"] = "GBP"
        ds.attrs["failure_demand_share_mean"] = "share 0-1"
        f.attrs["complete"] = 1
    return path


def bad_inputs(good, work, schema_version):
    """One file per kind of bad input: name -> (path, phrase the message must contain)."""
    files = {}
    p = os.path.join(work, "notes.h5")
    with open(p, "w") as f:
        f.write("this is not an HDF5 file\n")
    files["not_hdf5"] = (p, "not an HDF5 file")

    p = os.path.join(work, "foreign.h5")
    with h5py.File(p, "w") as f:
        f["data"] = np.arange(10)
        f.attrs["complete"] = 1
    files["not_placesim"] = (p, "not placesim output")

    p = os.path.join(work, "truncated.h5")
    with open(good, "rb") as src, open(p, "wb") as dst:
        data = src.read()
        dst.write(data[: len(data) // 2])
    files["truncated"] = (p, "truncated")

    p = os.path.join(work, "unfinished.h5")
    shutil.copyfile(good, p)
    with h5py.File(p, "a") as f:
        del f.attrs["complete"]
    files["unfinished"] = (p, "unfinished")

    p = os.path.join(work, "future.h5")
    shutil.copyfile(good, p)
    with h5py.File(p, "a") as f:
        f.attrs["schema_version"] = np.int32(schema_version + 1)
    files["incompatible_schema"] = (p, "schema version")

    files["missing"] = (os.path.join(work, "no_such_file.h5"), "no such file")
    return files
