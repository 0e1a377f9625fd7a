#!/usr/bin/env bash
# Run a placesim sweep on a Slurm cluster as a job array: one array task per shard, then a
# merge job that builds summary.h5 once every shard has finished (docs/sweeps.md).
#
#   scripts/slurm-sweep.sh submit SWEEP.toml OUTDIR SHARDS [sbatch options...]
#
# e.g. scripts/slurm-sweep.sh submit experiments/sweeps/relational-sensitivity.toml \
#        /scratch/$USER/sens 16 --partition=compute --account=myproject
#
# OUTDIR must be on a filesystem every node sees. Each array task runs
#   placesim sweep --config SWEEP.toml --out OUTDIR --shard $SLURM_ARRAY_TASK_ID/SHARDS \
#                  --threads $SLURM_CPUS_PER_TASK
# which runs the runs whose index mod SHARDS is the task id, several at a time on the task's
# CPUs. A task that is killed (time limit, node failure, preemption) is simply resubmitted:
#   sbatch --array=5 scripts/slurm-sweep.sh shard SWEEP.toml OUTDIR SHARDS
# and redoes only its unfinished runs. Then run the merge again (or `placesim sweep-merge
# OUTDIR` by hand); it refuses to write a summary while any run is missing.
#
# The "shard" and "merge" modes also work outside Slurm (set SLURM_ARRAY_TASK_ID yourself),
# which is how the test suite checks this script. Set PLACESIM to the binary if it is not on
# PATH.
#
# Resources per array task: edit these or override them on the submit line.
#SBATCH --job-name=placesim-sweep
#SBATCH --cpus-per-task=4
#SBATCH --mem-per-cpu=2G
#SBATCH --time=04:00:00
#SBATCH --output=placesim-sweep-%A_%a.out
set -euo pipefail

PLACESIM=${PLACESIM:-placesim}
usage() {
  sed -n '2,8p' "$0" >&2
  exit 2
}

mode=${1:-}
case "$mode" in
  submit)
    [[ $# -ge 4 ]] || usage
    sweep=$2 out=$3 shards=$4
    shift 4
    # Validate the sweep file before anything is queued: a typo fails here, not on 16 nodes.
    "$PLACESIM" sweep --config "$sweep" --dry-run > /dev/null
    mkdir -p "$out"
    array=$(sbatch --parsable "$@" --array=0-$((shards - 1)) "$0" shard "$sweep" "$out" "$shards")
    # afterany: merge even if some runs failed (exit 1); it still refuses if runs are missing.
    merge=$(sbatch --parsable "$@" --dependency=afterany:"${array%%;*}" --cpus-per-task=1 \
      --time=00:30:00 --job-name=placesim-merge "$0" merge "$out")
    echo "submitted shard array $array and merge job $merge; results in $out/summary.h5"
    ;;
  shard)
    [[ $# -eq 4 ]] || usage
    : "${SLURM_ARRAY_TASK_ID:?shard mode runs as a Slurm array task (or set SLURM_ARRAY_TASK_ID)}"
    exec "$PLACESIM" sweep --config "$2" --out "$3" --shard "$SLURM_ARRAY_TASK_ID/$4" \
      --threads "${SLURM_CPUS_PER_TASK:-1}" --quiet
    ;;
  merge)
    [[ $# -eq 2 ]] || usage
    exec "$PLACESIM" sweep-merge "$2"
    ;;
  *)
    usage
    ;;
esac
