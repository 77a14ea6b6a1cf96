#!/usr/bin/env bash
# bench/slurm/scale.sh -- the scaling figures of docs/scale.md (issue 15):
# one corpus coded into a fresh PostgreSQL schema by a Slurm job array of
# 1, 2 and 4 tasks on a single-host cluster of this machine
# (tools/slurm/local-cluster.sh), next to one `dateline ingest` process
# without Slurm.  For each run: wall time from submission to the last
# task's end, articles per second, the most PostgreSQL connections seen at
# once (pg_stat_activity, sampled every 0.1 s) and the share of samples in
# which a connection waited for a lock.  As root, with DATELINE_TEST_PG set.
#
#   DATELINE_TEST_PG=postgresql://... bench/slurm/scale.sh [BUILD_DIR] [N_ARTICLES] [CPUS]
#
# CPUS (default: the cores) is the node's CPUs; a task of an array of T
# gets max(1, CPUS/T) of them as --cpus-per-task (its --jobs).
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build}
n=${2:-3000}
cpus=${3:-$(nproc)}
bin=$(cd "$build" && pwd)/dateline
pg=${DATELINE_TEST_PG:?set DATELINE_TEST_PG to a PostgreSQL database URL}
[ "$(id -u)" -eq 0 ] || { echo "bench/slurm/scale.sh: run as root (it starts slurmctld, slurmd, munged)" >&2; exit 2; }
work=$(mktemp -d /tmp/dl-scale-XXXXXX)
. "$src/tools/slurm/local-cluster.sh"
schemas=()
sampler=
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null
  local_cluster_stop
  local s
  for s in "${schemas[@]}"; do psql -X -q "$pg" -c "DROP SCHEMA $s CASCADE" >/dev/null 2>&1; done
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 1" INT TERM HUP
local_cluster_start "$work" "$cpus"
mkdir -p "$work/logs"
cp -r "$src/data" "$work/data"
python3 "$src/bench/store/make_corpus.py" "$src/examples" "$n" "$work/corpus.jsonl"
dbname=$(psql -X -At "$pg" -c "SELECT current_database()")

url_for() {   # url_for SCHEMA: the database URL with that search_path
  case $pg in *\?*) sep='&' ;; *) sep='?' ;; esac
  echo "$pg${sep}options=-c%20search_path%3D$1"
}
now() { date +%s.%N; }
# sample OUT: until killed, one line per 0.1 s: connections to the database
# other than the sampler's own, and how many of them wait for a lock
sample() {
  while :; do
    psql -X -At "$pg" -c "SELECT count(*), count(*) FILTER (WHERE wait_event_type = 'Lock')
                          FROM pg_stat_activity WHERE datname = '$dbname' AND pid <> pg_backend_pid()
                            AND backend_type = 'client backend'" 2>/dev/null | tr '|' ' ' >>"$1"
    sleep 0.1
  done
}
# report LABEL SCHEMA T0 T1 SAMPLES
report() {
  local arts el
  arts=$(psql -X -At "$pg" -c "SELECT count(*) FROM $2.articles")
  el=$(echo "$4 - $3" | bc -l 2>/dev/null || python3 -c "print($4 - $3)")
  awk -v label="$1" -v arts="$arts" -v el="$el" '
    { if ($1 > peak) peak = $1; if ($2 > 0) locked++; s++ }
    END { printf "%-28s %7d articles %7.1f s %7.1f articles/s  peak %d connections  lock waits in %d of %d samples\n",
                 label, arts, el, arts / el, peak, locked, s }' "$5"
}
run() {   # run LABEL TASKS: a job array of TASKS tasks (0: one process, no Slurm)
  local label=$1 t=$2 schema="dl_scale_$$_$2" t0 t1 job cpt
  schemas+=("$schema")
  psql -X -q -v ON_ERROR_STOP=1 "$pg" -c "CREATE SCHEMA $schema" >/dev/null
  local db
  db=$(url_for "$schema")
  # the schema first, so that the tasks do not all create it at once
  "$bin" ingest --db "$db" /dev/null >/dev/null 2>&1 || true
  : >"$work/samples.$t"
  sample "$work/samples.$t" &
  sampler=$!
  t0=$(now)
  if [ "$t" -eq 0 ]; then
    "$bin" ingest --data "$work/data" --jobs "$cpus" --db "$db" "$work/corpus.jsonl" 2>"$work/logs/single.err"
  else
    cpt=$((cpus / t)); [ "$cpt" -ge 1 ] || cpt=1
    job=$(sbatch --parsable --chdir="$work/logs" --export="ALL,DATELINE=$bin,DATELINE_ARGS=--data $work/data" \
      --array=0-$((t - 1)) --cpus-per-task="$cpt" -o "$work/logs/d-%A_%a.out" -e "$work/logs/d-%A_%a.err" \
      "$src/tools/slurm/dateline-array.sbatch" "$t" "$db" "$work/corpus.jsonl" | cut -d';' -f1)
    while [ -n "$(squeue -h -j "$job" 2>/dev/null)" ]; do sleep 0.1; done
    label="$label (--cpus-per-task=$cpt)"
  fi
  t1=$(now)
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  sampler=
  report "$label" "$schema" "$t0" "$t1" "$work/samples.$t"
}

echo "corpus: $n articles (bench/store/make_corpus.py), node: $cpus CPUs, $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d" " -f1-3 /proc/loadavg)"
run "1 process, no Slurm (--jobs $cpus)" 0
run "array of 1 task" 1
run "array of 2 tasks" 2
run "array of 4 tasks" 4
