#!/usr/bin/python3
"""Headline figures, their paired 95% intervals and the PASS/FAIL of the expected direction,
recomputed independently with numpy/scipy from the per-replicate data of the HDF5 file, and
compared with what placesim stored and what the report and check_expected.py show. Also: the
replicates use common random numbers (replicate r of every arm runs on seed + r, and a lone run
on that seed reproduces it), and replicate 0 is the arm's full detail.

usage: check_headline_numbers.py PLACESIM WORKDIR CHECK_EXPECTED_PY"""
import html as htmllib
import os
import re
import subprocess
import sys

import h5py
import numpy as np
from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report_fixtures as fx  # noqa: E402

CHECK = ("relational.failure_demand_share.mean < silo.failure_demand_share.mean; "
         "relational.crisis_cost.sum > silo.crisis_cost.sum; "
         "silo.sample_cost_mean.last > relational.sample_cost_mean.last")
SEED, R = 3, 3
HOURS = ["face_to_face", "assessment", "recording", "handoff", "coordination", "travel",
         "waiting", "absence", "idle"]


def independent(series, people):
    """Each headline indicator per replicate, from [replicate, day] series (docs/report.md)."""
    s = {k: np.asarray(v, dtype=float) for k, v in series.items()}
    tot = lambda k: s[k].sum(axis=1)  # noqa: E731
    paid = sum(tot("hours_" + h) for h in HOURS)
    cost = tot("staff_cost") + tot("crisis_cost")
    for other in ("discretionary_spend", "outreach_cost"):
        if other in s:
            cost = cost + tot(other)
    return {
        "helped_to_balance": s["helped_to_balance_people"][:, -1],
        "failure_demand_share": tot("contacts_failure") / (tot("contacts_failure") + tot("contacts_value")),
        "repeat_contacts": tot("repeat_contacts"),
        "chasing_contacts": tot("chasing_contacts"),
        "wait_mean": s["mean_wait"].mean(axis=1),
        "wait_peak": s["mean_wait"].max(axis=1),
        "queue_mean": s["queue_length"].mean(axis=1),
        "queue_peak": s["queue_length"].max(axis=1),
        "idle_share": tot("hours_idle") / paid,
        "posts_filled": s["staff_in_post"][:, -1],
        "staff_cost": tot("staff_cost"),
        "crisis_cost": tot("crisis_cost"),
        "total_cost": cost,
        "cost_per_person": cost / people,
        "in_crisis_mean": s["in_crisis"].mean(axis=1),
        "wellbeing_mean": s["wellbeing_mean"].mean(axis=1),
    }


def paired_ci(a, b):
    d = np.asarray(b) - np.asarray(a)
    m = d.mean()
    h = stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d))
    return m, m - h, m + h


def headline_cells(report):
    """label -> list of cell texts of the headline table."""
    table = re.search(r'<table class="headline" id="headline-table">(.*?)</table>', report, re.S).group(1)
    rows = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = [htmllib.unescape(re.sub(r"<[^>]+>", " ", c)).split()
                 for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        if cells:
            rows[" ".join(cells[0])] = [" ".join(c) for c in cells]
    return rows


def number_in(text):
    """The numbers of a formatted difference: "+1.2 points" -> 0.012 is handled by the caller."""
    return [float(x.replace(",", "")) for x in re.findall(r"[-+]?\d[\d,]*\.?\d*", text)]


def main():
    exe, work, check_py = sys.argv[1], fx.fresh_dir(sys.argv[2]), sys.argv[3]
    problems = []
    toml = os.path.join(work, "comparison.toml")
    with open(toml, "w") as f:
        f.write(fx.COMPARISON_TOML.replace("[experiment]\n", f'[experiment]\ncheck = "{CHECK}"\n'))
    out = os.path.join(work, "comparison.h5")
    fx.run([exe, "run", "--config", toml, "--out", out, "--quiet", "--replicates", str(R)])
    report = os.path.join(work, "report.html")
    fx.run([exe, "report", out, "-o", report])
    page = open(report, encoding="utf-8").read()
    cells = headline_cells(page)

    with h5py.File(out, "r") as f:
        arms = f.attrs["arms"].decode().split(",") if isinstance(f.attrs["arms"], bytes) else f.attrs["arms"].split(",")
        if int(f.attrs["replicates"]) != R:
            problems.append(f"root attribute replicates = {f.attrs['replicates']}, expected {R}")
        people = f[f"arms/{arms[0]}/citizens/wellbeing"].shape[0]
        values = {}
        for arm in arms:
            g = f[f"arms/{arm}"]
            seeds = list(g["replicates/seed"][:])
            if seeds != [SEED + r for r in range(R)]:
                problems.append(f"{arm}: replicate seeds {seeds}, expected seed + r from {SEED}")
            series = {k: g[f"replicates/series/{k}"][:] for k in g["replicates/series"]
                      if k not in ("replicate", "tick")}  # coordinates, not series
            for k, v in series.items():
                if v.shape[0] != R:
                    problems.append(f"{arm}/replicates/series/{k}: {v.shape[0]} rows, expected {R}")
                if not np.array_equal(v[0], g[f"series/{k}"][:]):
                    problems.append(f"{arm}: replicate 0 of {k} is not the arm's full-detail series")
            mine = independent(series, people)
            for name, want in mine.items():
                ds = g[f"indicators/{name}"]
                for attr in ("units", "description", "direction", "label"):
                    if attr not in ds.attrs:
                        problems.append(f"{arm}/indicators/{name}: no {attr} attribute")
                if not np.allclose(ds[:], want, rtol=1e-9, atol=1e-12, equal_nan=True):
                    problems.append(f"{arm}/indicators/{name}: file {ds[:]} vs numpy {want}")
            values[arm] = mine
        directions = {n: f[f"arms/{arms[0]}/indicators/{n}"].attrs["direction"] for n in values[arms[0]]}
        labels = {n: f[f"arms/{arms[0]}/indicators/{n}"].attrs["label"] for n in values[arms[0]]}
        directions = {k: v.decode() if isinstance(v, bytes) else v for k, v in directions.items()}
        labels = {k: v.decode() if isinstance(v, bytes) else v for k, v in labels.items()}

        # Every headline difference: the verdict the numpy interval earns, shown in the report.
        a, b = arms
        verdicts = set()
        for name in values[a]:
            m, lo, hi = paired_ci(values[a][name], values[b][name])
            row = cells.get(labels[name])
            if not row:
                problems.append(f"report: no headline row '{labels[name]}'")
                continue
            diff = row[-1]
            if not np.isfinite(m):
                continue
            if lo <= 0 <= hi or m == 0:
                want = "no clear difference"
            elif directions[name] == "none":
                want = "higher" if m > 0 else "lower"
            else:
                want = "better" if (m < 0) == (directions[name] == "lower_better") else "worse"
            verdicts.add(want)
            if f"({want})" not in diff:
                problems.append(f"report row '{labels[name]}': '{diff}' lacks '({want})' "
                                f"(numpy: {m:.6g}, CI {lo:.6g} to {hi:.6g})")
            ci = re.search(r"95% CI (.*) to (.*)$", diff)
            if not ci:
                problems.append(f"report row '{labels[name]}': no 95% CI in '{diff}'")
                continue
            scale = 100 if "points" in diff else 1
            for shown, true in ((ci.group(1), lo), (ci.group(2), hi)):
                n = number_in(shown)
                if not n:
                    problems.append(f"report row '{labels[name]}': unreadable bound '{shown}'")
                    continue
                v = abs(n[0]) * (-1 if "-" in shown.split()[0] else 1) / scale
                if abs(v - true) > max(0.051 * abs(true), 0.0006 if scale == 100 else 0.006):
                    problems.append(f"report row '{labels[name]}': bound '{shown}' vs numpy {true:.6g}")
        print("verdicts seen:", sorted(verdicts))

        # The expected direction: /checks against numpy, the report and check_expected.py.
        clauses = [c.strip() for c in CHECK.split(";")]
        g = f["checks"]
        if int(g.attrs["clauses"]) != len(clauses):
            problems.append(f"/checks has {g.attrs['clauses']} clauses, expected {len(clauses)}")
        for i, clause in enumerate(clauses):
            c = g[str(i)]
            op = "<" if "<" in clause else ">"
            terms = []
            for term in clause.split(op):
                arm, series, stat = term.strip().split(".")
                if series.startswith("sample_cost_"):
                    cost = f[f"arms/{arm}/replicates/sample/{series}"][:]
                    v = cost
                else:
                    v = f[f"arms/{arm}/replicates/series/{series}"][:]
                terms.append({"mean": v.mean(axis=1), "sum": v.sum(axis=1), "last": v[:, -1]}[stat])
            # sample_cost_mean recomputed from replicate 0's full sample as well
            d = terms[0] - terms[1]
            m, lo, hi = paired_ci(terms[1], terms[0])
            ok = m < 0 if op == "<" else m > 0
            if not np.allclose(c["left"][:], terms[0]) or not np.allclose(c["right"][:], terms[1]):
                problems.append(f"check '{clause}': stored terms differ from numpy")
            if bool(c.attrs["pass"]) != ok:
                problems.append(f"check '{clause}': stored pass {c.attrs['pass']} vs numpy {ok}")
            if not np.allclose([c.attrs["mean_difference"], c.attrs["ci_low"], c.attrs["ci_high"]],
                               [d.mean(), lo, hi]):
                problems.append(f"check '{clause}': stored interval differs from numpy")
            if not re.search(r"<b>%s</b></td><td class=\"metric\"><code>%s</code>"
                             % ("PASS" if ok else "FAIL", re.escape(htmllib.escape(clause, quote=False))), page):
                problems.append(f"report: check '{clause}' not shown as {'PASS' if ok else 'FAIL'}")
        sample0 = f[f"arms/{arms[0]}/sample/cost"][:].mean(axis=1)
        if not np.allclose(sample0, f[f"arms/{arms[0]}/replicates/sample/sample_cost_mean"][0]):
            problems.append("replicates/sample/sample_cost_mean row 0 is not the mean of sample/cost")

    shown = subprocess.run(["/usr/bin/python3", check_py, out], capture_output=True, text=True)
    print(shown.stdout.strip())
    if shown.returncode not in (0, 1) or len(re.findall(r"^(PASS|FAIL) ", shown.stdout, re.M)) != len(clauses):
        problems.append(f"check_expected.py: exit {shown.returncode}: {shown.stdout}{shown.stderr}")

    # Common random numbers: a lone run on seed + 1 is replicate 1 of the comparison.
    lone = os.path.join(work, "lone.h5")
    fx.run([exe, "run", "--config", toml, "--out", lone, "--quiet", "--replicates", "1",
            "--seed", str(SEED + 1)])
    with h5py.File(out, "r") as f, h5py.File(lone, "r") as g:
        for arm in arms:
            for k in ("contacts_failure", "crisis_cost", "wellbeing_mean"):
                if not np.array_equal(f[f"arms/{arm}/replicates/series/{k}"][1], g[f"arms/{arm}/series/{k}"][:]):
                    problems.append(f"{arm}/{k}: replicate 1 differs from a lone run on seed {SEED + 1}")
        if "replicates" not in g.attrs or int(g.attrs["replicates"]) != 1:
            problems.append("a --replicates 1 run does not record replicates = 1")

    # One replicate: no interval, and never "better" or "worse".
    lone_report = os.path.join(work, "lone.html")
    fx.run([exe, "report", lone, "-o", lone_report])
    one = headline_cells(open(lone_report, encoding="utf-8").read())
    for label, row in one.items():
        if "(better)" in row[-1] or "(worse)" in row[-1]:
            problems.append(f"one-replicate report row '{label}' says better/worse: {row[-1]}")
    if not any("one replicate: no interval" in row[-1] for row in one.values()):
        problems.append("one-replicate report never says 'one replicate: no interval'")

    for p in problems:
        print("FAIL:", p)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
