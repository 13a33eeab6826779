#!/bin/bash
# A PruneLab experiment sharded over a Slurm job array: array task i of N runs shard i/N.
#
#   jobid=$(sbatch --parsable --array=1-4 docs/cluster/slurm-array.sh my-spec.json results)
#   sbatch --dependency=afterok:$jobid --wrap "npx prunelab merge results/part-*.json --out results/results.json"
#
# Run it from the repository (after npm ci), or set PRUNELAB_DIR to it.
#SBATCH --job-name=prunelab
#SBATCH --cpus-per-task=2
#SBATCH --mem=2G
#SBATCH --output=prunelab-%A_%a.log
set -euo pipefail
spec=${1:?usage: sbatch --array=1-N slurm-array.sh SPEC.json [OUT_DIR]}
out=${2:-results}
count=${SLURM_ARRAY_TASK_COUNT:?run it as a job array: sbatch --array=1-N}
# Array indices may start anywhere (--array=0-3 or 1-4): shard i counts from 1.
i=$((SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-1} + 1))
cd "${PRUNELAB_DIR:-${SLURM_SUBMIT_DIR:-.}}"
mkdir -p "$out"
npx prunelab run "$spec" --shard "$i/$count" --jobs "${SLURM_CPUS_PER_TASK:-1}" --out "$out/part-$i.json" --quiet
