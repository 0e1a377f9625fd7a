#!/usr/bin/python3
"""Regenerate every generated table of docs/calibration.md and docs/validation.md from the
committed result files, so no number in those tables is typed by hand.

A table sits between two marker lines:
    <!-- BEGIN generated: NAME -->
    ...
    <!-- END generated: NAME -->
and only the text between them is replaced. NAME picks the generator below; its input is a JSON
file written by the scripts of experiments/calibration and experiments/validation:

  calibration-free, calibration-fit   experiments/calibration/result.json   (calibrate.py)
  calibration-heldout                 experiments/calibration/heldout.json  (heldout.py)
  calibration-identify                experiments/calibration/identify.json (identify.py)
  sensitivity                         experiments/validation/sensitivity.json (sensitivity.py --json)
  complexity-dial                     experiments/validation/complexity_dial.json (complexity_dial.py)
  preset-checks                       experiments/validation/preset_checks.json (preset_checks.py)

  /usr/bin/python3 scripts/docs/regenerate_tables.py           rewrite the blocks in place
  /usr/bin/python3 scripts/docs/regenerate_tables.py --check   exit 1 if a doc differs from its results
"""
import argparse
import json
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DOCS = ["docs/calibration.md", "docs/validation.md", "docs/presets.md"]
CAL = os.path.join(ROOT, "experiments", "calibration")
VAL = os.path.join(ROOT, "experiments", "validation")
LABEL = {
    "assessments_change": "assessments per person (change)",
    "staff_change": "distinct staff per person (change)",
    "referrals_change": "referrals per person (change)",
    "hours_change": "total staff hours (change)",
    "face_to_face_silo": "face-to-face share, silo",
    "face_to_face_relational": "face-to-face share, relational",
    "returning_silo": "returning demand, silo",
    "returning_relational": "returning demand, relational",
}
SHORT = {"assessments_change": "assess.", "staff_change": "staff", "referrals_change": "referrals",
         "hours_change": "hours", "face_to_face_silo": "f2f silo", "face_to_face_relational": "f2f rel.",
         "returning_silo": "return silo", "returning_relational": "return rel."}


def load(path):
    with open(path) as f:
        return json.load(f)


def pc(x):
    return f"{100 * x:.1f}%"


def g(x):
    return f"{x:.3g}"


def seeds(s):
    return f"{s[0]}-{s[-1]}" if s == list(range(s[0], s[-1] + 1)) else ", ".join(map(str, s))


def cal_free():
    r = load(os.path.join(CAL, "result.json"))
    out = ["| parameter | searched | default in the binary | chosen | why it is free |", "|---|---|---|---|---|"]
    for p in r["free"]:
        out.append(f"| `{p['key']}` | {g(p['lo'])}-{g(p['hi'])} | {g(p['default'])} | {g(r['chosen'][p['key']])} | {p['why']} |")
    return out


def cal_fit():
    r = load(os.path.join(CAL, "result.json"))
    b = r["budget"]
    out = [f"Search: {b['points']} Latin hypercube points on seed {r['fit_seeds'][0]}, the best {b['top']} and the "
           f"defaults on seeds {seeds(r['fit_seeds'])}, then {b['refine']} local points on seeds {seeds(r['fit_seeds'])}: "
           f"{b['runs']} runs, {b['wall_seconds']:.0f} s wall with {b['jobs']} jobs.",
           f"On the fit seeds, objective (RMS over seeds and patterns) / RMS distance of the mean: chosen point "
           f"{100 * r['chosen_objective']:.1f} / {100 * r['chosen_rms']:.1f} pp, the binary's defaults "
           f"{100 * r['defaults_objective']:.1f} / {100 * r['defaults_rms']:.1f} pp.", "",
           f"| pattern | observed | chosen point (mean of fit seeds) | defaults (mean of fit seeds) |", "|---|---|---|---|"]
    for k, t in r["targets"].items():
        out.append(f"| {LABEL[k]} | {pc(t)} | {pc(r['chosen_mean'][k])} | {pc(r['defaults_mean'][k])} |")
    return out


def cal_heldout():
    h = load(os.path.join(CAL, "heldout.json"))
    n = len(h["seeds"])
    src = "the binary's defaults" if h["source"] == "defaults" else f"the chosen point of `{h['source']}`"
    out = [f"Held-out seeds {seeds(h['seeds'])} ({n} seeds, none used by the fit), {src}; RMS distance of the "
           f"mean {100 * h['rms']:.1f} pp.", "",
           "| pattern | observed | mean | SD | min | max | mean within +/-10 pp |", "|---|---|---|---|---|---|---|"]
    for k, p in h["patterns"].items():
        out.append(f"| {LABEL[k]} | {pc(p['observed'])} | {pc(p['mean'])} | {100 * p['sd']:.1f} pp | {pc(p['min'])} | "
                   f"{pc(p['max'])} | {'yes' if p['within'] else '**no**'} |")
    out += ["", "| direction (relational vs silo) | seeds where it holds |", "|---|---|"]
    for name, k in h["directions"].items():
        out.append(f"| {name.replace('_change', '')} | {k}/{n} |")
    return out


def cal_identify():
    d = load(os.path.join(CAL, "identify.json"))
    pats = list(SHORT)
    out = [f"Morris screen around the chosen point: {d['trajectories']} trajectories, {d['levels']} levels, "
           f"Delta = {d['delta']:.3g} of the box, {d['runs']} runs ({d['wall_seconds']:.0f} s). Cells: mu* in pp per "
           f"box width (box: chosen value +/- a quarter of the search range); **bold** = above the noise floor "
           f"sqrt(2) SD / Delta (SD over seeds {seeds(d['noise_seeds'])} at the chosen point).", "",
           "| parameter | box | objective | " + " | ".join(SHORT[p] for p in pats) + " | identified by |",
           "|---|---|---|" + "---|" * len(pats) + "---|",
           "| *noise floor* | | " + g(d["noise_floor"]["objective"]) + " | "
           + " | ".join(g(d["noise_floor"][p]) for p in pats) + " | |"]
    for r in d["parameters"]:
        cells = []
        for p in pats:
            v = r["effects"][p]["mustar"]
            cells.append(f"**{g(v)}**" if p in r["identified_by"] else g(v))
        ids = ", ".join(SHORT[p] for p in r["identified_by"]) or "none: **not identified**"
        out.append(f"| `{r['key']}` | {g(r['box'][0])}-{g(r['box'][1])} | {g(r['effects']['objective']['mustar'])} | "
                   + " | ".join(cells) + f" | {ids} |")
    un = d["unidentified"]
    out += ["", "Not identified by any pattern: " + (", ".join(f"`{k}`" for k in un) if un else "none") + "."]
    return out


def sensitivity():
    s = load(os.path.join(VAL, "sensitivity.json"))
    outs = ["d_failure_share", "d_crisis_cost", "d_service_cost"]
    nb = max(1, s["citizens"] // 500)
    out = [f"Preset `{s.get('preset', 'silo-vs-relational')}` at {s['citizens']} citizens, {nb} neighbourhoods, "
           f"{s['days']} days; {s['runs']} runs (each both arms), {s['wall_seconds']:.0f} s wall. Centre and ranges "
           f"read from the binary:", "", "| parameter | centre | box (x0.8-x1.2, clipped) |", "|---|---|---|"]
    for p in s.get("params", []):
        out.append(f"| `{p['key']}` | {g(p['centre'])} | {g(p['lo'])}-{g(p['hi'])} |")
    out += ["", f"Baseline, relational minus silo, over {s['base_seeds']} seeds:", "",
            "| output | mean | seed-to-seed SD | EE noise floor (2 SD / Delta) |", "|---|---|---|---|"]
    for o in outs:
        b = s["baseline"][o]
        sd = "n/a" if b["sd"] is None else g(b["sd"])
        out.append(f"| {o} | {b['mean']:.4g} | {sd} | {g(s['noise_floor_ee'][o])} |")
    out += ["", f"One at a time: change from baseline at -20% / +20% (mean of {s['oat_seeds']} seeds, common random "
            f"numbers):", "", "| parameter | " + " | ".join(f"{o} -20% | {o} +20%" for o in outs) + " |",
            "|---|" + "---|---|" * len(outs)]
    for r in s["oat"]:
        out.append(f"| {r['param']} | " + " | ".join(f"{r[o + '_lo']:+.3g} | {r[o + '_hi']:+.3g}" for o in outs) + " |")
    out += ["", f"Morris: r = {s['trajectories']} trajectories, p = {s['levels']} levels, Delta = {s['delta']:.3g}; "
            f"effects per full -20%..+20% range (mu*, sigma, mu), sorted by crisis-cost mu*:", "",
            "| parameter | " + " | ".join(f"{o} mu* | sigma | mu" for o in outs) + " |", "|---|" + "---|---|---|" * len(outs)]
    for r in sorted(s["morris"], key=lambda r: -r["d_crisis_cost_mustar"]):
        out.append(f"| {r['param']} | " + " | ".join(
            f"{g(r[o + '_mustar'])} | {g(r[o + '_sigma'])} | {r[o + '_mu']:+.3g}" for o in outs) + " |")
    return out


def complexity_dial():
    d = load(os.path.join(VAL, "complexity_dial.json"))
    outs = ["failure_share", "repeat_per_1k", "cost_per_1k", "in_crisis_per_1k"]
    fmt = {"failure_share": lambda x: f"{x:+.3f}", "repeat_per_1k": lambda x: f"{x:+.0f}",
           "cost_per_1k": lambda x: f"{x:+,.0f}", "in_crisis_per_1k": lambda x: f"{x:+.2f}"}
    out = [f"Preset `{d['preset']}` at {d['citizens']} citizens, {d['days']} days, seeds {seeds(d['seeds'])} per level; "
           f"level x the centre of {', '.join('`' + k + '`' for k in d['keys'])} "
           f"(centre {', '.join(g(d['centre'][k]) for k in d['keys'])}); {d['runs']} runs, {d['wall_seconds']:.0f} s.", "",
           "Relational minus silo, mean (SD) [min, max] over seeds (negative = relational lower):", "",
           "| level | failure-demand share | repeat contacts / 1,000 | cost / 1,000 (GBP) | in crisis / 1,000 |",
           "|---|---|---|---|---|"]
    for r in d["levels"]:
        cells = []
        for o in outs:
            s = r["diff"][o]
            f = fmt[o]
            cells.append(f"{f(s['mean'])} ({abs(s['sd']):.3g}) [{f(s['min'])}, {f(s['max'])}]")
        out.append(f"| {g(r['level'])} | " + " | ".join(cells) + " |")
    out += ["", "Pressure readouts, mean over seeds (silo / relational):", "",
            "| level | queue / 1,000 | mean wait (days) | chasing / 1,000 | utilisation | idle share |", "|---|---|---|---|---|---|"]
    for r in d["levels"]:
        a = r["arms"]
        cells = [f"{a['silo'][k]['mean']:.3g} / {a['relational'][k]['mean']:.3g}"
                 for k in ("queue_per_1k", "mean_wait_days", "chasing_per_1k", "utilisation", "idle_share")]
        out.append(f"| {g(r['level'])} | " + " | ".join(cells) + " |")
    out += ["", "Verdict per step (advantage = silo minus relational; grows / stops / reverses against 2 SE of "
            "the paired change; the mechanism is named from the relational arm's readouts):", ""]
    for o in outs:
        steps = [v for v in d["verdicts"] if v["outcome"] == o]
        parts = [f"{g(v['from'])}->{g(v['to'])} {v['trend']}" + (f" ({v['mechanism']})" if "mechanism" in v else "")
                 for v in steps]
        out.append(f"* {o}: " + "; ".join(parts) + ".")
    return out


def preset_checks():
    r = load(os.path.join(VAL, "preset_checks.json"))
    out = [f"Every preset at its own size and seed, {r['presets'][0]['replicates']} replicates each "
           f"({r['placesim']}; `experiments/validation/preset_checks.py`). A clause passes when the "
           "mean over replicates of left - right has the stated sign; the interval is the 95% t "
           "interval of the paired differences.", "",
           "| preset | clause | result | mean difference (95% interval) |", "|---|---|---|---|"]
    for p in r["presets"]:
        for c in p["clauses"]:
            res = "PASS" if c["pass"] else ("ERROR: " + c["error"] if c["error"] else "FAIL")
            if not c["error"] and c["ci_low"] <= 0 <= c["ci_high"]:
                res += " (interval holds 0: no clear difference)"
            d = c["mean_difference"]
            ci = "" if c["ci_low"] != c["ci_low"] else f" ({g(c['ci_low'])} to {g(c['ci_high'])})"
            out.append(f"| `{p['preset']}` | `{c['clause']}` | {res} | {g(d)}{ci} |")
    return out


GENERATORS = {
    "calibration-free": cal_free, "calibration-fit": cal_fit, "calibration-heldout": cal_heldout,
    "calibration-identify": cal_identify, "sensitivity": sensitivity, "complexity-dial": complexity_dial,
    "preset-checks": preset_checks,
}
BLOCK = re.compile(r"(<!-- BEGIN generated: ([\w-]+) -->\n)(.*?)(<!-- END generated: \2 -->)", re.S)


def regenerate(text):
    def repl(m):
        name = m.group(2)
        if name not in GENERATORS:
            raise SystemExit(f"unknown generated block {name!r}")
        return m.group(1) + "\n".join(GENERATORS[name]()) + "\n" + m.group(4)
    return BLOCK.sub(repl, text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if any doc is out of date")
    a = ap.parse_args()
    stale = []
    for rel in DOCS:
        path = os.path.join(ROOT, rel)
        old = open(path).read()
        new = regenerate(old)
        if new != old:
            stale.append(rel)
            if not a.check:
                open(path, "w").write(new)
    if a.check:
        for rel in stale:
            print(f"{rel}: generated tables differ from the result files (run scripts/docs/regenerate_tables.py)")
        return 1 if stale else 0
    for rel in stale:
        print(f"updated {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
