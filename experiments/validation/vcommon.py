"""Shared by sensitivity.py and complexity_dial.py: the binary's own defaults and ranges, runs.

Defaults come from `placesim params --toml` and ranges from `placesim params`, so the scripts
are centred on whatever the binary's defaults are today (never on a copied list); a preset's
own settings (outside its arms) are laid over the defaults, because that is the point the
preset actually runs.
"""
import os
import re
import subprocess
import tempfile
import tomllib

import h5py

WORKED = ["face_to_face", "assessment", "recording", "handoff", "coordination", "travel", "waiting"]
_RANGE = re.compile(r"^(\S+) = (\S+)\s+\[([^,]+), ([^\]]+)\]")


def flatten(d, prefix=""):
    out = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, key + "."))
        else:
            out[key] = v
    return out


def defaults(placesim):
    """{key: default} for every key, from `placesim params --toml`."""
    text = subprocess.run([placesim, "params", "--toml"], check=True, capture_output=True, text=True).stdout
    return flatten(tomllib.loads(text))


def ranges(placesim):
    """{key: (lo, hi)} for every key with a numeric range, from `placesim params`."""
    text = subprocess.run([placesim, "params"], check=True, capture_output=True, text=True).stdout
    out = {}
    for line in text.splitlines():
        m = _RANGE.match(line)
        if m:
            try:
                out[m.group(1)] = (float(m.group(3)), float(m.group(4)))
            except ValueError:
                pass
    return out


def preset_settings(placesim, preset):
    """The keys a preset sets for all its arms (its [arms.*], [experiment] and [run] excluded)."""
    text = subprocess.run([placesim, "presets", "show", preset], check=True, capture_output=True, text=True).stdout
    toml = text[text.index("[experiment]"):]
    d = tomllib.loads(toml)
    for k in ("arms", "experiment", "run"):
        d.pop(k, None)
    return flatten(d)


def centre(placesim, preset):
    """The point a preset runs at: the binary's defaults with the preset's settings over them."""
    return {**defaults(placesim), **preset_settings(placesim, preset)}


def run(placesim, preset, seed, sets, size, workdir):
    """Run one preset (both arms) and return {arm: readout}. size: extra CLI arguments."""
    fd, out = tempfile.mkstemp(suffix=".h5", dir=workdir)
    os.close(fd)
    cmd = [placesim, "run", "--preset", preset, *size, "--seed", str(seed), "--threads", "1",
           "--out", out, "--overwrite", "--quiet", "--replicates", "1"]
    for k, v in sets.items():
        cmd += ["--set", f"{k}={v!r}"]
    try:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        with h5py.File(out, "r") as f:
            citizens = len(f["arms"][next(iter(f["arms"]))]["citizens"]["contacts"])
            return {arm: readout(f["arms"][arm]["series"], citizens) for arm in f["arms"]}
    finally:
        os.remove(out)


def readout(s, citizens):
    """Headline outcomes and the pressure readouts (queue, wait, utilisation) of one arm."""
    per_k = 1000.0 / citizens
    tot = {k: float(s[k][()].sum()) for k in ("contacts_failure", "contacts_value", "repeat_contacts",
                                              "crisis_cost", "service_cost", "hours_idle", "hours_absence")}
    worked = sum(float(s["hours_" + a][()].sum()) for a in WORKED)
    paid = worked + tot["hours_idle"] + tot["hours_absence"]
    contacts = tot["contacts_failure"] + tot["contacts_value"]
    return {
        "failure_share": tot["contacts_failure"] / max(1.0, contacts),
        "repeat_per_1k": tot["repeat_contacts"] * per_k,
        "crisis_cost_per_1k": tot["crisis_cost"] * per_k,
        "service_cost_per_1k": tot["service_cost"] * per_k,
        "cost_per_1k": (tot["crisis_cost"] + tot["service_cost"]) * per_k,
        "in_crisis_per_1k": float(s["in_crisis"][()].mean()) * per_k,
        "queue_per_1k": float(s["queue_length"][()].mean()) * per_k,
        "mean_wait_days": float(s["mean_wait"][()].mean()),
        "chasing_per_1k": float(s["chasing_contacts"][()].sum()) * per_k,
        "utilisation": worked / paid if paid else 0.0,
        "idle_share": tot["hours_idle"] / paid if paid else 0.0,
    }
