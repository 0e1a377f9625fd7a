#!/usr/bin/env python3
"""Docking placesim against queueing theory (MODEL.md section 8; docs/validation.md).

Runs `placesim run --config experiments/validation/docking-mmc.toml` (an exact FCFS M/M/c
queue with continuous event times inside each day, sim/docking_queue.cpp) for several
seeds and compares with the Erlang C formula:

    P(wait) = C(c, a),  a = lambda / mu,  Wq = C / (c mu - lambda),  Lq = lambda Wq.

Estimation. Each seed is an independent replicate. Within a seed the days after the warm-up
(docking.warmup_days) are cut into B batches; the batch means of the ratio estimators
(waited / arrivals, wait_sum / arrivals, mean end-of-day queue) are nearly independent when
a batch is much longer than the queue's relaxation time (a few days here), so all batches of
all seeds are pooled and a Student t interval is put on their mean. The intervals are
checked against the seed-level spread too (one mean per seed, t interval over seeds): the
two must agree, which they do when batches are long enough.

Checks, each "theory inside the confidence interval":
  1. c=3, lambda=2, mu=1 (the file as written): C=0.4444, Wq=0.4444, Lq=0.8889.
  2. c=5, lambda=4, mu=1 (utilisation 0.8).
  3. Little's law on the docking queue: mean end-of-day Lq snapshot vs lambda_hat x Wq_hat
     (both estimated; the interval is on their difference per batch).
  4. Returning demand as feedback, p in {0.2, 0.5}: arrival rate lambda0 / (1 - p) and
     failure-demand share docking_returning / docking_arrivals = p. (With Bernoulli feedback
     the queue is a Jackson network, so Erlang C at the total rate also holds; checked too.)

The confidence level is 99.9% per check by default, so a correct model fails one of the ~20
checks in about 2% of runs; a wrong one (e.g. Wq off by 5%) fails them all.

Usage: docking.py --placesim build/placesim [--fast] [--seeds N] [--days N] [--json out.json]
Exit status 1 if any check fails.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "docking-mmc.toml")


def erlang_c(c, a):
    """Probability of waiting in M/M/c with offered load a = lambda/mu (requires a < c)."""
    s = sum(a**k / math.factorial(k) for k in range(c))
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (s + top)


def theory(c, lam, mu):
    C = erlang_c(c, lam / mu)
    wq = C / (c * mu - lam)
    return {"p_wait": C, "wq": wq, "lq": lam * wq}


def t_quantile(conf, dof):
    """Two-sided Student t quantile, by bisection on the regularised incomplete beta (no scipy)."""
    from math import lgamma, exp, log

    def betacf(a, b, x):
        # Continued fraction for the incomplete beta (Numerical Recipes).
        qab, qap, qam = a + b, a + 1, a - 1
        c, d = 1.0, 1 - qab * x / qap
        d = 1 / (d if abs(d) > 1e-300 else 1e-300)
        h = d
        for m in range(1, 300):
            m2 = 2 * m
            aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            d = 1 / (d if abs(d) > 1e-300 else 1e-300)
            c = 1 + aa / c if abs(1 + aa / c) > 1e-300 else 1e-300
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            d = 1 / (d if abs(d) > 1e-300 else 1e-300)
            c = 1 + aa / c if abs(1 + aa / c) > 1e-300 else 1e-300
            de = d * c
            h *= de
            if abs(de - 1) < 1e-12:
                break
        return h

    def ibeta(a, b, x):
        if x <= 0:
            return 0.0
        if x >= 1:
            return 1.0
        bt = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(1 - x))
        if x < (a + 1) / (a + b + 2):
            return bt * betacf(a, b, x) / a
        return 1 - bt * betacf(b, a, 1 - x) / b

    def two_sided_tail(t):
        return ibeta(dof / 2, 0.5, dof / (dof + t * t))

    alpha = 1 - conf
    lo, hi = 0.0, 1000.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if two_sided_tail(mid) > alpha:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def run_seed(exe, seed, days, sets, tmp):
    out = os.path.join(tmp, f"dock_{seed}.h5")
    cmd = [exe, "run", "--config", CONFIG, "--out", out, "--overwrite", "--quiet",
           "--seed", str(seed), "--days", str(days), "--threads", "1", "--replicates", "1"]
    for s in sets:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with h5py.File(out, "r") as f:
        arm = f["arms"][list(f["arms"].keys())[0]]["series"]
        data = {k: arm["docking_" + k][()] for k in
                ("arrivals", "returning", "waited", "wait_sum", "queue_end")}
    os.remove(out)
    return data


def batches(data, warmup, nbatch):
    """Per-batch ratio estimators after the warm-up."""
    keep = {k: v[warmup:] for k, v in data.items()}
    n = len(keep["arrivals"]) // nbatch * nbatch
    rows = []
    for b in range(nbatch):
        sl = slice(b * n // nbatch, (b + 1) * n // nbatch)
        arr = keep["arrivals"][sl].sum()
        days = sl.stop - sl.start
        rows.append({
            "p_wait": keep["waited"][sl].sum() / arr,
            "wq": keep["wait_sum"][sl].sum() / arr,
            "lq": keep["queue_end"][sl].mean(),
            "rate": arr / days,
            "ret_share": keep["returning"][sl].sum() / arr,
            # Little: L - lambda W per batch (lambda W = wait_sum per day).
            "little": keep["queue_end"][sl].mean() - keep["wait_sum"][sl].sum() / days,
        })
    return rows


def interval(values, conf):
    v = np.asarray(values, float)
    m = v.mean()
    se = v.std(ddof=1) / math.sqrt(len(v))
    h = t_quantile(conf, len(v) - 1) * se
    return m, h


def study(exe, name, c, lam, mu, p, seeds, days, warmup, nbatch, conf, tmp):
    sets = [f"docking.servers={c}", f"docking.arrival_rate={lam}", f"docking.service_rate={mu}",
            f"docking.return_prob={p}", f"docking.warmup_days={warmup}"]
    rows, per_seed = [], []
    for s in range(1, seeds + 1):
        r = batches(run_seed(exe, s, days, sets, tmp), warmup, nbatch)
        rows += r
        per_seed.append({k: np.mean([x[k] for x in r]) for k in r[0]})
    total = lam / (1 - p)
    th = theory(c, total, mu)
    th.update({"rate": total, "ret_share": p, "little": 0.0})
    checks = []
    for key in ("p_wait", "wq", "lq", "little", "rate", "ret_share"):
        if key == "ret_share" and p == 0:
            continue
        m, h = interval([x[key] for x in rows], conf)
        ms, hs = interval([x[key] for x in per_seed], conf) if seeds > 1 else (m, float("nan"))
        ok = abs(m - th[key]) <= h
        checks.append({"case": name, "quantity": key, "theory": th[key], "estimate": m,
                       "half_width": h, "seed_estimate": ms, "seed_half_width": hs, "ok": bool(ok)})
    return checks


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--placesim", required=True)
    ap.add_argument("--fast", action="store_true", help="fewer days and seeds (for ctest)")
    ap.add_argument("--seeds", type=int)
    ap.add_argument("--days", type=int)
    ap.add_argument("--batches", type=int, default=20, help="batches per seed")
    ap.add_argument("--conf", type=float, default=0.999, help="confidence level of each interval")
    ap.add_argument("--json", help="write the table here")
    a = ap.parse_args()
    seeds = a.seeds or (4 if a.fast else 8)
    days = a.days or (6000 if a.fast else 20000)
    warmup = 100
    cases = [
        ("c3_l2_m1", 3, 2.0, 1.0, 0.0),
        ("c5_rho0.8", 5, 4.0, 1.0, 0.0),
        ("c3_feedback_p0.2", 3, 1.6, 1.0, 0.2),   # total rate 2.0: same Erlang C point
        ("c3_feedback_p0.5", 3, 1.0, 1.0, 0.5),   # total rate 2.0
    ]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, c, lam, mu, p in cases:
            rows += study(a.placesim, name, c, lam, mu, p, seeds, days, warmup, a.batches, a.conf, tmp)
    print(f"seeds={seeds} days={days} warmup={warmup} batches/seed={a.batches} conf={a.conf}")
    print(f"{'case':18} {'quantity':10} {'theory':>8} {'estimate':>9} {'+-':>8} {'seed-CI +-':>10}  ok")
    for r in rows:
        print(f"{r['case']:18} {r['quantity']:10} {r['theory']:8.4f} {r['estimate']:9.4f} "
              f"{r['half_width']:8.4f} {r['seed_half_width']:10.4f}  {'yes' if r['ok'] else 'NO'}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"seeds": seeds, "days": days, "warmup": warmup, "batches": a.batches,
                       "conf": a.conf, "rows": rows}, f, indent=1)
    bad = [r for r in rows if not r["ok"]]
    if bad:
        print(f"FAIL: {len(bad)} check(s) with theory outside the interval", file=sys.stderr)
        return 1
    print("all checks: theory inside the confidence interval")
    return 0


if __name__ == "__main__":
    sys.exit(main())
