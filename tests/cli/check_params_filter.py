#!/usr/bin/python3
"""`placesim params FILTER` lists only the keys containing FILTER; a FILTER matching no key, a
second argument and --toml with a FILTER are refused with exit code 2 and a message naming
what is wrong (the filter was once ignored, and so were extra arguments)."""
import re
import subprocess
import sys


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


def keys(stdout):
    return re.findall(r"^([a-z_][a-z0-9_.]*) = ", stdout, re.MULTILINE)


def main(exe):
    problems = []
    every = run(exe, "params")
    all_keys = keys(every.stdout)
    if every.returncode != 0 or len(all_keys) < 10:
        problems.append(f"placesim params: exit {every.returncode}, {len(all_keys)} keys")
    for f in ("silo", "run.", "days"):
        r = run(exe, "params", f)
        shown = keys(r.stdout)
        expected = [k for k in all_keys if f in k]
        print(f"placesim params {f}: exit {r.returncode}, {len(shown)} keys")
        if r.returncode != 0 or shown != expected or not shown:
            problems.append(f"placesim params {f}: exit {r.returncode}, {len(shown)} keys "
                            f"(first {shown[:3]}), expected {len(expected)} ({expected[:3]})")
    for args, text in ((("no-such-key",), "no key contains 'no-such-key'"),
                       (("silo", "extra"), "unexpected argument 'extra'"),
                       (("--toml", "silo"), "--toml")):
        r = run(exe, "params", *args)
        print(f"placesim params {' '.join(args)}: exit {r.returncode}, {r.stderr.strip()!r}")
        if r.returncode != 2 or text not in r.stderr or r.stdout:
            problems.append(f"placesim params {' '.join(args)}: exit {r.returncode}, "
                            f"stderr {r.stderr!r}, {len(r.stdout)} bytes on stdout")
    # Roles and JSON (issue 11): every key has a role; --levers lists only levers, and among
    # them the commissioner's and the designs' rules; --json is valid JSON with the same keys.
    import json
    j = run(exe, "params", "--json")
    try:
        entries = json.loads(j.stdout)
    except ValueError as e:
        entries = []
        problems.append(f"placesim params --json is not JSON: {e}")
    if [e["key"] for e in entries] != all_keys:
        problems.append("placesim params --json lists other keys than placesim params")
    roles = {e["key"]: e["role"] for e in entries}
    if set(roles.values()) != {"lever", "uncertainty", "setting"}:
        problems.append(f"roles seen: {sorted(set(roles.values()))}")
    for key, role in (("groups.funding", "lever"), ("silo.threshold", "lever"),
                      ("relational.coverage", "lever"), ("life.recovery_rate", "uncertainty"),
                      ("run.days", "setting")):
        if roles.get(key) != role:
            problems.append(f"{key}: role {roles.get(key)!r}, expected {role!r}")
    lev = run(exe, "params", "--levers")
    if lev.returncode != 0 or keys(lev.stdout) != [k for k in all_keys if roles.get(k) == "lever"]:
        problems.append("placesim params --levers does not list exactly the levers")
    if "[silo]" not in lev.stdout or "[life]" in lev.stdout:
        problems.append("placesim params --levers is not grouped by section")
    for args, text in ((("--role", "knob"), "expected lever, uncertainty or setting"),
                       (("--levers", "--role", "setting"), "contradict"),
                       (("--toml", "--json"), "--toml")):
        r = run(exe, "params", *args)
        if r.returncode != 2 or text not in r.stderr or r.stdout:
            problems.append(f"placesim params {' '.join(args)}: exit {r.returncode}, "
                            f"stderr {r.stderr!r}")
    h = run(exe, "params", "--help")
    if h.returncode != 0 or "FILTER" not in h.stdout or "substring" not in h.stdout:
        problems.append("placesim params --help does not describe FILTER as a substring")
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
