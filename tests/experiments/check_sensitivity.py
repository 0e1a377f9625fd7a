#!/usr/bin/env python3
"""Sensitivity designs ([morris], [sobol]) and arm differences of a sweep, end to end.

usage: check_sensitivity.py PLACESIM WORKDIR SCENARIO

Scenarios:
  sobol    a tiny Sobol' sweep: summary.h5 holds /sensitivity with S1 and ST of every outcome
           and parameter, equal to the estimators recomputed here with numpy from /runs; the
           arm differences equal arm minus baseline; the baseline is named in an attribute
  morris   a tiny Morris sweep: mu*, mu and sigma recomputed from /runs; [sweep] baseline
           chooses the baseline arm
  resume   a Sobol' sweep killed with SIGKILL and started again gives the summary (runs and
           indices) of an uninterrupted one
  errors   mistakes in [morris] / [sobol] are refused with file:line:col, exit 2
  report   the report of a Sobol' sweep with replicates renders in headless Chromium without
           console errors, with the index charts, R^2 and noise, and the differences
"""
import os
import shutil
import signal
import subprocess
import sys
import time

import h5py
import numpy as np

EXE, WORK, SCENARIO = sys.argv[1], sys.argv[2], sys.argv[3]

SOBOL = """
[sweep]
name = "sobol-check"
base = "silo-vs-relational"
replicates = {replicates}

[set]
place.citizens = {citizens}
place.neighbourhoods = 3
run.days = {days}

[sobol]
samples = {samples}
seed = 3
demand.trust_initial = {{ min = 0.2, max = 0.9 }}
life.cause_push = {{ min = 0.0, max = 0.03 }}
"""

MORRIS = """
[sweep]
name = "morris-check"
base = "silo-vs-relational"
baseline = "relational"

[set]
place.citizens = 200
place.neighbourhoods = 3
run.days = 30

[morris]
trajectories = 4
levels = 4
seed = 9
demand.trust_initial = { min = 0.2, max = 0.9 }
life.cause_push = { min = 0.0, max = 0.03 }
groups.funding = { min = 0.5, max = 1.5 }
"""


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def write(name, text):
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def fresh(name):
    d = os.path.join(WORK, name)
    shutil.rmtree(d, ignore_errors=True)
    return d


def placesim(*args, expect=0):
    p = subprocess.run([EXE, *args], capture_output=True, text=True)
    if p.returncode != expect:
        fail(f"placesim {' '.join(args)} exited {p.returncode}, expected {expect}\n{p.stderr}")
    return p


def dec(x):
    return x.decode() if isinstance(x, bytes) else x


def sensitivity(path):
    with h5py.File(path, "r") as f:
        if "sensitivity" not in f:
            fail(f"{path} has no /sensitivity table")
        s = f["sensitivity"]
        for a in ("description", "units", "method", "confidence", "bootstrap_resamples"):
            if a not in s.attrs:
                fail(f"/sensitivity has no attribute {a}")
        t = s[:]
        return {(dec(r["outcome"]), dec(r["parameter"]), dec(r["index"])): r for r in t}, dict(s.attrs)


def runs(path):
    with h5py.File(path, "r") as f:
        return f["runs"][:], dict(f.attrs), f["columns"][:]


def point_means(t, col, points):
    y = np.full(points, np.nan)
    for p in range(points):
        sel = (t["point"] == p) & (t["status"] == b"ok")
        if sel.any():
            y[p] = t[col][sel].mean()
    return y


def check_differences(t, attrs, columns, baseline, other):
    if dec(attrs.get("baseline_arm")) != baseline:
        fail(f"baseline_arm is {attrs.get('baseline_arm')!r}, expected {baseline!r}")
    if "baseline_source" not in attrs:
        fail("no baseline_source attribute")
    roles = {dec(r["name"]): (dec(r["role"]), dec(r["unit"]), dec(r["description"])) for r in columns}
    n = 0
    for name in t.dtype.names:
        prefix = f"{other}-minus-{baseline}/"
        if not name.startswith(prefix):
            continue
        n += 1
        rest = name[len(prefix):]
        want = t[f"{other}/{rest}"] - t[f"{baseline}/{rest}"]
        if not np.allclose(t[name], want, equal_nan=True, rtol=0, atol=0):
            fail(f"{name} is not {other}/{rest} minus {baseline}/{rest}")
        role, unit, desc = roles[name]
        if role != "difference" or not desc or unit != roles[f"{other}/{rest}"][1]:
            fail(f"{name}: /columns gives role {role!r}, unit {unit!r}, description {desc!r}")
    if n < 10:
        fail(f"only {n} difference columns {other}-minus-{baseline}/...")
    return n


def scenario_sobol():
    samples, k = 8, 2
    cfg = write("sobol.toml", SOBOL.format(replicates=1, citizens=200, days=30, samples=samples))
    d = fresh("sobol")
    placesim("sweep", "--config", cfg, "--out", d, "--threads", "2", "--quiet")
    path = os.path.join(d, "summary.h5")
    t, attrs, columns = runs(path)
    if len(t) != samples * (k + 2):
        fail(f"{len(t)} runs, expected N(k+2) = {samples * (k + 2)}")
    if dec(attrs.get("design")) != "sobol":
        fail(f"design attribute {attrs.get('design')!r}")
    n = check_differences(t, attrs, columns, "silo", "relational")
    idx, sattrs = sensitivity(path)
    params = ["demand.trust_initial", "life.cause_push"]
    # Every point's values lie in the ranges; A and B rows differ from the AB rows as designed.
    for j in range(samples):
        blk = t[j * (k + 2):(j + 1) * (k + 2)]
        for i, p in enumerate(params):
            if blk[1 + i][p] != blk[k + 1][p]:
                fail(f"AB_{i} of base row {j} does not take {p} from B")
    checked = 0
    for col in [c for c in t.dtype.names if "/" in c]:
        y = point_means(t, col, samples * (k + 2)).reshape(samples, k + 2)
        a, b = y[:, 0], y[:, k + 1]
        var = np.var(np.r_[a, b])
        for i, p in enumerate(params):
            s1r, str_ = idx.get((col, p, "S1")), idx.get((col, p, "ST"))
            if s1r is None or str_ is None:
                fail(f"no S1/ST of {col} on {p}")
            if var <= 0:
                if np.isfinite(s1r["value"]):
                    fail(f"{col} does not vary but has S1 {s1r['value']}")
                continue
            ab = y[:, 1 + i]
            s1 = np.mean(b * (ab - a)) / var
            st = 0.5 * np.mean((a - ab) ** 2) / var
            if not np.isclose(s1r["value"], s1, rtol=1e-9, atol=1e-12) or not np.isclose(str_["value"], st, rtol=1e-9, atol=1e-12):
                fail(f"{col} on {p}: S1 {s1r['value']} ST {str_['value']}, numpy gives {s1}, {st}")
            for r in (s1r, str_):
                if not (r["ci_low"] <= r["ci_high"]):
                    fail(f"{col} on {p}: interval [{r['ci_low']}, {r['ci_high']}]")
                if dec(r["unit"]) != "1" or r["n"] != samples:
                    fail(f"{col} on {p}: unit {r['unit']!r} n {r['n']}")
            checked += 1
    if checked < 20:
        fail(f"only {checked} outcome/parameter pairs varied")
    print(f"ok: sobol ({checked} index pairs recomputed, {n} difference columns)")


def scenario_morris():
    cfg = write("morris.toml", MORRIS)
    d = fresh("morris")
    placesim("sweep", "--config", cfg, "--out", d, "--threads", "2", "--quiet")
    path = os.path.join(d, "summary.h5")
    t, attrs, columns = runs(path)
    k, r = 3, 4
    params = ["demand.trust_initial", "life.cause_push", "groups.funding"]
    ranges = [(0.2, 0.9), (0.0, 0.03), (0.5, 1.5)]
    if len(t) != r * (k + 1):
        fail(f"{len(t)} runs, expected r(k+1) = {r * (k + 1)}")
    check_differences(t, attrs, columns, "relational", "silo")  # [sweep] baseline
    idx, sattrs = sensitivity(path)
    if sattrs.get("trajectories") != r or sattrs.get("levels") != 4:
        fail(f"/sensitivity attributes {sattrs}")
    unit = np.array([[(t[p][i] - lo) / (hi - lo) for p, (lo, hi) in zip(params, ranges)] for i in range(len(t))])
    checked = 0
    for col in [c for c in t.dtype.names if "/" in c]:
        y = point_means(t, col, len(t))
        ee = [[] for _ in params]
        for tr in range(r):
            for s in range(k):
                a, b = tr * (k + 1) + s, tr * (k + 1) + s + 1
                dlt = unit[b] - unit[a]
                i = int(np.argmax(np.abs(dlt)))
                if dlt[i] != 0 and np.isfinite(y[a]) and np.isfinite(y[b]):
                    ee[i].append((y[b] - y[a]) / dlt[i])
        for i, p in enumerate(params):
            e = np.array(ee[i])
            row = idx[(col, p, "mu_star")]
            if not np.isclose(row["value"], np.mean(np.abs(e)), rtol=1e-9, atol=1e-12):
                fail(f"{col} on {p}: mu* {row['value']}, numpy {np.mean(np.abs(e))}")
            if not np.isclose(idx[(col, p, "sigma")]["value"], np.std(e, ddof=1), rtol=1e-9, atol=1e-12, equal_nan=True):
                fail(f"{col} on {p}: sigma differs")
            if not (row["ci_low"] <= row["value"] + 1e-12 and row["value"] <= row["ci_high"] + 1e-12) and np.ptp(np.abs(e)) > 0:
                fail(f"{col} on {p}: mu* {row['value']} outside [{row['ci_low']}, {row['ci_high']}]")
            checked += 1
    print(f"ok: morris ({checked} outcome/parameter pairs)")


def table_and_indices(path):
    with h5py.File(path, "r") as f:
        return f["runs"][:], f["sensitivity"][:]


def scenario_resume():
    cfg = write("resume.toml", SOBOL.format(replicates=1, citizens=2000, days=60, samples=4))
    ref = fresh("resume-ref")
    placesim("sweep", "--config", cfg, "--out", ref, "--threads", "2", "--quiet")
    d = fresh("resume")
    cmd = [EXE, "sweep", "--config", cfg, "--out", d, "--threads", "2", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    runs_dir = os.path.join(d, "runs")
    killed = False
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        done = [f for f in os.listdir(runs_dir) if f.endswith(".h5")] if os.path.isdir(runs_dir) else []
        if len(done) >= 3:
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
            break
        time.sleep(0.02)
    proc.wait()
    if not killed:
        fail("the sweep finished before it could be killed; make runs bigger")
    if os.path.exists(os.path.join(d, "summary.h5")):
        fail("a killed sweep left a summary")
    placesim(*cmd[1:])
    a_runs, a_idx = table_and_indices(os.path.join(d, "summary.h5"))
    b_runs, b_idx = table_and_indices(os.path.join(ref, "summary.h5"))
    if a_runs.tobytes() != b_runs.tobytes() or a_idx.tobytes() != b_idx.tobytes():
        fail("the resumed sweep's summary differs from the uninterrupted one")
    print("ok: resume")


def scenario_errors():
    bad = """
[sweep]
base = "silo-vs-relational"
baseline = "nobody"

[factorial]
life.cause_push = [0.01, 0.02]

[sobol]
samples = 1
demand.trust_initial = { min = 0.5, max = 0.5 }

[morris]
trajectories = 3
levels = 5
"""
    cfg = write("bad.toml", bad)
    p = placesim("sweep", "--config", cfg, "--out", fresh("bad"), "--dry-run", expect=2)
    for want in ("bad.toml:4:", "baseline 'nobody' is not an arm", "bad.toml:9:", "cannot be combined with [factorial]",
                 "samples must be a whole number", "needs max above min", "cannot both be given"):
        if want not in p.stderr:
            fail(f"expected {want!r} in:\n{p.stderr}")
    bad2 = "[sweep]\nbase = \"silo-vs-relational\"\n[morris]\ntrajectories = 3\nlevels = 5\nlife.cause_push = { min = 0.0, max = 0.03 }\n"
    p = placesim("sweep", "--config", write("bad2.toml", bad2), "--out", fresh("bad2"), "--dry-run", expect=2)
    if "bad2.toml:5:" not in p.stderr or "levels must be an even whole number" not in p.stderr:
        fail(f"odd levels not refused with its line:\n{p.stderr}")
    print("ok: errors")


def scenario_report():
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "analysis"))
    import check_report_browser as browser  # noqa: E402
    cfg = write("report.toml", SOBOL.format(replicates=2, citizens=200, days=30, samples=4))
    d = fresh("report")
    placesim("sweep", "--config", cfg, "--out", d, "--threads", "2", "--quiet")
    html_path = os.path.join(WORK, "report.html")
    placesim("report", os.path.join(d, "summary.h5"), "-o", html_path, "--overwrite")
    html = open(html_path, encoding="utf-8").read()
    problems = []
    for want in ('id="sensitivity"', 'id="sens-silo-failure-demand-share"', 'id="sweep-fit"',
                 "median replicate noise", 'id="sweep-differences"', "relational-minus-silo/crisis_cost_total",
                 "<td>uncertainty</td>"):
        if want not in html:
            problems.append(f"report: {want!r} missing")
    browser.check_page(html_path, ["sens-silo-failure-demand-share"], os.path.join(WORK, "report.png"),
                       problems, "sobol sweep report")
    if problems:
        fail("\n".join(problems))
    print("ok: report")


{"report": scenario_report, "sobol": scenario_sobol, "morris": scenario_morris, "resume": scenario_resume, "errors": scenario_errors}[SCENARIO]()
