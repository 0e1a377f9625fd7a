#!/usr/bin/python3
"""The same experiment with 1, 2 and 8 threads writes the same bits: every dataset of the
HDF5 files is compared byte for byte (dtype, shape and raw data), and so is every attribute
except the provenance that legitimately differs (times, thread count, command line).

usage: check_determinism.py PLACESIM WORKDIR [THREADS...]"""
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np

RUN = ["--preset", "silo-vs-relational", "--set", "place.citizens=3000", "--days", "60",
       "--quiet", "--overwrite", "--replicates", "3"]  # replicates are covered too
# Root attributes that describe the run rather than its results.
PROVENANCE = {"threads", "command_line", "started_utc", "finished_utc", "wall_seconds"}


def without_threads(toml_text):
    return "\n".join(l for l in toml_text.splitlines() if not l.startswith("run.threads"))


def attrs_of(obj, is_root):
    out = {}
    for k in obj.attrs.keys():
        # Dimension-scale bookkeeping holds object references; the attachments are compared
        # by name instead (see contents()).
        if k in ("DIMENSION_LIST", "REFERENCE_LIST") or (is_root and k in PROVENANCE):
            continue
        v = obj.attrs[k]
        if isinstance(v, bytes):
            v = v.decode()
        if k == "config_toml":
            v = without_threads(v)
        out[k] = v if not isinstance(v, np.ndarray) else (v.dtype.str, v.shape, v.tobytes())
    return out


def contents(path):
    """Maps every object name to (kind, attributes, data bytes)."""
    items = {}
    with h5py.File(path, "r") as f:
        items["/"] = ("group", (attrs_of(f, True), ()), None)

        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                data = obj[()]
                if isinstance(data, np.ndarray) and data.dtype.kind == "O":
                    # Variable-length strings: the raw bytes would be heap pointers.
                    payload = (data.dtype.str, data.shape, tuple(data.ravel().tolist()))
                elif isinstance(data, np.ndarray):
                    payload = (data.dtype.str, data.shape, data.tobytes())
                else:
                    payload = (type(data).__name__, (), repr(data))
                dims = tuple(tuple(s.name for s in d.values()) for d in obj.dims)
                items[name] = ("dataset", (attrs_of(obj, False), dims), payload)
            else:
                items[name] = ("group", (attrs_of(obj, False), ()), None)

        f.visititems(visit)
    return items


def main(exe, work, threads):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    files = {}
    for t in threads:
        out = os.path.join(work, f"threads{t}.h5")
        r = subprocess.run([exe, "run", *RUN, "--threads", str(t), "--out", out],
                           capture_output=True, text=True, timeout=300)
        if r.returncode != 0:
            print(f"--threads {t}: exit code {r.returncode}\n{r.stderr}")
            return 1
        files[t] = contents(out)
    ref_t = threads[0]
    ref = files[ref_t]
    datasets = sum(1 for v in ref.values() if v[0] == "dataset")
    problems = []
    for t in threads[1:]:
        other = files[t]
        if set(other) != set(ref):
            problems.append(f"--threads {t}: objects differ: {sorted(set(ref) ^ set(other))}")
        for name in sorted(set(ref) & set(other)):
            if ref[name][2] != other[name][2]:
                problems.append(f"--threads {t}: data of {name} differs from --threads {ref_t}")
            (ra, rd), (oa, od) = ref[name][1], other[name][1]
            if ra != oa:
                diff = sorted(k for k in set(ra) | set(oa) if ra.get(k) != oa.get(k))
                problems.append(f"--threads {t}: attributes {diff} of {name} differ")
            if rd != od:
                problems.append(f"--threads {t}: dimension scales of {name} differ: {rd} / {od}")
    if datasets < 10:
        problems.append(f"only {datasets} datasets in the output: nothing much was compared")
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems[:50]))
        return 1
    print(f"OK: {datasets} datasets identical across threads {threads}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    t = [int(x) for x in sys.argv[3:]] or [1, 2, 8]
    sys.exit(main(sys.argv[1], sys.argv[2], t))
