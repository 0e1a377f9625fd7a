#!/usr/bin/python3
"""The report in a real browser: headless Chromium loads the report of a comparison run and of
a sweep summary with no script or console errors, every expected chart is in the rendered DOM
with data points, and a screenshot of each is saved for a person to look at. A missing Chromium
is a failure, not a skip: scripts/install-deps.sh installs it when PLACESIM_WITH_BROWSER=1.

usage: check_report_browser.py PLACESIM WORKDIR SCREENSHOT_DIR"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report_fixtures as fx  # noqa: E402
from check_report import RUN_CHARTS  # noqa: E402

CHROMIUM = os.environ.get("PLACESIM_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]


def chromium(args, timeout=120):
    """Runs Chromium with a fresh profile; returns (stdout, stderr)."""
    profile = tempfile.mkdtemp(prefix="placesim-chromium-")
    try:
        r = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                           capture_output=True, text=True, timeout=timeout)
        return r.returncode, r.stdout, r.stderr
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(stderr):
    """Script errors and console messages of the page (not Chromium's own D-Bus chatter)."""
    return [line for line in stderr.splitlines()
            if "Uncaught" in line or ":CONSOLE(" in line or "SyntaxError" in line]


def check_page(html_path, expected, screenshot, problems, what):
    url = "file://" + os.path.abspath(html_path)
    code, dom, err = chromium(["--dump-dom", url])
    if code != 0 or "<body" not in dom:
        problems.append(f"{what}: chromium --dump-dom failed (exit {code}): {err[-500:]}")
        return
    body = re.search(r"<body([^>]*)>", dom).group(1)
    if 'data-loaded="1"' not in body:
        problems.append(f"{what}: the page's load handler did not run: <body{body}>")
    if 'data-errors="0"' not in body or 'id="script-errors"' in dom:
        problems.append(f"{what}: script errors recorded in the page")
    for line in console_errors(err):
        problems.append(f"{what}: console: {line}")
    rendered = {m.group(1): int(m.group(2)) for m in
                re.finditer(r'<svg id="([^"]+)" class="chart"[^>]*?data-points="(\d+)"', dom)}
    charts = re.search(r'data-charts="(\d+)"', body)
    if not charts or int(charts.group(1)) != len(rendered):
        problems.append(f"{what}: the browser counted {charts and charts.group(1)} charts, the DOM "
                        f"has {len(rendered)}")
    for chart in expected:
        if rendered.get(chart, 0) == 0:
            problems.append(f"{what}: chart {chart} missing or without data points in the DOM")
    # The charts are drawn: every data point of a chart is inside its SVG, so a rendered chart
    # with points has visible marks (paths, circles or rects).
    for m in re.finditer(r'<svg id="([^"]+)"[^>]*data-points="([1-9]\d*)"[^>]*>(.*?)</svg>', dom, re.S):
        if not re.search(r"<(path|circle|rect)\b", m.group(3)):
            problems.append(f"{what}: chart {m.group(1)} has points but no marks")
    print(f"{what}: {len(rendered)} charts rendered, "
          f"{sum(1 for v in rendered.values() if v > 0)} with data")

    if os.path.exists(screenshot):
        os.remove(screenshot)
    code, _, err = chromium([f"--screenshot={screenshot}", "--window-size=1280,4000", url])
    if not os.path.exists(screenshot) or os.path.getsize(screenshot) < 20000:
        problems.append(f"{what}: no screenshot written to {screenshot} (exit {code}): {err[-300:]}")
    else:
        with open(screenshot, "rb") as f:
            if f.read(8) != b"\x89PNG\r\n\x1a\n":
                problems.append(f"{what}: {screenshot} is not a PNG")
        print(f"{what}: screenshot {screenshot}")


def main(exe, work, shots):
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        print(f"FAIL: {CHROMIUM} not found; install it with PLACESIM_WITH_BROWSER=1 "
              "bash scripts/install-deps.sh")
        return 1
    fx.fresh_dir(work)
    os.makedirs(shots, exist_ok=True)
    problems = []

    run_h5 = fx.comparison_run(exe, work)
    run_html = os.path.join(work, "comparison.html")
    fx.run([exe, "report", run_h5, "-o", run_html])
    check_page(run_html, RUN_CHARTS, os.path.join(shots, "report-comparison.png"), problems,
               "comparison report")

    summary = fx.sweep_summary(exe, work)
    sweep_html = os.path.join(work, "sweep.html")
    fx.run([exe, "report", summary, "-o", sweep_html])
    sweep_expected = ["chart-influence", "sweep-failure-demand-share--demand-help-threshold-mean"]
    check_page(sweep_html, sweep_expected, os.path.join(shots, "report-sweep.png"), problems,
               "sweep report")

    if problems:
        print("\n".join("FAIL: " + p for p in problems))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3]))
