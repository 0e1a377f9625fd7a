#!/usr/bin/python3
"""Every preset listed by `placesim presets` can be shown and runs for its own number of days
(on a smaller place, to stay fast), and its output passes the schema check of
tests/output/read_output.py. A new preset is covered as soon as it is embedded.

usage: check_presets.py PLACESIM WORKDIR READ_OUTPUT_PY"""
import os
import re
import shutil
import subprocess
import sys
import tomllib

MAX_CITIZENS = 1500  # presets keep their days, arms and schedules; only the place shrinks


def main(exe, work, reader):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    r = subprocess.run([exe, "presets"], capture_output=True, text=True, timeout=60)
    names = re.findall(r"^([a-z0-9][a-z0-9-]*)\s", r.stdout, re.MULTILINE)
    problems = []
    if r.returncode != 0 or not names:
        problems.append(f"placesim presets: exit {r.returncode}, presets {names}")
    for name in names:
        show = subprocess.run([exe, "presets", "show", name], capture_output=True, text=True, timeout=60)
        if show.returncode != 0 or "Story" not in show.stdout or "Experiment file" not in show.stdout:
            problems.append(f"presets show {name}: exit {show.returncode}")
        doc = tomllib.loads(show.stdout.split("Experiment file\n", 1)[-1])
        days = doc.get("run", {}).get("days", 365)
        citizens = min(doc.get("place", {}).get("citizens", 20000), MAX_CITIZENS)
        neighbourhoods = min(doc.get("place", {}).get("neighbourhoods", 20), citizens)
        out = os.path.join(work, f"{name}.h5")
        run = subprocess.run([exe, "run", "--preset", name, "--quiet", "--out", out, "--replicates", "1",
                              "--set", f"place.citizens={citizens}",
                              "--set", f"place.neighbourhoods={neighbourhoods}"],
                             capture_output=True, text=True, timeout=300)
        print(f"{name}: run exit {run.returncode}")
        if run.returncode != 0:
            problems.append(f"run --preset {name}: exit {run.returncode}: {run.stderr.strip()[:500]}")
            continue
        check = subprocess.run([sys.executable, reader, out, "--expect", f"run.days={days}",
                                "--expect", f"place.citizens={citizens}"],
                               capture_output=True, text=True, timeout=120)
        print(check.stdout.strip())
        if check.returncode != 0:
            problems.append(f"output of preset {name} fails the schema check")
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print(f"OK: {len(names)} presets")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
