#!/usr/bin/python3
"""Config input that cannot be put in a file in the repository: a FIFO, a file above the size
bound, a --set value that is not UTF-8, and a memory limit set on the process.

usage: check_config_input.py PLACESIM WORKDIR SCENARIO
SCENARIO: fifo | oversize | set_invalid_utf8 | memory_rlimit
"""
import os
import re
import resource
import subprocess
import sys

MAX_BYTES = 4 << 20  # kMaxTextFileBytes in sim/text_file.hpp


def run(cmd, limit_as=None):
    def limit():
        if limit_as is not None:
            resource.setrlimit(resource.RLIMIT_AS, (limit_as, resource.getrlimit(resource.RLIMIT_AS)[1]))
    r = subprocess.run(cmd, capture_output=True, timeout=120, preexec_fn=limit)
    err = r.stderr.decode("utf-8", "replace")
    print("command:", " ".join(os.fsdecode(c) for c in cmd))
    print("exit code:", r.returncode)
    print("--- stderr ---\n" + err[-3000:])
    return r.returncode, err


def expect(cond, what, problems):
    if not cond:
        problems.append(what)


def main():
    exe, work, scenario = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    out = os.path.join(work, scenario + ".h5")
    if os.path.exists(out):
        os.remove(out)
    small = ["--days", "2", "--set", "place.citizens=200", "--quiet", "--out", out]
    problems = []
    if scenario == "fifo":
        fifo = os.path.join(work, "experiment.fifo")
        if os.path.exists(fifo):
            os.remove(fifo)
        os.mkfifo(fifo)
        # Without the check this blocks for ever waiting for a writer (the timeout fails it).
        code, err = run([exe, "run", "--config", fifo] + small)
        expect(code == 2, f"exit code {code}, expected 2", problems)
        expect("experiment.fifo: is a FIFO, not a regular file" in err, "FIFO not named", problems)
        os.remove(fifo)
    elif scenario == "oversize":
        big = os.path.join(work, "big.toml")
        with open(big, "w") as f:
            f.write("[run]\ndays = 2\n")
            f.write("#" * (MAX_BYTES + 1 - f.tell()) + "\n")
        code, err = run([exe, "run", "--config", big] + small)
        expect(code == 2, f"exit code {code}, expected 2", problems)
        expect(re.search(r"big\.toml: is \d+ bytes; experiment files are limited to 4 MiB", err),
               "size bound not named", problems)
        sweep = os.path.join(work, "big_sweep.toml")
        os.replace(big, sweep)
        code, err = run([exe, "sweep", "--config", sweep, "--out", os.path.join(work, "sw"), "--dry-run"])
        expect(code == 2, f"sweep: exit code {code}, expected 2", problems)
        expect("sweep files are limited to 4 MiB" in err, "sweep: size bound not named", problems)
        os.remove(sweep)
    elif scenario == "set_invalid_utf8":
        # The stored config_toml used to hold the raw byte, so it was not valid TOML.
        code, err = run([exe, "run", "--set", b"experiment.name=caf\xff"] + small)
        expect(code == 2, f"exit code {code}, expected 2", problems)
        expect("--set experiment.name: 'caf\\xFF' is not valid UTF-8" in err, "byte not named", problems)
        expect(err.count("not valid UTF-8") == 1, "reported more than once", problems)
    elif scenario == "memory_rlimit":
        # 2 million citizens need about 0.9 GiB; with `ulimit -v` at 512 MiB the run is refused
        # before it allocates, naming the limit. --force goes past the check (and then fails to
        # allocate inside the same limit, which is safe on a shared machine).
        args = [exe, "run", "--preset", "silo-vs-relational", "--threads", "1", "--days", "1",
                "--set", "place.citizens=2000000", "--quiet", "--out", out]
        code, err = run(args, limit_as=512 << 20)
        expect(code == 2, f"exit code {code}, expected 2", problems)
        expect(re.search(r"needs an estimated [0-9.]+ [MG]iB of memory .*but [0-9]+ MiB is available "
                         r"\(RLIMIT_AS \(ulimit -v\)\).*--force", err), "refusal not explained", problems)
        code, err = run(args + ["--force"], limit_as=512 << 20)
        expect("needs an estimated" not in err, "--force did not skip the check", problems)
        expect(code != 0 and code < 128, f"--force: exit code {code}: expected a named failure", problems)
    else:
        sys.exit(f"unknown scenario {scenario}")
    expect(not os.path.exists(out), f"{out} exists but must not", problems)
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
