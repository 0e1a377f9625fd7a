#!/usr/bin/python3
"""Walks a placesim HDF5 file and fails on any dataset without a non-empty `units` and a
non-empty `description` string attribute (docs/output.md, "Units and descriptions").

Also refused: a `units` that xarray would silently decode as a time span ("days", "hours", ...:
a series of counts of days would become timedelta64), since the file promises plain numbers.

usage: check_units.py FILE
"""
import sys

import h5py

# xarray.coding.times.TIME_UNITS: a variable whose units are exactly one of these is decoded
# to timedelta64 by xarray.open_dataset (decode_timedelta follows decode_times).
TIMEDELTA_UNITS = {"days", "hours", "minutes", "seconds", "milliseconds", "microseconds",
                   "nanoseconds"}


def text(v):
    return v.decode() if isinstance(v, bytes) else v


def main():
    path = sys.argv[1]
    problems, count = [], 0
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            nonlocal count
            if not isinstance(obj, h5py.Dataset):
                return
            count += 1
            for attr in ("units", "description"):
                v = text(obj.attrs.get(attr))
                if not isinstance(v, str) or v.strip() == "":
                    problems.append(f"/{name}: {attr} missing or empty ({obj.attrs.get(attr)!r})")
            u = text(obj.attrs.get("units"))
            if isinstance(u, str) and u.strip() in TIMEDELTA_UNITS:
                problems.append(f"/{name}: units '{u}' would be decoded as a time span by xarray")
        f.visititems(visit)
    if count == 0:
        problems.append("no dataset at all")
    if problems:
        print(f"FAILED ({len(problems)} of {count} datasets):\n  " + "\n  ".join(problems[:60]))
        return 1
    print(f"OK: all {count} datasets have units and a description")
    return 0


if __name__ == "__main__":
    sys.exit(main())
