#!/usr/bin/python3
"""Opens every group of a placesim run file with xarray (engine h5netcdf, no phony_dims) and
checks the netCDF-4 conventions of docs/output.md: every axis of every variable has a
coordinate with values; days are 0..T-1 (the sample group's its own sample days); unit names
are a coordinate equal to /unit_name; every value xarray reads equals what h5py reads (nothing
padded, nothing shifted).

usage: check_xarray.py FILE     exit 77 (skipped, with a message) if xarray or h5netcdf is missing
"""
import sys

import h5py
import numpy as np

SKIP = 77
try:
    import h5netcdf  # noqa: F401
    import xarray as xr
except ImportError as e:
    print(f"SKIPPED: xarray and h5netcdf are needed ({e}); "
          "apt-get install python3-xarray python3-h5netcdf")
    sys.exit(SKIP)

problems = []


def need(cond, message):
    if not cond:
        problems.append(message)
    return cond


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype.kind in "OSU" or b.dtype.kind in "OSU":
        return a.shape == b.shape and [text(x) for x in a.ravel()] == [text(x) for x in b.ravel()]
    return a.shape == b.shape and np.array_equal(a, b, equal_nan=True)


NOT_A_VARIABLE = b"This is a netCDF dimension but not a netCDF variable."
# Row numbers of the long tables: dimensions without values (docs/output.md), positions only.
ROW_DIMS = {"case", "contact", "pull"}


def dimension_only(ds):
    name = ds.attrs.get("NAME", b"")
    return NOT_A_VARIABLE in (name if isinstance(name, bytes) else name.encode())


def check_group(path, f, group, ds):
    g = f[group] if group else f
    h5_datasets = {k for k, v in g.items() if isinstance(v, h5py.Dataset) and not dimension_only(v)}
    for k, v in g.items():
        if isinstance(v, h5py.Dataset) and dimension_only(v):
            need(k in ROW_DIMS and k in ds.dims and ds.dims[k] == len(v),
                 f"{group}/{k}: a dimension without values that is not a row dimension")
    need(set(ds.variables) == h5_datasets,
         f"{group or '/'}: xarray sees {sorted(ds.variables)}, h5py {sorted(h5_datasets)}")
    for name, var in ds.variables.items():
        for d in var.dims:
            need(d in ROW_DIMS or (d in ds.coords and d in ds.variables),
                 f"{group}/{name}: axis '{d}' has no coordinate values")
            need(not d.startswith("phony_dim"), f"{group}/{name}: unlabelled axis {d}")
        if name in h5_datasets:
            need(same(var.values, g[name][()]),
                 f"{group}/{name}: xarray reads different values from h5py (shape "
                 f"{var.shape} vs {g[name].shape})")


def check_coordinates(f, group, ds, T, NB, unit_names, deprivation):
    """The values of the coordinates: days, unit ids and names, neighbourhoods, citizens."""
    leaf = group.rsplit("/", 1)[-1]
    if "tick" in ds.dims and leaf != "sample":
        need(same(ds["tick"].values, np.arange(T)), f"{group}: tick is not 0..{T - 1}")
    if leaf == "sample":
        need(same(ds["tick"].values, f[group]["tick"][()]) and ds.dims["tick"] < T,
             f"{group}: tick is not the sample days")
    if "unit" in ds.dims:
        need(same(ds["unit"].values, np.arange(len(unit_names))), f"{group}: unit ids")
        # In the root, unit_name is a variable beside its coordinate /unit; in every other
        # group a coordinate of the data (CF `coordinates` attribute).
        need(("unit_name" in ds.coords or not group)
             and [text(x) for x in ds["unit_name"].values] == unit_names,
             f"{group}: unit_name is not a coordinate equal to /unit_name")
    if "neighbourhood" in ds.dims:
        need(same(ds["neighbourhood"].values, np.arange(NB)), f"{group}: neighbourhood ids")
        need(same(ds["neighbourhood_deprivation"].values, deprivation),
             f"{group}: neighbourhood_deprivation differs from the root's")
    if leaf == "citizens":
        n = len(f[group]["wellbeing"])
        need(same(ds["citizen"].values, np.arange(n)), f"{group}: citizen is not 0..N-1")
        need(ds["neighbourhood"].dims == ("citizen",),
             f"{group}: neighbourhood has dims {ds['neighbourhood'].dims}")


def main():
    path = sys.argv[1]
    with h5py.File(path, "r") as f:
        groups = [""]
        f.visititems(lambda n, o: groups.append(n) if isinstance(o, h5py.Group) else None)
        T, NB = len(f["tick"]), len(f["neighbourhood"])
        unit_names = [text(x) for x in f["unit_name"][()]]
        deprivation = f["neighbourhood_deprivation"][()]
        opened = 0
        for group in groups:
            try:
                ds = xr.open_dataset(path, engine="h5netcdf", group=group or None)
            except Exception as e:  # noqa: BLE001 - any failure to open is what we test for
                problems.append(f"group '{group or '/'}' does not open: {type(e).__name__}: {e}")
                continue
            with ds:
                opened += 1
                try:
                    check_group(path, f, group, ds)
                    check_coordinates(f, group, ds, T, NB, unit_names, deprivation)
                except KeyError as e:  # a coordinate the checks look up is missing
                    problems.append(f"group '{group or '/'}': no variable {e}")

        need(opened == len(groups), f"opened {opened} of {len(groups)} groups")
        arms = text(f.attrs["arms"]).split(",")
        for arm in arms:
            for g in ("series", "neighbourhood", "units", "citizens", "sample", "network"):
                need(f"arms/{arm}/{g}" in groups, f"arms/{arm}/{g} not in the file")
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems[:60]))
        return 1
    print(f"OK: xarray opens all {len(groups)} groups with labelled axes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
