#!/usr/bin/python3
"""`placesim run` never replaces an existing output unless --overwrite is given: without it the
run stops before any work with exit code 2 and the file is untouched; with it the file is
replaced by a finished HDF5 file and nothing else is left in the directory. Only a regular file
is ever replaced: a FIFO, a device node, a symbolic link to one, or a directory is refused even
with --overwrite; a symbolic link (dangling or not) counts as existing. Output problems (an
existing directory, an unwritable directory) are found before simulating. The file records the
number of threads actually used, not 0.

usage: check_no_overwrite.py PLACESIM WORKDIR"""
import os
import shutil
import stat
import subprocess
import sys

SMALL = ["--preset", "silo-vs-relational", "--days", "3", "--set", "place.citizens=400", "--quiet"]


def refused(exe, out, what, want, overwrite=True, args=SMALL, timeout=120):
    """Runs with --out OUT; returns problems unless it exits 2 naming OUT and `want`."""
    cmd = [exe, "run", *args, "--out", out] + (["--overwrite"] if overwrite else [])
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return [f"{what}: still running after {timeout} s; the problem was not found before "
                f"simulating"]
    print(f"{what}:", r.returncode, r.stderr.strip())
    if r.returncode != 2 or out not in r.stderr or want not in r.stderr:
        return [f"{what}: exit code {r.returncode}, stderr {r.stderr!r}; expected 2 naming "
                f"{out} and '{want}'"]
    return []


def not_regular(exe, work):
    problems = []
    fifo = os.path.join(work, "fifo.h5")
    os.mkfifo(fifo)
    problems += refused(exe, fifo, "FIFO with --overwrite", "FIFO")
    if not stat.S_ISFIFO(os.lstat(fifo).st_mode):
        problems.append("the FIFO was replaced")
    link = os.path.join(work, "null.h5")
    os.symlink("/dev/null", link)
    problems += refused(exe, link, "symbolic link to /dev/null with --overwrite",
                        "symbolic link to a character device")
    if not os.path.islink(link) or os.readlink(link) != "/dev/null":
        problems.append("the link to /dev/null was replaced")
    if os.geteuid() == 0:
        node = os.path.join(work, "node.h5")
        os.mknod(node, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        problems += refused(exe, node, "device node with --overwrite", "character device")
        if not stat.S_ISCHR(os.lstat(node).st_mode):
            problems.append("the device node was replaced")
        os.remove(node)
    dangling = os.path.join(work, "dangling.h5")
    os.symlink(os.path.join(work, "nowhere.h5"), dangling)
    problems += refused(exe, dangling, "dangling symbolic link without --overwrite",
                        "--overwrite", overwrite=False)
    if not os.path.islink(dangling) or os.path.exists(os.path.join(work, "nowhere.h5")):
        problems.append("the dangling link was replaced or followed")
    for f in (fifo, link, dangling):
        if os.path.lexists(f):
            os.remove(f)
    return problems


# Days enough that simulating would take minutes: the problem must be found first.
LONG = ["--preset", "silo-vs-relational", "--days", "3650", "--set", "place.citizens=20000",
        "--quiet"]


def found_before_simulating(exe, work):
    problems = []
    sub = os.path.join(work, "existing_dir")
    os.makedirs(sub)
    problems += refused(exe, sub, "an existing directory with --overwrite", "is a directory",
                        args=LONG, timeout=60)
    if sorted(os.listdir(work)) != ["existing_dir", "out.h5"]:
        problems.append(f"existing directory: left {os.listdir(work)}")
    os.rmdir(sub)

    # An unwritable directory: permissions for a normal user; root ignores them, so a read-only
    # tmpfs when root may mount one, else /proc (where nobody may create files).
    locked = os.path.join(work, "locked")
    os.makedirs(locked)
    mounted = False
    if os.geteuid() != 0:
        os.chmod(locked, 0o555)
    else:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", locked],
                                 capture_output=True).returncode == 0
        if not mounted:
            locked = "/proc"
    try:
        problems += refused(exe, os.path.join(locked, "out.h5"), "an unwritable directory",
                            "cannot create a file in directory", args=LONG, overwrite=False,
                            timeout=60)
    finally:
        if mounted:
            subprocess.run(["umount", locked])
        if locked != "/proc":
            os.chmod(locked, 0o755)
            os.rmdir(locked)
    return problems


def main(exe, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    out = os.path.join(work, "out.h5")
    precious = b"an earlier result that must survive\n"
    with open(out, "wb") as f:
        f.write(precious)
    problems = []

    r = subprocess.run([exe, "run", *SMALL, "--out", out], capture_output=True, text=True, timeout=120)
    print("without --overwrite:", r.returncode, r.stderr.strip())
    if r.returncode != 2:
        problems.append(f"without --overwrite: exit code {r.returncode}, expected 2")
    if "--overwrite" not in r.stderr or out not in r.stderr:
        problems.append("without --overwrite: stderr should name the file and --overwrite")
    with open(out, "rb") as f:
        if f.read() != precious:
            problems.append("without --overwrite: the existing file was changed")
    if os.listdir(work) != ["out.h5"]:
        problems.append(f"without --overwrite: directory holds {os.listdir(work)}")

    r = subprocess.run([exe, "run", *SMALL, "--out", out, "--overwrite", "--threads", "0"],
                       capture_output=True, text=True, timeout=120)
    print("with --overwrite:", r.returncode, r.stderr.strip())
    if r.returncode != 0:
        problems.append(f"with --overwrite: exit code {r.returncode}, expected 0")
    with open(out, "rb") as f:
        if f.read(8) != b"\x89HDF\r\n\x1a\n":
            problems.append("with --overwrite: the file is not an HDF5 file")
    if os.listdir(work) != ["out.h5"]:
        problems.append(f"with --overwrite: directory holds {os.listdir(work)}")
    import h5py
    with h5py.File(out, "r") as f:
        if int(f.attrs["threads"]) < 1:
            problems.append(f"--threads 0: the file records threads = {f.attrs['threads']}")

    missing_dir = os.path.join(work, "no", "such", "dir", "out.h5")
    r = subprocess.run([exe, "run", *SMALL, "--out", missing_dir], capture_output=True, text=True,
                       timeout=120)
    print("missing directory:", r.returncode, r.stderr.strip())
    if r.returncode != 2 or "does not exist" not in r.stderr:
        problems.append(f"missing output directory: exit code {r.returncode}, stderr {r.stderr!r}")

    problems += not_regular(exe, work)
    problems += found_before_simulating(exe, work)

    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
