#!/usr/bin/python3
"""`placesim --help` lists the commands; every one of them answers `--help` with exit code 0
and a usage text on stdout. The list is read from the top-level help, so a new command is
covered as soon as it is registered."""
import re
import subprocess
import sys


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


def main(exe):
    problems = []
    top = run(exe, "--help")
    if top.returncode != 0:
        problems.append(f"placesim --help: exit code {top.returncode}")
    section = top.stdout.split("Commands:", 1)[-1]
    commands = re.findall(r"^  ([a-z][a-z0-9-]*)\s", section, re.MULTILINE)
    for required in ("run", "presets", "params"):
        if required not in commands:
            problems.append(f"placesim --help does not list '{required}' (found {commands})")
    for c in commands:
        r = run(exe, c, "--help")
        print(f"placesim {c} --help: exit {r.returncode}, {len(r.stdout)} bytes on stdout")
        if r.returncode != 0:
            problems.append(f"placesim {c} --help: exit code {r.returncode}: {r.stderr.strip()}")
        if "Usage" not in r.stdout or c not in r.stdout:
            problems.append(f"placesim {c} --help: no usage text naming the command on stdout")
    # Every command parses its options the same way: an unknown option is named, with the
    # same pointer to the help and the same exit code.
    for c in commands:
        r = run(exe, c, "--no-such-option")
        expected = f"placesim {c}: "
        hint = f"(see placesim {c} --help)"
        if r.returncode != 2 or not r.stderr.startswith(expected) or \
                "no-such-option" not in r.stderr or hint not in r.stderr:
            problems.append(f"placesim {c} --no-such-option: exit {r.returncode}, "
                            f"stderr {r.stderr!r}")
    early = run(exe, "--days", "5", "run")
    if early.returncode != 2 or "'--days' is not a command" not in early.stderr or \
            "options go after the command" not in early.stderr:
        problems.append(f"option before the command: exit {early.returncode}, "
                        f"stderr {early.stderr!r}")
    v = run(exe, "--version")
    if v.returncode != 0 or not re.search(r"placesim \d+\.\d+", v.stdout):
        problems.append(f"placesim --version: exit {v.returncode}, stdout {v.stdout!r}")
    bad = run(exe, "no-such-command")
    if bad.returncode != 2 or "no-such-command" not in bad.stderr:
        problems.append(f"unknown command: exit {bad.returncode}, stderr {bad.stderr!r}")
    none = run(exe)
    if none.returncode != 2:
        problems.append(f"no command: exit {none.returncode}, expected 2")
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        return 1
    print(f"OK: {len(commands)} commands")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
