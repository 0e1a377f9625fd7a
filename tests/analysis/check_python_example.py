#!/usr/bin/python3
"""analysis/python/example.py runs as documented on a freshly made run and sweep summary, and
writes its figures as PNG files.

usage: check_python_example.py PLACESIM WORKDIR EXAMPLE_PY"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report_fixtures as fx  # noqa: E402


def png_ok(path):
    if not os.path.exists(path) or os.path.getsize(path) < 5000:
        return False
    with open(path, "rb") as f:
        return f.read(8) == b"\x89PNG\r\n\x1a\n"


def main(exe, work, example):
    fx.fresh_dir(work)
    problems = []
    run_h5 = fx.comparison_run(exe, work)
    summary = fx.sweep_summary(exe, work)

    with_sweep = os.path.join(work, "with_sweep")
    r = fx.run([sys.executable, example, run_h5, summary, "--out", with_sweep], timeout=120)
    print(r.stdout.strip())
    for name in ("run_wellbeing_crisis.png", "sweep_response.png"):
        if not png_ok(os.path.join(with_sweep, name)):
            problems.append(f"with a summary: {name} missing or not a PNG")

    run_only = os.path.join(work, "run_only")
    r = fx.run([sys.executable, example, run_h5, "--out", run_only], timeout=120)
    print(r.stdout.strip())
    for name in ("run_wellbeing_crisis.png", "cost_curves.png"):
        if not png_ok(os.path.join(run_only, name)):
            problems.append(f"run only: {name} missing or not a PNG")

    if problems:
        print("\n".join("FAIL: " + p for p in problems))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3]))
