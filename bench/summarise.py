#!/usr/bin/python3
"""Turns placesim_bench JSON output into the table of docs/performance.md.

Usage: placesim_bench --benchmark_format=json --benchmark_out=bench.json ...
       /usr/bin/python3 bench/summarise.py bench.json

For each kernel and population: wall-clock ns per citizen-tick and citizen-ticks per second per
core on 1 and 2 threads, and parallel efficiency t1 / (2 t2), both times from the same run.
With --benchmark_repetitions the median is used. Then the neighbour-access comparison
(BM_NeighbourSum*), as ratios of medians, when the file holds it.
"""
import json
import re
import sys


def main(path):
    with open(path) as f:
        data = json.load(f)
    rows = {}
    mem = {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        m = re.match(r"(BM_\w+)/citizens:(\d+)/threads:(\d+)", b["name"])
        if not m:
            continue
        kernel, n, t = m.group(1), int(m.group(2)), int(m.group(3))
        if b.get("run_type") == "iteration" and any(
                x.get("run_type") == "aggregate" for x in data["benchmarks"]):
            continue
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        rows[(kernel, n, t)] = b["real_time"] * scale  # seconds per tick
        if "citizen_B" in b:
            mem[(kernel, n)] = (b["citizen_B"], b["place_scratch_B"], b["network_B"])
    ctx = data.get("context", {})
    print(f"host: {ctx.get('host_name', '?')}, {ctx.get('num_cpus', '?')} CPUs at "
          f"{ctx.get('mhz_per_cpu', '?')} MHz, load average {ctx.get('load_avg', '?')}")
    print()
    if rows:
        kernel_table(rows)
    if mem:
        memory_table(mem)
    neighbour_access(data)


def kernel_table(rows):
    print("| kernel | citizens | ns/citizen-tick, 1 thread | citizen-ticks/s per core, 1 thread "
          "| ns/citizen-tick, 2 threads | citizen-ticks/s per core, 2 threads "
          "| parallel efficiency t1/(2 t2) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kernel, n in sorted({(k, n) for k, n, _ in rows}, key=lambda x: (x[0], x[1])):
        t1 = rows.get((kernel, n, 1))
        t2 = rows.get((kernel, n, 2))
        cells = [kernel.removeprefix("BM_"), f"{n:,}"]
        for t, threads in ((t1, 1), (t2, 2)):
            if t is None:
                cells += ["-", "-"]
            else:
                cells += [f"{t / n * 1e9:.1f}", f"{n / t / threads / 1e6:.1f} M"]
        cells.append(f"{t1 / (2 * t2) * 100:.0f}%" if t1 and t2 else "-")
        print("| " + " | ".join(cells) + " |")


def memory_table(mem):
    print()
    print("| kernel | citizens | citizen state B/citizen | place index + scratch B/citizen "
          "| network B/citizen |")
    print("|---|---:|---:|---:|---:|")
    for (kernel, n), (c, p, net) in sorted(mem.items()):
        print(f"| {kernel.removeprefix('BM_')} | {n:,} | {c:.0f} | {p:.0f} | {net:.0f} |")


def neighbour_access(data):
    """The three ways of reading neighbours (bench/bench_neighbours.cpp), as ratios of medians
    to the baseline that reads the CSR arrays directly."""
    med = {}
    for b in data["benchmarks"]:
        m = re.match(r"BM_NeighbourSum(\w+?)(_median)?$", b["name"])
        if not m or (b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median"):
            continue
        if b.get("run_type") == "iteration" and b.get("repetitions", 1) > 1:
            continue
        med[m.group(1)] = (b["real_time"], b["cpu_time"], b["time_unit"])
    if "Members" not in med:
        return
    base_real, base_cpu, _ = med["Members"]
    print()
    print("| neighbour access | wall per pass | CPU per pass | wall / Members | CPU / Members |")
    print("|---|---:|---:|---:|---:|")
    for name in ("Members", "Adjacent", "OutEdges"):
        if name in med:
            real, cpu, unit = med[name]
            print(f"| {name} | {real:.2f} {unit} | {cpu:.2f} {unit} | {real / base_real:.3f} "
                  f"| {cpu / base_cpu:.3f} |")


if __name__ == "__main__":
    main(sys.argv[1])
