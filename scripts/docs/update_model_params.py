#!/usr/bin/python3
"""Regenerate the parameter table of docs/model.md from `placesim params --json`.

  /usr/bin/python3 scripts/docs/update_model_params.py build/placesim

Replaces the per-section tables (the "#### `[section]`" headings and their tables) under the
heading "## Parameters: every key" with the ones scripts/docs/gen_params.py
makes from the binary's own registry, so the documented defaults cannot drift from the code.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "..", "..", "docs", "model.md")


def main():
    params = subprocess.run([sys.argv[1], "params", "--json"], check=True, capture_output=True, text=True).stdout
    table = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gen_params.py")], input=params,
                           check=True, capture_output=True, text=True).stdout.strip("\n").split("\n")
    lines = open(MODEL).read().split("\n")
    head = next(i for i, l in enumerate(lines) if l.startswith("## Parameters: every key"))
    start = next(i for i in range(head, len(lines)) if lines[i].startswith("#### `["))
    end = start
    while end < len(lines) and (lines[end].startswith(("|", "#### ")) or not lines[end].strip()):
        end += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    lines[start:end] = table
    open(MODEL, "w").write("\n".join(lines))


if __name__ == "__main__":
    main()
