#!/usr/bin/python3
"""`placesim export FILE --format csv` round-trips: every number in the CSV tables equals what
h5py reads from the file (float32 columns compared as float32), every value of every exported
dataset is there exactly once, replicate is 0 (no replicate dimension), strings are UTF-8, and
the export refuses to overwrite without --overwrite (exit 2, tables untouched) and replaces with
it. Only the standard library's csv module and numpy: no pandas needed.

usage: check_export.py PLACESIM FILE WORKDIR
"""
import csv
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np

problems = []
LONG = {"series.csv": ("series", ["tick"]), "neighbourhood.csv": ("neighbourhood", ["tick", "neighbourhood"]),
        "units.csv": ("units", ["tick", "unit"]), "sample.csv": ("sample", ["tick", "citizen"])}
WIDE = {"citizens.csv": ("citizens", "citizen"), "cases.csv": ("cases", "case"),
        "contacts.csv": ("contacts", "contact"), "pulls.csv": ("pulls", "pull"),
        "staffing_plan.csv": ("staffing_plan", "unit"), "network.csv": ("network", "degree")}
LABELS = ("unit_name", "neighbourhood_deprivation")


def need(cond, message):
    if not cond:
        problems.append(message)
    return cond


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:  # UTF-8 or this raises
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def data_items(g):
    return [(k, v) for k, v in g.items() if isinstance(v, h5py.Dataset)
            and not h5py.h5ds.is_scale(v.id) and k not in LABELS and v.dtype.kind in "iuf"]


def equal(csv_values, ds_values):
    """CSV text to the dataset's own type, then exact equality (NaN equals NaN)."""
    want = np.asarray(ds_values)
    got = np.array([float(x) for x in csv_values], dtype=np.float64)
    if want.dtype == np.float32:
        got = got.astype(np.float32)
    return got.shape == want.shape and np.array_equal(got, want.astype(got.dtype), equal_nan=True)


def run(exe, *args):
    return subprocess.run([exe, "export", *args], capture_output=True, text=True, timeout=120)


def main():
    exe, path, work = sys.argv[1], sys.argv[2], sys.argv[3]
    out = os.path.join(work, "export_csv")
    shutil.rmtree(out, ignore_errors=True)
    r = run(exe, path, "--format", "csv", "--out", out)
    if not need(r.returncode == 0, f"export failed ({r.returncode}): {r.stderr}"):
        return report()
    with h5py.File(path, "r") as f:
        arms = text(f.attrs["arms"]).split(",")
        unit_names = [text(x) for x in f["unit_name"][()]]
        for name, (group, axes) in LONG.items():
            head, rows = read_csv(os.path.join(out, name))
            need(head == ["replicate", "arm", *axes, "variable", "value"], f"{name}: header {head}")
            need(all(r[0] == "0" for r in rows), f"{name}: replicate is not 0 everywhere")
            by = {}
            for r in rows:
                by.setdefault((r[1], r[-2]), []).append(r)
            for arm in arms:
                for var, ds in data_items(f[f"arms/{arm}/{group}"]):
                    got = by.pop((arm, var), [])
                    data = ds[()]
                    if not need(len(got) == data.size, f"{name}: {arm}/{var} has {len(got)} rows, "
                                f"the file {data.size} values"):
                        continue
                    need(equal([r[-1] for r in got], data.ravel()), f"{name}: {arm}/{var} values differ")
                    # The axis labels: row-major order over the group's coordinates.
                    coords = [f[f"arms/{arm}/{group}/{a}"][()] for a in axes]
                    grid = np.meshgrid(*[np.arange(len(c)) for c in coords], indexing="ij")
                    for k, a in enumerate(axes):
                        labels = [r[2 + k] for r in got]
                        idx = grid[k].ravel()
                        want = ([unit_names[i] for i in idx] if a == "unit"
                                else [str(int(coords[k][i])) for i in idx])
                        need(labels == want, f"{name}: {arm}/{var} column {a} is not the coordinate")
            need(not by, f"{name}: rows for variables not in the file: {sorted(by)[:5]}")
        for name, (group, axis) in WIDE.items():
            present = [a for a in arms if group in f[f"arms/{a}"]]
            p = os.path.join(out, name)
            if not need(os.path.exists(p) == bool(present), f"{name}: exists={os.path.exists(p)}"):
                continue
            if not present:
                continue
            head, rows = read_csv(p)
            need(head[:3] == ["replicate", "arm", axis], f"{name}: header {head[:3]}")
            for arm in present:
                g = f[f"arms/{arm}/{group}"]
                mine = [r for r in rows if r[1] == arm]
                for var, ds in data_items(g):
                    if not need(var in head, f"{name}: no column {var}"):
                        continue
                    c = head.index(var)
                    need(equal([r[c] for r in mine], ds[()]), f"{name}: {arm}/{var} values differ")
                if axis == "unit":
                    need([r[2] for r in mine] == unit_names, f"{name}: {arm} unit column is not the names")
                else:
                    need([int(r[2]) for r in mine] == list(range(len(mine))), f"{name}: {arm} {axis} column")
        head, rows = read_csv(os.path.join(out, "variables.csv"))
        need(head == ["table", "variable", "units", "description"], f"variables.csv: header {head}")
        need(all(r[2] and r[3] for r in rows), "variables.csv: a variable without units or description")
        head, rows = read_csv(os.path.join(out, "neighbourhoods.csv"))
        need(equal([r[1] for r in rows], f["neighbourhood_deprivation"][()]), "neighbourhoods.csv: deprivation")

    # Refuses to overwrite: exit 2, a message naming the table, the tables untouched.
    series = os.path.join(out, "series.csv")
    with open(series, "w", encoding="utf-8") as fh:
        fh.write("sentinel\n")
    r = run(exe, path, "--out", out)
    need(r.returncode == 2 and "--overwrite" in r.stderr, f"second export: {r.returncode} {r.stderr}")
    need(open(series, encoding="utf-8").read() == "sentinel\n", "a refused export changed series.csv")
    r = run(exe, path, "--out", out, "--overwrite")
    need(r.returncode == 0 and open(series, encoding="utf-8").read() != "sentinel\n",
         f"--overwrite did not replace the tables: {r.returncode} {r.stderr}")
    need(not [n for n in os.listdir(out) if ".partial-" in n], "temporary files left behind")
    check_replicates(exe, path, work)
    r = run(exe, path, "--format", "parquet", "--out", out)
    need(r.returncode == 2, f"--format parquet: exit {r.returncode}")
    r = run(exe, "--help")
    need(r.returncode == 0 and "--overwrite" in r.stdout, "export --help")
    return report()


def check_replicates(exe, path, work):
    """A dataset with a leading replicate dimension (as replicated comparisons write) gives one
    block of rows per replicate, labelled by the replicate coordinate."""
    copy = os.path.join(work, "export_replicates.h5")
    shutil.copyfile(path, copy)
    with h5py.File(copy, "r+") as f:
        arm = text(f.attrs["arms"]).split(",")[0]
        g = f[f"arms/{arm}/series"]
        T = len(g["tick"])
        rep = g.create_dataset("replicate", data=np.array([10, 11, 12], dtype=np.int32))
        rep.make_scale("replicate")
        rep.attrs["units"], rep.attrs["description"] = "id", "Replicate."
        want = np.arange(3 * T, dtype=np.float64).reshape(3, T) / 7.0
        d = g.create_dataset("rq", data=want)
        d.dims[0].attach_scale(rep)
        d.dims[1].attach_scale(g["tick"])
    out = os.path.join(work, "export_replicates_csv")
    shutil.rmtree(out, ignore_errors=True)
    r = run(exe, copy, "--out", out)
    if not need(r.returncode == 0, f"replicated export failed: {r.stderr}"):
        return
    _, rows = read_csv(os.path.join(out, "series.csv"))
    rq = [row for row in rows if row[1] == arm and row[3] == "rq"]
    need(len(rq) == 3 * T, f"replicated series: {len(rq)} rows, want {3 * T}")
    need([row[0] for row in rq] == [str(r) for r in (10, 11, 12) for _ in range(T)],
         "replicated series: replicate column is not the coordinate")
    need([row[2] for row in rq] == [str(t) for _ in range(3) for t in range(T)],
         "replicated series: tick column")
    need(equal([row[4] for row in rq], want.ravel()), "replicated series: values differ")
    need(all(row[0] == "0" for row in rows if row[3] != "rq"), "unreplicated rows: replicate not 0")


def report():
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems[:60]))
        return 1
    print("OK: export round-trips to the file's numbers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
