#!/usr/bin/python3
"""The report's "where" view and its labels, on real reports of small runs: the section exists;
the deprivation charts and the neighbourhood grid have one chart per neighbourhood with one line
per design; per-unit queues and the staff hours by activity are drawn, and the idle share and a
unit's mean wait agree with values computed here from the HDF5 file; no chart title contains
'_'; labels the issue found untrue are gone; a three-design run has "vs baseline" columns.

usage: check_report_where.py PLACESIM WORKDIR"""
import html as htmllib
import os
import re
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report_fixtures as fx  # noqa: E402

THREE_ARMS_TOML = """\
[experiment]
name = "where-test"
title = "Where test: three designs"

[run]
days = 40
seed = 5

[place]
citizens = 1500
neighbourhoods = 6

[arms.silo]
relational.coverage = 0.0

[arms.half]
relational.coverage = 0.5

[arms.relational]
relational.coverage = 1.0
"""


def charts(html):
    """id -> (data-points, svg body) of every chart."""
    return {m.group(1): (int(m.group(2)), m.group(3)) for m in re.finditer(
        r'<svg id="([^"]+)" class="chart"[^>]*?data-points="(\d+)"[^>]*>(.*?)</svg>', html, re.S)}


def section(html, sid):
    m = re.search(rf'<section id="{sid}">(.*?)</section>', html, re.S)
    return m.group(1) if m else None


def table_rows(html, tid):
    """Rows of the table with this id, as lists of cell texts (tags removed)."""
    m = re.search(rf'<table id="{tid}">(.*?)</table>', html, re.S)
    if not m:
        return None
    rows = []
    for r in re.findall(r"<tr>(.*?)</tr>", m.group(1), re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        rows.append([htmllib.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


def number(text):
    return float(text.replace(",", "").replace("%", ""))


def check_titles(html, problems, what):
    titles = re.findall(r'<svg id="[^"]+" class="chart"[^>]*><title>([^<]*)</title>', html)
    titles += re.findall(r"<figcaption>([^<]*)</figcaption>", html)
    bad = sorted({t for t in titles if "_" in t})
    if bad:
        problems.append(f"{what}: chart titles with '_': {bad[:8]}")
    if not titles:
        problems.append(f"{what}: no chart titles found")


def check_two_arm(exe, work, problems):
    run_h5 = fx.comparison_run(exe, work)
    out = os.path.join(work, "where.html")
    fx.run([exe, "report", run_h5, "-o", out])
    html = open(out, encoding="utf-8").read()
    where = section(html, "where")
    if where is None:
        problems.append("no <section id=\"where\">")
        return
    if 'href="#where"' not in html:
        problems.append("the navigation bar has no link to the where view")
    with h5py.File(run_h5, "r") as f:
        arms = f.attrs["arms"].decode() if isinstance(f.attrs["arms"], bytes) else str(f.attrs["arms"])
        arms = [a.strip() for a in arms.split(",")]
        nbs = len(f["neighbourhood_deprivation"][:])
        hours = {a: {k[len("hours_"):]: float(np.sum(f[f"arms/{a}/series/{k}"][:]))
                     for k in f[f"arms/{a}/series"] if k.startswith("hours_")} for a in arms}
        names = [n.decode() if isinstance(n, bytes) else str(n) for n in f["unit_name"][:]]
        waits, worst = {}, {}
        for a in arms:
            wsd = f[f"arms/{a}/units/wait_sum"][:]
            std = f[f"arms/{a}/units/cases_started"][:]
            ws, st = wsd.sum(axis=0), std.sum(axis=0)
            waits[a] = {names[u]: ws[u] / st[u] for u in range(len(names)) if st[u] > 0}
            worst[a] = {}
            for u in range(len(names)):
                weeks = [wsd[t:t + 7, u].sum() / std[t:t + 7, u].sum()
                         for t in range(0, len(wsd), 7) if std[t:t + 7, u].sum() > 0]
                if weeks:
                    worst[a][names[u]] = max(weeks)
    found = charts(where)

    # Outcomes against deprivation: one line per design, one dot per neighbourhood.
    for cid in ("where-dep-crisis", "where-dep-wellbeing", "where-dep-need",
                "where-dep-crisis-cost"):
        if cid not in found:
            problems.append(f"where: chart {cid} missing")
            continue
        body = found[cid][1]
        lines = re.findall(r'<path class="series" data-n="(\d+)"', body)
        if len(lines) != len(arms) or any(int(n) != nbs for n in lines):
            problems.append(f"where: {cid} should have {len(arms)} lines of {nbs} points: {lines}")

    # The neighbourhood grid: one chart per neighbourhood, every design in each.
    grid = sorted(c for c in found if re.fullmatch(r"where-nb-\d+", c))
    if len(grid) != nbs:
        problems.append(f"where: {len(grid)} neighbourhood charts, the file has {nbs} neighbourhoods")
    for c in grid:
        if found[c][0] == 0 or len(re.findall(r'class="series"', found[c][1])) != len(arms):
            problems.append(f"where: {c} lacks a line per design")
            break
    # Every chart of the grid on one scale: the same top tick.
    tops = {max(float(t) for t in re.findall(r'text-anchor="end">([0-9.]+)</text>', found[c][1]))
            for c in grid if found[c][0] > 0}
    if len(tops) > 1:
        problems.append(f"where: the neighbourhood charts have different scales: {tops}")

    # Per-unit queues and waits.
    units = [c for c in found if c.startswith("where-unit-")]
    if not units or all(found[c][0] == 0 for c in units):
        problems.append("where: no per-unit queue chart with data")
    rows = table_rows(where, "where-units-table")
    if not rows:
        problems.append("where: no where-units-table")
    else:
        header = rows[0]
        checked = 0
        current = None
        for r in rows[1:]:
            if len(r) == len(header):  # the first row of a unit carries its name (rowspan)
                current, r = r[0], r[1:]
            cells = dict(zip(header[1:], r))
            if current is None:
                continue
            if r[0] == "Mean wait (days)":
                expected = waits
            elif r[0] == "Worst week's mean wait (days)":
                expected = worst
            else:
                continue
            unit_key = current.lower().replace(" ", "_")
            for a in arms:
                if unit_key in expected[a] and cells.get(a, "–") != "–":
                    want = expected[a][unit_key]
                    if abs(number(cells[a]) - want) > 0.051:
                        problems.append(f"where: {r[0]} of {current} in {a} is {cells[a]}, "
                                        f"the file gives {want:.2f}")
                    checked += 1
        if checked == 0:
            problems.append("where: no mean wait could be checked against the file")
        print(f"where: {checked} unit mean waits checked against the file")

    # Staff hours by activity, idle included, and the idle share against the file.
    if found.get("where-staff-hours", (0,))[0] == 0:
        problems.append("where: no staff-hours-by-activity chart with data")
    elif "Idle" not in found["where-staff-hours"][1]:
        problems.append("where: the staff-hours chart has no idle segment")
    rows = table_rows(where, "where-hours-table")
    if not rows:
        problems.append("where: no where-hours-table")
    else:
        header = rows[0]
        idle = next((r for r in rows if r[0] == "Idle"), None)
        for a in arms:
            want = 100 * hours[a]["idle"] / sum(hours[a].values())
            got = number(idle[header.index(a)]) if idle else float("nan")
            if not abs(got - want) <= 0.051:
                problems.append(f"where: idle share of {a} is {got}%, the file gives {want:.2f}%")
        if f"{arms[1]} vs {arms[0]} (points)" not in header:
            problems.append(f"where: hours table has no vs-baseline column: {header}")

    # Labels.
    check_titles(html, problems, "two-design report")
    for untrue in ("Distinct workers met", "higher is healthier"):
        if untrue in html:
            problems.append(f"report still says '{untrue}'")
    other = section(html, "other") or ""
    if re.search(r"<figcaption>[a-z]+_", other):
        problems.append("everything else: snake_case captions")
    for cid, (pts, body) in charts(html).items():
        # An axis label that did not fit is shortened with an ellipsis: none should need it.
        if "…</text>" in body:
            problems.append(f"{cid}: a clipped axis label")
    money = section(html, "money") or ""
    if "Share of paid staff hours that were idle: " not in money:
        problems.append("money: the idle share of paid hours is not stated")
    health = section(html, "health") or ""
    if "mean over the run (60 days)" not in health:
        problems.append("health: the daily shares are not given as a window mean with its window")
    curves = section(html, "cost-curves") or ""
    if "mean curves" not in curves or "median curves" not in curves:
        problems.append("cost curves: the text should speak of the median and the mean curves")
    print(f"two-design report: {len(found)} charts in the where view, {nbs} neighbourhoods")


def check_three_arm(exe, work, problems):
    toml = os.path.join(work, "three.toml")
    with open(toml, "w") as f:
        f.write(THREE_ARMS_TOML)
    h5 = os.path.join(work, "three.h5")
    fx.run([exe, "run", "--config", toml, "--out", h5, "--overwrite", "--quiet"])
    out = os.path.join(work, "three.html")
    fx.run([exe, "report", h5, "-o", out])
    html = open(out, encoding="utf-8").read()
    for tid in ("where-units-table", "where-hours-table", "journey-table"):
        rows = table_rows(html, tid)
        if not rows:
            problems.append(f"three designs: no {tid}")
            continue
        vs = [h for h in rows[0] if " vs silo" in h]
        if len(vs) != 2:
            problems.append(f"three designs: {tid} should have 2 vs-baseline columns: {rows[0]}")
    grid = [c for c in charts(html) if re.fullmatch(r"where-nb-\d+", c)]
    if len(grid) != 6:
        problems.append(f"three designs: {len(grid)} neighbourhood charts, expected 6")
    check_titles(html, problems, "three-design report")


def main(exe, work):
    fx.fresh_dir(work)
    problems = []
    check_two_arm(exe, work, problems)
    check_three_arm(exe, work, problems)
    if problems:
        print("\n".join("FAIL: " + p for p in problems))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
