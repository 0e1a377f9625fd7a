#!/usr/bin/python3
"""Reads a placesim HDF5 output back with h5py and checks its schema (docs/output.md):
provenance attributes on the root, the resolved config as TOML that parses and holds what was
asked, every series with units and description and attached to the tick dimension scale, one
row per day, final per-citizen state for everyone. Groups added later (per-unit series, new
place series) are checked by the same rules when present and never required.

usage: read_output.py FILE [--expect KEY=VALUE]...   (VALUE is a TOML value, e.g. run.days=60)
"""
import argparse
import sys
import tomllib

import h5py
import numpy as np

ROOT_ATTRS = ["placesim_version", "git_commit", "schema_version", "experiment", "source",
              "config_toml", "command_line", "seed", "threads", "started_utc", "finished_utc",
              "wall_seconds", "arms", "complete"]
problems = []


def need(cond, message):
    if not cond:
        problems.append(message)
    return cond


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def lookup(config, dotted):
    """A value of the resolved config by dotted key: written as `a.b.c = v` it parses nested."""
    node = config
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def attached(ds, dim, scale_name):
    """Axis `dim` of `ds` is attached to the coordinate variable (dimension scale) named like
    `scale_name` in the dataset's own group (netCDF-4 conventions: each group carries its
    coordinates; "/tick" means the group's `tick`)."""
    group = ds.name.rsplit("/", 1)[0]
    want = f"{group}/{scale_name.lstrip('/')}"
    return dim < ds.ndim and any(s.name == want for s in ds.dims[dim].values())


def data_items(group):
    """The data of a group: coordinate variables (dimension scales) and their labels left out."""
    return [(k, v) for k, v in group.items()
            if isinstance(v, h5py.Dataset) and not h5py.h5ds.is_scale(v.id)
            and k not in ("unit_name", "neighbourhood_deprivation")]


def documented(ds):
    ok = need("units" in ds.attrs, f"{ds.name}: no 'units' attribute")
    ok &= need("description" in ds.attrs and text(ds.attrs["description"]).strip() != "",
               f"{ds.name}: no 'description' attribute")
    return ok


def check_arm(f, arm, days, citizens, neighbourhoods):
    g = f.get(f"arms/{arm}")
    if not need(isinstance(g, h5py.Group), f"arm '{arm}' listed in 'arms' but /arms/{arm} is missing"):
        return
    if need("config_toml" in g.attrs, f"/arms/{arm}: no config_toml attribute"):
        cfg = tomllib.loads(text(g.attrs["config_toml"]))
        need(lookup(cfg, "run.days") == days, f"/arms/{arm}: config run.days differs from the root")

    series = g.get("series")
    if need(isinstance(series, h5py.Group) and len(series) > 0, f"/arms/{arm}/series is missing or empty"):
        for name, ds in data_items(series):
            documented(ds)
            need(ds.shape == (days,), f"{ds.name}: shape {ds.shape}, expected ({days},)")
            need(attached(ds, 0, "/tick"), f"{ds.name}: not attached to the /tick dimension scale")
            need(np.issubdtype(ds.dtype, np.number), f"{ds.name}: not numeric")
    nb = g.get("neighbourhood")
    if need(isinstance(nb, h5py.Group), f"/arms/{arm}/neighbourhood is missing"):
        for name, ds in data_items(nb):
            documented(ds)
            need(ds.shape == (days, neighbourhoods),
                 f"{ds.name}: shape {ds.shape}, expected ({days}, {neighbourhoods})")
            need(attached(ds, 0, "/tick"), f"{ds.name}: dimension 0 not attached to /tick")
            need(attached(ds, 1, "/neighbourhood"), f"{ds.name}: dimension 1 not attached to /neighbourhood")
    cit = g.get("citizens")
    if need(isinstance(cit, h5py.Group) and len(cit) > 0, f"/arms/{arm}/citizens is missing or empty"):
        for name, ds in data_items(cit):
            documented(ds)
            need(ds.shape == (citizens,), f"{ds.name}: shape {ds.shape}, expected ({citizens},)")
            need(attached(ds, 0, "/citizen"), f"{ds.name}: not attached to the group's citizen")
        for field in ("need_money", "cause_money", "wellbeing", "crises", "cost", "household"):
            need(field in cit, f"/arms/{arm}/citizens/{field} is missing")
        if "wellbeing" in cit:
            w = cit["wellbeing"][()]
            need(np.all((w >= 0) & (w <= 1)), f"/arms/{arm}/citizens/wellbeing outside [0, 1]")
    sample = g.get("sample")
    if need(isinstance(sample, h5py.Group), f"/arms/{arm}/sample is missing"):
        s, k = sample["citizen"].shape[0], sample["tick"].shape[0]
        for name in ("cost", "wellbeing"):
            need(sample[name].shape == (k, s), f"{sample[name].name}: shape {sample[name].shape}, expected ({k}, {s})")
        for ds in sample.values():
            documented(ds)
        for name in ("cost", "wellbeing"):
            need(attached(sample[name], 0, "/tick") and attached(sample[name], 1, "/citizen"),
                 f"{sample[name].name}: not attached to the sample's own tick and citizen")
        need(np.all(sample["tick"][()] < days), f"/arms/{arm}/sample/tick beyond the run")
    net = g.get("network")
    if need(isinstance(net, h5py.Group), f"/arms/{arm}/network is missing"):
        for a in ("people", "ties", "mean_degree", "clustering", "path_length"):
            need(a in net.attrs, f"/arms/{arm}/network: no '{a}' attribute")
        if "degree_histogram" in net and "people" in net.attrs:
            need(int(net["degree_histogram"][()].sum()) == int(net.attrs["people"]),
                 f"/arms/{arm}/network/degree_histogram does not count everyone")
    # Optional groups written by later parts of the model: every dataset documented, and
    # per-day series (first dimension = days) attached to /tick.
    units = g.get("units")
    if isinstance(units, h5py.Group):
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                documented(obj)
                if h5py.h5ds.is_scale(obj.id) or name == "unit_name":
                    return
                if obj.ndim >= 1 and obj.shape[0] == days and obj.ndim <= 2:
                    need(attached(obj, 0, "/tick"), f"{obj.name}: per-day series not attached to /tick")
        units.visititems(visit)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("file")
    p.add_argument("--expect", action="append", default=[], metavar="KEY=VALUE")
    a = p.parse_args()
    with h5py.File(a.file, "r") as f:
        for name in ROOT_ATTRS:
            need(name in f.attrs, f"root attribute '{name}' is missing")
        need(f.attrs.get("complete") == 1, "root attribute complete is not 1")
        cfg = {}
        try:
            cfg = tomllib.loads(text(f.attrs.get("config_toml", "")))
        except tomllib.TOMLDecodeError as e:
            problems.append(f"config_toml does not parse as TOML: {e}")
        for e in a.expect:
            key, _, value = e.partition("=")
            want = tomllib.loads(f"v = {value}")["v"]
            got = lookup(cfg, key)
            need(got == want, f"config_toml: {key} = {got!r}, asked for {want!r}")
        days = lookup(cfg, "run.days")
        citizens = lookup(cfg, "place.citizens")
        if not need(isinstance(days, int) and isinstance(citizens, int),
                    "config_toml lacks run.days or place.citizens"):
            return report()
        need(int(f.attrs.get("seed", -1)) == lookup(cfg, "run.seed"), "root seed differs from run.seed")
        need(text(f.attrs.get("git_commit", "")) != "", "git_commit is empty")

        tick = f.get("tick")
        if need(isinstance(tick, h5py.Dataset), "/tick is missing"):
            need(h5py.h5ds.is_scale(tick.id), "/tick is not a dimension scale")
            need(tick.shape == (days,), f"/tick: shape {tick.shape}, expected ({days},)")
            need(np.array_equal(tick[()], np.arange(days)), "/tick is not 0 .. days-1")
            documented(tick)
        nbh = f.get("neighbourhood")
        neighbourhoods = lookup(cfg, "place.neighbourhoods")
        if need(isinstance(nbh, h5py.Dataset), "/neighbourhood is missing"):
            need(h5py.h5ds.is_scale(nbh.id), "/neighbourhood is not a dimension scale")
            need(nbh.shape == (neighbourhoods,), f"/neighbourhood: shape {nbh.shape}")
        dep = f.get("neighbourhood_deprivation")
        if need(isinstance(dep, h5py.Dataset), "/neighbourhood_deprivation is missing"):
            d = dep[()]
            need(d.shape == (neighbourhoods,) and np.all((d >= 0) & (d <= 1)),
                 "/neighbourhood_deprivation: wrong shape or outside [0, 1]")

        arms = [x for x in text(f.attrs.get("arms", "")).split(",") if x]
        if need(len(arms) >= 1, "root attribute 'arms' names no arm"):
            need(set(arms) == set(f["arms"].keys()) if "arms" in f else False,
                 f"root 'arms' = {arms} but /arms holds {list(f['arms'].keys()) if 'arms' in f else None}")
            for arm in arms:
                check_arm(f, arm, days, citizens, neighbourhoods)
    return report()


def report():
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems[:100]))
        return 1
    print("OK: schema as documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
