#!/usr/bin/python3
"""`placesim presets worksheet NAME` (issue 11, teaching) writes, for every preset, a printable
HTML worksheet holding the preset's story, its prediction prompt, a row per arm to write the
prediction in, where to look and its discussion questions, all from the preset file; it never
replaces an existing file without --overwrite; an unknown preset is refused. With Chromium on the
machine each worksheet is printed to PDF and must fit on one page.

Usage: check_worksheet.py PLACESIM WORKDIR"""
import html
import os
import re
import shutil
import subprocess
import sys


def run(*args, cwd=None):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=120, cwd=cwd)


def pdf_pages(chromium, page, work):
    pdf = page[:-5] + ".pdf"
    run(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        f"--user-data-dir={os.path.join(work, 'chromium-profile')}", f"--print-to-pdf={pdf}",
        "--no-pdf-header-footer", "file://" + page)
    if not os.path.exists(pdf):
        return None
    return len(re.findall(rb"/Type\s*/Page[^s]", open(pdf, "rb").read()))


def main(exe, work):
    exe = os.path.abspath(exe)
    os.makedirs(work, exist_ok=True)
    problems = []
    presets = [line.split()[0] for line in run(exe, "presets").stdout.splitlines() if line.strip()]
    chromium = shutil.which("chromium")
    for name in presets:
        page = os.path.join(work, f"{name}.html")
        r = run(exe, "presets", "worksheet", name, "--out", page, "--overwrite")
        if r.returncode != 0 or not os.path.exists(page):
            problems.append(f"{name}: exit {r.returncode}: {r.stderr}")
            continue
        text = html.unescape(open(page, encoding="utf-8").read())
        show = run(exe, "presets", "show", name).stdout
        arms = re.search(r"^Arms: (.*)$", show, re.MULTILINE)
        for needle in ("The story", "Before you run it", "Where to look", "Questions",
                       f"placesim run --preset {name}"):
            if needle not in text:
                problems.append(f"{name}: worksheet lacks '{needle}'")
        if text.count("<li>") < 3:
            problems.append(f"{name}: fewer than three questions")
        if arms:
            for arm in re.findall(r"[A-Za-z0-9_-]+", arms.group(1).split("(")[0]):
                if f"<code>{arm}</code>" not in text:
                    problems.append(f"{name}: no prediction row for arm {arm}")
        if chromium:
            pages = pdf_pages(chromium, page, work)
            print(f"{name}: {pages} page(s) printed")
            if pages != 1:
                problems.append(f"{name}: prints on {pages} pages, not one")
    again = run(exe, "presets", "worksheet", presets[0], "--out", os.path.join(work, f"{presets[0]}.html"))
    if again.returncode != 2 or "--overwrite" not in again.stderr:
        problems.append(f"an existing worksheet was not protected: {again.returncode} {again.stderr!r}")
    bad = run(exe, "presets", "worksheet", "no-such-preset", cwd=work)
    if bad.returncode != 2 or "unknown preset 'no-such-preset'" not in bad.stderr:
        problems.append(f"unknown preset: exit {bad.returncode}, {bad.stderr!r}")
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        return 1
    print(f"OK ({len(presets)} worksheets)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
