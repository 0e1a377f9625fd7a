#!/usr/bin/python3
"""`placesim params --toml` prints every key with its default as a valid experiment file: it
parses as TOML, runs as --config, and the resolved config stored in the output equals it
except for the keys overridden on the command line.

usage: check_params_roundtrip.py PLACESIM WORKDIR"""
import os
import shutil
import subprocess
import sys
import tomllib

import h5py

OVERRIDES = {"run.days": 2, "place.citizens": 300, "place.neighbourhoods": 3}


def flatten(d, prefix=""):
    out = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, key + "."))
        else:
            out[key] = v
    return out


def main(exe, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    r = subprocess.run([exe, "params", "--toml"], capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        print(f"params --toml: exit {r.returncode}")
        return 1
    defaults = flatten(tomllib.loads(r.stdout))
    listed = subprocess.run([exe, "params"], capture_output=True, text=True, timeout=60).stdout
    problems = [f"key {k} is in --toml but not in the params listing"
                for k in defaults if f"{k} = " not in listed]
    path = os.path.join(work, "defaults.toml")
    with open(path, "w") as f:
        f.write(r.stdout)
    out = os.path.join(work, "out.h5")
    sets = [a for k, v in OVERRIDES.items() for a in ("--set", f"{k}={v}")]
    run = subprocess.run([exe, "run", "--config", path, *sets, "--quiet", "--out", out],
                         capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        problems.append(f"run --config defaults.toml: exit {run.returncode}: {run.stderr.strip()}")
    else:
        with h5py.File(out, "r") as f:
            resolved = flatten(tomllib.loads(f.attrs["config_toml"]))
            source = f.attrs["source"]
        if set(resolved) != set(defaults):
            problems.append(f"keys differ: {sorted(set(resolved) ^ set(defaults))[:20]}")
        for k in sorted(set(resolved) & set(defaults)):
            want = OVERRIDES.get(k, defaults[k])
            if resolved[k] != want:
                problems.append(f"{k}: resolved {resolved[k]!r}, expected {want!r}")
        if path not in str(source):
            problems.append(f"root attribute source is {source!r}, not the experiment file")
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems[:50]))
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print(f"OK: {len(defaults)} keys round-trip")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
