#!/bin/bash
# tools/slurm/submit.sh -- submits a dateline corpus run: a job array of N
# tasks (tools/slurm/dateline-array.sbatch) and the closing status task that
# runs once they have all ended, however they ended.  Prints the job ids.
#
#   tools/slurm/submit.sh N DATABASE INPUT...
#
# Any sbatch option goes in SBATCH_OPTS (e.g. "--partition=short
# --cpus-per-task=8 --time=2:00:00"); sbatch also reads its SBATCH_*
# environment variables.  Logs go to the current directory.
set -eu
if [ $# -lt 3 ]; then
  echo "usage: $0 N DATABASE INPUT..." >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
n=$1 db=$2
shift 2
# shellcheck disable=SC2086
array=$(sbatch --parsable ${SBATCH_OPTS:-} --array=0-$((n - 1)) "$here/dateline-array.sbatch" "$n" "$db" "$@")
array=${array%%;*}
# shellcheck disable=SC2086
status=$(sbatch --parsable ${SBATCH_OPTS:-} --dependency=afterany:"$array" \
  "$here/dateline-status.sbatch" "$n" "$db" "$array" "$PWD")
echo "array job $array (tasks 0-$((n - 1))), status job ${status%%;*}"
