#!/usr/bin/python3
"""`placesim report` and `placesim inspect` from the outside: a comparison run and a sweep
summary give self-contained HTML with every expected chart; an existing report is not replaced
without --overwrite; each kind of bad input file exits 2 with a message naming the file.

usage: check_report.py PLACESIM WORKDIR"""
import os
import re
import sys

import h5py

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report_fixtures as fx  # noqa: E402

# Charts a comparison run of the model with its service system must have, with data.
RUN_CHARTS = ["chart-demand-silo", "chart-demand-relational", "chart-failure-share", "chart-queue",
              "chart-wait", "chart-crisis", "chart-wellbeing", "chart-money", "chart-cost-shift", "chart-crisis-cost",
              "chart-cost-curves", "chart-journey-cost", "chart-journey-wellbeing", "health-trust",
              "health-collaboration", "health-collab-trust", "health-community", "health-groups",
              "health-morale", "health-learning", "health-information", "health-frontline",
              "health-coproduction"]
# The where view (issue 11): checked in detail by check_report_where.py; here and in the browser.
RUN_CHARTS += ["where-dep-crisis", "where-dep-wellbeing", "where-nb-0", "where-staff-hours"]
RUN_TABLES = ["headline-table", "journey-table", "provenance"]


def svg_points(html):
    """id -> data-points of every chart."""
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r'<svg id="([^"]+)" class="chart"[^>]*?data-points="(\d+)"', html)}


def check_self_contained(html, problems, what):
    for pattern in (r"<link\b", r"\bsrc=", r"@import", r"url\(", r"https?://(?!www\.w3\.org/2000/svg)"):
        if re.search(pattern, html):
            problems.append(f"{what}: not self-contained, found {pattern}")
    svgs = html.count("<svg")
    if svgs != len(svg_points(html)):
        problems.append(f"{what}: an <svg> without an id or data-points")
    if svgs != len(re.findall(r"<svg[^>]*><title>[^<]+</title>", html)):
        problems.append(f"{what}: an <svg> without a title")
    for fig in re.findall(r"<figure>(.*?)</figure>", html, re.S):
        if "<figcaption>" not in fig or '<p class="guide">' not in fig:
            problems.append(f"{what}: a chart without a caption or a reading guide")
            break
    # Time-series and bar charts label their value axis with its unit, "What (unit)".
    for chart_id, body in re.findall(r'<svg id="((?:chart|health)-[^"]+)"(.*?)</svg>', html, re.S):
        if chart_id == "chart-influence" or 'data-points="0"' in body[:300]:
            continue
        labels = re.findall(r'<text class="label" transform[^>]*>(?:<title>[^<]*</title>)?([^<]*)</text>', body)
        if not labels or "(" not in labels[0]:
            problems.append(f"{what}: chart {chart_id} has no value-axis label with a unit: {labels}")


def main(exe, work):
    fx.fresh_dir(work)
    problems = []
    run_h5 = fx.comparison_run(exe, work)
    with h5py.File(run_h5, "r") as f:
        schema = int(f.attrs["schema_version"])
        seed = str(f.attrs["seed"])

    # --- a comparison run ---
    out = os.path.join(work, "comparison.html")
    r = fx.run([exe, "report", run_h5, "-o", out])
    html = open(out, encoding="utf-8").read()
    points = svg_points(html)
    for chart in RUN_CHARTS:
        if chart not in points:
            problems.append(f"run report: chart {chart} missing")
        elif points[chart] == 0:
            problems.append(f"run report: chart {chart} has no data points")
    for anchor in RUN_TABLES:
        if f'id="{anchor}"' not in html:
            problems.append(f"run report: {anchor} missing")
    for arm in ("silo", "relational"):
        if f">{arm}</th>" not in html:
            problems.append(f"run report: headline column for {arm} missing")
    for text in ("Resolved configuration", "Git commit", "Seed", "report-test", "(GBP)", "(day)"):
        if text not in html:
            problems.append(f"run report: '{text}' missing")
    if f"<code>{seed}</code>" not in html:
        problems.append("run report: the seed is not in the provenance footer")
    if "@media print" not in html:
        problems.append("run report: no print stylesheet")
    check_self_contained(html, problems, "run report")
    print(f"run report: {len(points)} charts, {sum(points.values())} data points")

    # Never replaced without --overwrite; no temporary file left behind.
    before = open(out, "rb").read()
    r = fx.run([exe, "report", run_h5, "-o", out], expect=2)
    if out not in r.stderr or "--overwrite" not in r.stderr:
        problems.append(f"existing report: message should name the file and --overwrite: {r.stderr}")
    if open(out, "rb").read() != before:
        problems.append("existing report: changed without --overwrite")
    fx.run([exe, "report", run_h5, "-o", out, "--overwrite", "--person", "10"])
    html10 = open(out, encoding="utf-8").read()
    if "citizen 10 (chosen with --person)" not in html10:
        problems.append("--person 10: the journey is not of citizen 10")
    leftovers = [n for n in os.listdir(work) if ".partial" in n]
    if leftovers:
        problems.append(f"temporary files left: {leftovers}")

    # --- inspect ---
    r = fx.run([exe, "inspect", run_h5])
    for text in ("/arms/silo/series/in_crisis", "/arms/relational/sample/cost", "schema_version",
                 "Headline figures", "Failure demand share", "person", "GBP"):
        if text not in r.stdout:
            problems.append(f"inspect: '{text}' missing from the output")

    # --- a sweep summary from placesim sweep ---
    summary = fx.sweep_summary(exe, work)
    sweep_html = os.path.join(work, "sweep.html")
    fx.run([exe, "report", summary, "-o", sweep_html])
    html = open(sweep_html, encoding="utf-8").read()
    points = svg_points(html)
    sweep_charts = [c for c in points if c.startswith("sweep-")]
    if points.get("chart-influence", 0) == 0:
        problems.append("sweep report: no parameter-influence chart with data")
    if len([c for c in sweep_charts if points[c] > 0]) < 4:
        problems.append(f"sweep report: too few response charts with data: {sweep_charts}")
    for p in ("demand.help_threshold_mean", "mechanics.uncover_rate"):
        if p not in html:
            problems.append(f"sweep report: parameter {p} not shown")
    if 'id="influence-ranking"' not in html:
        problems.append("sweep report: no ranking of parameter influence")
    check_self_contained(html, problems, "sweep report")
    r = fx.run([exe, "inspect", summary])
    if "Sweep: 8 runs" not in r.stdout or "demand.help_threshold_mean" not in r.stdout:
        problems.append(f"inspect of a sweep summary: {r.stdout[-400:]}")
    print(f"sweep report: {len(sweep_charts)} response charts")

    # --- a sweep summary in the generic layout (arm column, no /columns table) ---
    generic = fx.generic_summary(os.path.join(work, "generic_summary.h5"), schema)
    generic_html = os.path.join(work, "generic.html")
    fx.run([exe, "report", generic, "-o", generic_html])
    html = open(generic_html, encoding="utf-8").read()
    points = svg_points(html)
    if points.get("chart-influence", 0) == 0:
        problems.append("generic summary: no influence chart with data")
    if "1 run(s) failed" not in html:
        problems.append("generic summary: the failed run is not reported")
    ranking = re.search(r'id="influence-ranking">(.*?)</p>', html)
    if not ranking or ranking.group(1).find("demand.help_threshold_mean") < 0:
        problems.append("generic summary: no ranking")

    # --- bad input: each kind named, exit 2, nothing written ---
    for kind, (path, phrase) in fx.bad_inputs(run_h5, work, schema).items():
        for cmd in ("report", "inspect"):
            target = os.path.join(work, f"bad_{kind}.html")
            args = [exe, cmd, path] + (["-o", target] if cmd == "report" else [])
            r = fx.run(args, expect=None)
            print(f"{cmd} {kind}: exit {r.returncode}: {r.stderr.strip()}")
            if r.returncode != 2:
                problems.append(f"{cmd} {kind}: exit code {r.returncode}, expected 2")
            if path not in r.stderr or phrase not in r.stderr:
                problems.append(f"{cmd} {kind}: message should name {path} and say '{phrase}'")
            if os.path.exists(target):
                problems.append(f"{cmd} {kind}: wrote {target}")

    if problems:
        print("\n".join("FAIL: " + p for p in problems))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
