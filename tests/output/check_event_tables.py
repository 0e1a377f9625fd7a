#!/usr/bin/python3
"""The contacts and pulls tables of every arm, read back with h5py (docs/output.md): every
column documented (units, description); per day, the contact rows equal the series'
contacts_value + contacts_failure, the chase and repeat rows equal chasing_contacts and
repeat_contacts; the pull rows equal the total of expert_pulls.

usage: check_event_tables.py FILE
"""
import sys

import h5py
import numpy as np

problems = []


def need(cond, message):
    if not cond:
        problems.append(message)
    return cond


def main():
    with h5py.File(sys.argv[1], "r") as f:
        days = len(f["tick"])
        for arm in f["arms"]:
            a = f["arms"][arm]
            s = a["series"]
            for group in ("contacts", "pulls"):
                if not need(group in a, f"{arm}: no {group} group"):
                    return
                g = a[group]
                need("description" in g.attrs, f"{arm}/{group}: no description")
                need(int(g.attrs["full_from_day"]) == -1, f"{arm}/{group}: truncated")
                for name, ds in g.items():
                    need("units" in ds.attrs and "description" in ds.attrs,
                         f"{arm}/{group}/{name}: units or description missing")
                lengths = {len(ds) for ds in g.values()}
                need(len(lengths) == 1, f"{arm}/{group}: columns of different lengths {lengths}")
            c = a["contacts"]
            day = c["day"][:]
            need(np.all(np.diff(day) >= 0), f"{arm}: contact rows not in day order")
            per_day = np.bincount(day, minlength=days)
            want = s["contacts_value"][:] + s["contacts_failure"][:]
            need(np.array_equal(per_day, want.astype(np.int64)),
                 f"{arm}: contact rows per day differ from contacts_value + contacts_failure")
            kind = c["kind"][:]
            need(int((kind == 2).sum()) == int(s["chasing_contacts"][:].sum()),
                 f"{arm}: chase rows differ from chasing_contacts")
            need(int((kind == 1).sum()) == int(s["repeat_contacts"][:].sum()),
                 f"{arm}: repeat rows differ from repeat_contacts")
            need(set(np.unique(c["crisis"][:])) <= {0, 1}, f"{arm}: crisis is not a flag")
            need(int(len(a["pulls"]["day"])) == int(s["expert_pulls"][:].sum()),
                 f"{arm}: pull rows differ from the total of expert_pulls")
    for p in problems:
        print("FAIL:", p)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
