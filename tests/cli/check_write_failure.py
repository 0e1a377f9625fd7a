#!/usr/bin/python3
"""A write that fails (disk full, file size limit) ends `placesim run` with exit code 1 and one
line naming the output file and the operating system's reason; no HDF5 error stack is printed,
nothing crashes, and neither the output nor its temporary file is left behind.

The failure is made two ways: a tiny tmpfs mounted on the output directory (when the test may
mount, as root in CI), and always a file size limit (RLIMIT_FSIZE with SIGXFSZ ignored, so
write() fails with EFBIG). The run's file is about 1.1 MB; both limits are 512 KiB.

A sweep whose run files do not fit records those runs as failed (exit 1, no crash, no
unfinished or temporary file left), and the same command retries them once they fit.

usage: check_write_failure.py PLACESIM WORKDIR SWEEP_TOML"""
import os
import resource
import shutil
import signal
import subprocess
import sys

RUN = ["run", "--preset", "silo-vs-relational", "--days", "30", "--set", "place.citizens=3000",
       "--quiet"]
LIMIT = 512 * 1024


def check(name, r, out, reason, problems):
    print(f"{name}: exit {r.returncode}\n{r.stderr.rstrip()}")
    if r.returncode != 1:
        problems.append(f"{name}: exit code {r.returncode}, expected 1")
    if out not in r.stderr or reason.lower() not in r.stderr.lower():
        problems.append(f"{name}: stderr should name {out} and say '{reason}'")
    for noise in ("H5Dclose", "HDF5-DIAG", "H5F", "Segmentation"):
        if noise in r.stderr:
            problems.append(f"{name}: stderr carries HDF5 noise ({noise!r})")
    if len(r.stderr.strip().splitlines()) > 2:
        problems.append(f"{name}: {len(r.stderr.splitlines())} lines on stderr, expected one")
    left = [f for f in os.listdir(os.path.dirname(out))
            if f == os.path.basename(out) or f.startswith(os.path.basename(out) + ".partial-")]
    if left:
        problems.append(f"{name}: left behind {left}")


def with_size_limit():
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def sweep_retries(exe, work, sweep_toml):
    problems = []
    out = os.path.join(work, "sweep")
    cmd = [exe, "sweep", "--config", sweep_toml, "--out", out, "--quiet"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                       preexec_fn=with_size_limit)
    runs = os.path.join(out, "runs")
    names = sorted(os.listdir(runs)) if os.path.isdir(runs) else []
    print(f"sweep with a file size limit: exit {r.returncode}, {r.stderr.strip()[:200]}")
    if r.returncode != 1:
        problems.append(f"sweep with a size limit: exit code {r.returncode}, expected 1")
    if any(".partial-" in n for n in names):
        problems.append(f"sweep with a size limit: temporaries left: {names}")
    import h5py
    for n in names:
        if n.endswith(".h5"):
            try:
                with h5py.File(os.path.join(runs, n), "r") as f:
                    if f.attrs.get("complete") != 1:
                        problems.append(f"sweep with a size limit: {n} is not complete")
            except OSError as e:
                problems.append(f"sweep with a size limit: {n} is damaged ({e})")
    if not any(n.endswith(".failed") for n in names):
        problems.append(f"sweep with a size limit: no run failed ({names}); limit too high?")
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    names = sorted(os.listdir(runs))
    print(f"the same sweep without the limit: exit {r.returncode}, runs {names}")
    if r.returncode != 0 or any(not n.endswith(".h5") for n in names):
        problems.append(f"the sweep did not retry its failed runs: exit {r.returncode}, {names}")
    return problems


def main(exe, work, sweep_toml):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    problems = []

    # The run fits without a limit, so a failure below is the limit's doing.
    ok = os.path.join(work, "fits.h5")
    r = subprocess.run([exe, *RUN, "--out", ok], capture_output=True, text=True, timeout=120)
    if r.returncode != 0 or os.path.getsize(ok) <= LIMIT:
        problems.append(f"the unlimited run should succeed with more than {LIMIT} bytes "
                        f"(exit {r.returncode}, {r.stderr.strip()})")

    out = os.path.join(work, "x.h5")
    r = subprocess.run([exe, *RUN, "--out", out], capture_output=True, text=True, timeout=120,
                       preexec_fn=with_size_limit)
    check("file size limit", r, out, "File too large", problems)

    small = os.path.join(work, "small")
    os.makedirs(small)
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={LIMIT}", "tmpfs", small],
        capture_output=True).returncode == 0
    if mounted:
        try:
            out = os.path.join(small, "x.h5")
            r = subprocess.run([exe, *RUN, "--out", out], capture_output=True, text=True,
                               timeout=120)
            check("full disk", r, out, "No space left on device", problems)
        finally:
            subprocess.run(["umount", small])
    else:
        print("full disk: cannot mount a tmpfs here; the size limit stands in for it")

    problems += sweep_retries(exe, work, sweep_toml)

    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3]))
