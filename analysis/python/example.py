#!/usr/bin/python3
"""Load placesim output with h5py and pandas and plot it with matplotlib.

    /usr/bin/python3 analysis/python/example.py RUN.h5 [SUMMARY.h5] [--out DIR]

(or any python3 that has h5py, pandas and matplotlib)

Writes DIR/run_wellbeing_crisis.png (wellbeing and people in crisis of each design over time)
and DIR/sweep_response.png (the first outcome of a sweep summary against each parameter), or,
without a summary, DIR/cost_curves.png (cumulative cost per sampled person). Needs only
Debian's python3-h5py, python3-pandas and python3-matplotlib."""
import argparse
import os
import sys

try:
    import h5py
except ImportError:  # a python3 earlier on PATH (pyenv, conda) without Debian's packages
    sys.exit(f"example.py: {sys.executable} has no h5py; run it with /usr/bin/python3 "
             "(Debian's python3-h5py, python3-pandas, python3-matplotlib)")
import matplotlib

matplotlib.use("Agg")  # files only, no display needed
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def load_series(path):
    """Every place-level daily series of every arm: one DataFrame per arm, indexed by day,
    and the unit of each column."""
    frames, units = {}, {}
    with h5py.File(path, "r") as f:
        day = f["tick"][:]
        for arm in text(f.attrs["arms"]).split(","):
            # The group's coordinate variable `tick` (a dimension scale) labels the rows: skip it.
            group = {k: v for k, v in f[f"arms/{arm}/series"].items() if not h5py.h5ds.is_scale(v.id)}
            frames[arm] = pd.DataFrame({k: v[:] for k, v in group.items()}, index=pd.Index(day, name="day"))
            units.update({k: text(v.attrs.get("units", "")) for k, v in group.items()})
    return frames, units


def load_sample_cost(path, arm):
    """Cumulative cost of each sampled person (columns) on each sample day (rows)."""
    with h5py.File(path, "r") as f:
        s = f[f"arms/{arm}/sample"]
        return pd.DataFrame(s["cost"][:], index=s["tick"][:], columns=s["citizen"][:])


def load_runs(path):
    """The sweep summary: one row per run; text columns decoded; units from the attributes."""
    with h5py.File(path, "r") as f:
        runs = pd.DataFrame(f["runs"][:])
        units = {k: text(v) for k, v in f["runs"].attrs.items() if k in runs.columns}
        roles = {}
        if "columns" in f:
            cols = pd.DataFrame(f["columns"][:]).apply(lambda c: c.str.decode("utf-8"))
            roles = dict(zip(cols["name"], cols["role"]))
    for c in runs.columns:
        if runs[c].dtype == object:
            runs[c] = runs[c].str.decode("utf-8")
    return runs, units, roles


def plot_run(path, out):
    frames, units = load_series(path)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
    for arm, df in frames.items():
        line = ax1.plot(df.index, df["wellbeing_mean"], label=f"{arm} mean")[0]
        ax1.fill_between(df.index, df["wellbeing_p10"], df["wellbeing_p90"], color=line.get_color(),
                         alpha=0.15, label=f"{arm} 10-90%")
        ax2.plot(df.index, df["in_crisis"], label=arm)
    ax1.set(title="Wellbeing", xlabel="day", ylabel=f"wellbeing ({units['wellbeing_mean']})")
    ax2.set(title="People in crisis", xlabel="day", ylabel=f"people in crisis ({units['in_crisis']})")
    ax1.legend()
    ax2.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    plt.close(fig)


def plot_cost_curves(path, out):
    with h5py.File(path, "r") as f:
        arms = text(f.attrs["arms"]).split(",")
    fig, ax = plt.subplots(figsize=(7, 4))
    for arm in arms:
        cost = load_sample_cost(path, arm)
        line = ax.plot(cost.index, cost.median(axis=1), label=f"{arm} median")[0]
        ax.fill_between(cost.index, cost.quantile(0.1, axis=1), cost.quantile(0.9, axis=1),
                        color=line.get_color(), alpha=0.15)
    ax.set(title="Cumulative cost per person", xlabel="day", ylabel="cost (GBP)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    plt.close(fig)


def plot_sweep(path, out):
    runs, units, roles = load_runs(path)
    if "status" in runs:
        runs = runs[runs["status"] == "ok"]
    params = [c for c, r in roles.items() if r == "parameter"] or [c for c in runs.columns if "." in c]
    outcomes = [c for c, r in roles.items() if r == "outcome"] or \
               [c for c in runs.select_dtypes("number").columns if c not in params]
    # The first outcome that varies, for every design whose columns are named "<arm>/<outcome>".
    varying = [c for c in outcomes if runs[c].nunique() > 1]
    outcome = next((c for c in varying if "failure_demand_share" in c), varying[0])
    base = outcome.split("/")[-1]
    fig, axes = plt.subplots(1, len(params), figsize=(5 * len(params), 3.8), squeeze=False)
    for ax, p in zip(axes[0], params):
        for col in [c for c in outcomes if c.split("/")[-1] == base]:
            means = runs.groupby(p)[col].mean()
            line = ax.plot(means.index, means.values, marker="o", label=col.split("/")[0])[0]
            ax.scatter(runs[p], runs[col], s=12, alpha=0.4, color=line.get_color())
        ax.set(title=base, xlabel=f"{p} ({units.get(p, '')})",
               ylabel=f"{base} ({units.get(outcome, '')})")
        ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run")
    ap.add_argument("summary", nargs="?")
    ap.add_argument("--out", default=".")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    plot_run(a.run, os.path.join(a.out, "run_wellbeing_crisis.png"))
    if a.summary:
        plot_sweep(a.summary, os.path.join(a.out, "sweep_response.png"))
    else:
        plot_cost_curves(a.run, os.path.join(a.out, "cost_curves.png"))
    print("wrote", ", ".join(sorted(n for n in os.listdir(a.out) if n.endswith(".png"))))


if __name__ == "__main__":
    main()
